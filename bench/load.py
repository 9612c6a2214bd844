#!/usr/bin/env python
"""Load bench: each role's main pages under simulated users (locust), against the production stack.

    make bench-load                                   # 50 users for 10 minutes
    .venv/bin/python bench/load.py --users 10 --minutes 1

Everything runs on this machine and listens on 127.0.0.1 only:

1. the PostgreSQL database ``bench_load`` is created, migrated, loaded with reference data, the demo
   data and ``seed_volume --clients 1000`` once (seeding with DEBUG=True), and kept for later runs;
2. the bench accounts (the demo's counsellor and hub lead of Samtredia, the officer, a volume
   committee member) get the bench password, in that database only;
3. gunicorn serves ``config.wsgi`` with production settings (DEBUG=False, a bench SECRET_KEY,
   ALLOWED_HOSTS=127.0.0.1, static files collected for WhiteNoise) and a Celery worker runs on
   Redis (REDIS_URL, or redis://127.0.0.1:6379/15), as in production; gunicorn keeps an idle
   connection 10 s (its default of 2 s is shorter than a user's pause: the user's next request would
   race the server closing the connection and count as an error; a proxy in front does this job);
4. locust (bench/locustfile.py) runs N users (counsellors, hub leads, officers and committee
   members, 5:2:2:1) for M minutes, each signing in once and then opening its role's main pages
   with 1–3 s between clicks.

Two-factor sign-in is off for the bench (TWO_FACTOR_REQUIRED=False): the simulated users cannot read
an authenticator; the pages behind it are the same. The table printed at the end (requests, errors,
p50 and p95 per page) goes into bench/RESULTS.md with the command. Exits 1 if any request failed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess  # nosec B404: starts this project's own processes with argument lists
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import PG, ROOT, prepare  # noqa: E402

DATABASE = "bench_load"
HOST = "127.0.0.1"
PASSWORD = "bench-load-only-2026"  # nosec B105: set in the throw-away bench database only

PLAN_SCRIPT = """
import json
from django.urls import reverse
from accounts.models import User
from grants.models import CommitteeMembership, Proposal
from reintegration.models import Case

member = CommitteeMembership.objects.filter(user__email__startswith="volume.committee").order_by("-pk").first()
accounts = {"counsellor": "counsellor.sam@demo.ge", "hub_lead": "lead.sam@demo.ge", "officer": "officer@demo.ge",
            "committee_member": member.user.email}
for email in accounts.values():
    user = User.objects.get(email=email)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
case = Case.objects.filter(hub__code="SAM").order_by("-pk").first()
proposal = Proposal.objects.filter(cycle=member.cycle).order_by("pk").first()
cases, referrals = reverse("reintegration:case-list"), reverse("referrals:referral-list")
home = reverse("dashboard:home")
pages = {
    "counsellor: home": home,
    "counsellor: case list": cases,
    "counsellor: case page": reverse("reintegration:case-detail", args=[case.pk]),
    "counsellor: search": reverse("reintegration:intake") + "?q=გიორგი მაისურაძე",
    "counsellor: referral list": referrals,
    "counsellor: my work": reverse("reintegration:my-work"),
    "hub lead: home": home,
    "hub lead: approvals": reverse("reintegration:my-work") + "#approvals-title",
    "officer: dashboard": home,
    "officer: referral list": referrals,
    "officer: case list": cases,
    "committee: cycle page": reverse("grants:cycle-detail", args=[member.cycle_id]),
    "committee: proposal scoring": reverse("grants:proposal-detail", args=[proposal.pk]),
}
print("PLAN" + json.dumps({"accounts": accounts, "pages": pages, "login": reverse("accounts:login")}))
"""


def _local(url: str) -> str:
    host = urlparse(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"The bench talks to local addresses only, not {host}.")
    return url


def _environment(database_url: str, redis_url: str) -> dict:
    env = os.environ | {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DEBUG": "False",
        "SECRET_KEY": "bench-load-only-secret-key-never-used-in-production-9f2c4e",
        "ALLOWED_HOSTS": HOST,
        "TWO_FACTOR_REQUIRED": "False",
        "CONN_MAX_AGE": "60",
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    return env


def _run(args: list[str], env: dict) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # nosec B603
    if done.returncode:
        raise SystemExit(f"{' '.join(args[:4])} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def _wait_until_up(url: str, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
            with urllib.request.urlopen(request, timeout=5) as response:  # nosec B310: a loopback address
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"gunicorn did not answer {url} within {seconds} s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def table(stats: Path) -> tuple[str, int]:
    """The markdown table of locust's stats file, and the number of failed requests."""
    lines = ["| page | requests | errors | p50 ms | p95 ms | p99 ms | max ms |", "|---|---:|---:|---:|---:|---:|---:|"]
    failures = 0
    with open(stats, newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        failures += int(row["Failure Count"]) if row["Name"] != "Aggregated" else 0
        name = "**all requests**" if row["Name"] == "Aggregated" else row["Name"]
        lines.append(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | {row['95%']} "
            f"| {row['99%']} | {float(row['Max Response Time']):.0f} |"
        )
    return "\n".join(lines), failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--spawn-rate", type=float, default=5, help="users started per second")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--gunicorn-workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (gthread)")
    parser.add_argument("--clients", type=int, default=1000, help="seed_volume --clients for a new database")
    args = parser.parse_args()
    if not (1 <= args.users <= 200 and 0 < args.minutes <= 30):
        raise SystemExit("Bounded: 1–200 users, at most 30 minutes.")
    redis_url = _local(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15")
    _local(PG)

    database_url = prepare(DATABASE, args.clients)
    env = _environment(database_url, redis_url)
    plan_out = _run([sys.executable, "manage.py", "shell", "-c", f"PASSWORD={PASSWORD!r}\n{PLAN_SCRIPT}"], env)
    plan = json.loads(plan_out.split("PLAN", 1)[1]) | {"password": PASSWORD}
    _run([sys.executable, "manage.py", "axes_reset"], env)
    _run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)

    bin_dir = Path(sys.executable).parent
    worker = subprocess.Popen(  # nosec B603: fixed argument list
        [str(bin_dir / "celery"), "-A", "config", "worker", "--loglevel=WARNING", "--concurrency=1", "-n", "bench@%h"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    server = subprocess.Popen(  # nosec B603: fixed argument list
        [str(bin_dir / "gunicorn"), "config.wsgi", "--bind", f"{HOST}:{args.port}", "--workers",
         str(args.gunicorn_workers), "--worker-class", "gthread", "--threads", str(args.threads), "--timeout", "60",
         "--keep-alive", "10", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    host = f"http://{HOST}:{args.port}"
    try:
        _wait_until_up(f"{host}/healthz")
        with tempfile.TemporaryDirectory() as folder:
            prefix = Path(folder) / "load"
            command = [str(bin_dir / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                       "--host", host, "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
                       "--run-time", f"{int(args.minutes * 60)}s", "--csv", str(prefix), "--only-summary",
                       "--stop-timeout", "10", "--loglevel", "WARNING"]  # fmt: skip
            started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
            subprocess.run(command, cwd=ROOT, env=env | {"BENCH_LOAD_PLAN": json.dumps(plan)}, check=False)  # nosec B603
            text, failures = table(Path(f"{prefix}_stats.csv"))
    finally:
        _stop(server)
        _stop(worker)
    print(
        f"\n{args.users} users for {args.minutes:g} min, started {started}; gunicorn {args.gunicorn_workers}×"
        f"{args.threads} threads, 1 Celery worker, PostgreSQL {DATABASE} ({args.clients} volume clients)\n"
    )
    print(text)
    print(f"\nerrors: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
