"""Each role's main pages, as locust users (started by bench/load.py, which passes the plan in BENCH_LOAD_PLAN).

Every request goes to 127.0.0.1 only. The server runs with production settings (DEBUG off, HTTPS
expected): the users send ``X-Forwarded-Proto: https`` as the TLS proxy does, and keep the session
and CSRF cookies (marked Secure) on the plain-HTTP loopback connection. A page answering anything
but 200 (a redirect, to the sign-in page or anywhere else, included) counts as an error.
"""

import json
import os
import re

from locust import HttpUser, between, task

PLAN = json.loads(os.environ.get("BENCH_LOAD_PLAN", "{}"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class RoleUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)  # a person reads the page before the next click
    role = ""

    def on_start(self):
        origin = self.host.replace("http://", "https://")
        self.client.headers.update({"X-Forwarded-Proto": "https", "Origin": origin, "Referer": f"{origin}/"})
        login = self.client.get(PLAN["login"], name="sign-in page")
        self._insecure_cookies()
        token = CSRF.search(login.text)
        account = PLAN["accounts"][self.role]
        with self.client.post(
            PLAN["login"],
            data={"username": account, "password": PLAN["password"], "csrfmiddlewaretoken": token and token.group(1)},
            name="sign in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or PLAN["login"] in response.headers.get("Location", PLAN["login"]):
                response.failure(f"{self.role} could not sign in (status {response.status_code})")
        self._insecure_cookies()

    def _insecure_cookies(self):
        """The session and CSRF cookies are Secure (and renewed on every response): unmark them so that
        they are sent on the plain-HTTP loopback connection. No request here follows a redirect."""
        for cookie in self.client.cookies:
            cookie.secure = False

    def page(self, name: str):
        with self.client.get(PLAN["pages"][name], name=name, allow_redirects=False, catch_response=True) as response:
            self._insecure_cookies()
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")


class Counsellor(RoleUser):
    weight = 5
    role = "counsellor"

    @task
    def home(self):
        self.page("counsellor: home")

    @task
    def case_list(self):
        self.page("counsellor: case list")

    @task
    def case_page(self):
        self.page("counsellor: case page")

    @task
    def search(self):
        self.page("counsellor: search")

    @task
    def referral_list(self):
        self.page("counsellor: referral list")

    @task
    def my_work(self):
        self.page("counsellor: my work")


class HubLead(RoleUser):
    weight = 2
    role = "hub_lead"

    @task
    def home(self):
        self.page("hub lead: home")

    @task
    def approvals(self):
        self.page("hub lead: approvals")


class Officer(RoleUser):
    weight = 2
    role = "officer"

    @task
    def dashboard(self):
        self.page("officer: dashboard")

    @task
    def referral_list(self):
        self.page("officer: referral list")

    @task
    def case_list(self):
        self.page("officer: case list")


class CommitteeMember(RoleUser):
    weight = 1
    role = "committee_member"

    @task
    def cycle(self):
        self.page("committee: cycle page")

    @task
    def scoring(self):
        self.page("committee: proposal scoring")
