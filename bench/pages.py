#!/usr/bin/env python
"""Page timings at two data sizes in one run, as ratios (the machine is noisy; ratios hold).

    make bench-pages SMALL=1000 LARGE=100000

Two PostgreSQL databases (``bench_small``, ``bench_large`` by default) are created, migrated,
loaded with reference data and ``seed_volume`` once, and kept for later runs. Each page is then
requested in-process through Django's test client with production settings (DEBUG off, HTTPS,
cached templates), alternating between the two sizes so that noise falls on both alike. For each
page and size: p50 and p95 wall time, the SQL time inside it and the query count; then the ratios
the targets are stated in (p95 large ÷ p95 small; page ÷ the admin changelist on the same rows;
page p95 ÷ its SQL time).

Options: --small N --large N --repeat R (requests per page and size, default 30) --only SUBSTRING.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess  # nosec B404: runs this project's own manage.py with an argument list
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def _manage(url: str, *args: str, debug: bool = False) -> str:
    env = os.environ | {"DATABASE_URL": url, "DEBUG": "True" if debug else "False", "SECRET_KEY": "bench-only",
                        "ALLOWED_HOSTS": "testserver", "TWO_FACTOR_REQUIRED": "False"}  # fmt: skip
    env.pop("REDIS_URL", None)
    done = subprocess.run(  # nosec B603: fixed argument list
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def prepare(name: str, clients: int) -> str:
    """Create, migrate and fill the database once; later runs reuse it."""
    import psycopg2

    url = f"{PG}/{name}"
    admin = psycopg2.connect(f"{PG}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone()
        if not exists:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    _manage(url, "migrate", "--noinput")
    marker = _manage(url, "shell", "-c", "from reintegration.models import Case; print(Case.objects.count())")
    if int(marker.strip().splitlines()[-1]) < clients:
        print(f"seeding {name} with {clients} clients (once)...", flush=True)
        _manage(url, "load_reference_data")
        _manage(url, "seed_demo", debug=True)
        _manage(url, "seed_volume", "--clients", str(clients), debug=True)
        _manage(url, "shell", "-c", "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')")
    return url


# ------------------------------------------------------------------------------------------------
# In-process measurement
# ------------------------------------------------------------------------------------------------
@dataclass
class Sample:
    wall: list[float] = field(default_factory=list)
    sql: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    status: set[int] = field(default_factory=set)


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def setup_django(small_url: str, large_url: str) -> None:
    os.environ.update(DEBUG="False", SECRET_KEY="bench-only", ALLOWED_HOSTS="testserver", TWO_FACTOR_REQUIRED="False",
                      DATABASE_URL=small_url)  # fmt: skip
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import environ
    from django.conf import settings

    # Before django.setup(): the connection handler and the router read these once.
    large = environ.Env.db_url_config(large_url)
    large.update({k: v for k, v in settings.DATABASES["default"].items() if k not in large})
    settings.DATABASES["large"] = large
    settings.DATABASE_ROUTERS = [ROUTER]
    import django

    django.setup()


class SizeRouter:
    """Send every query to the size being measured."""

    alias = "default"

    def db_for_read(self, model, **hints):
        return SizeRouter.alias

    def db_for_write(self, model, **hints):
        return SizeRouter.alias

    def allow_relation(self, *args, **hints):
        return True


ROUTER = SizeRouter()


@dataclass
class Page:
    name: str
    persona: str
    url: str  # computed per size: ids differ between databases
    admin_of: str = ""  # the page whose rows this admin changelist shows


def personas() -> dict:
    """The accounts pages are requested as, found in the seeded data of the current size."""
    from accounts.models import User
    from grants.models import CommitteeMembership

    chair = CommitteeMembership.objects.filter(user__email__startswith="volume.committee0").order_by("-pk").first()
    return {
        "counsellor": User.objects.get(email="counsellor.sam@demo.ge"),
        "officer": User.objects.get(email="officer@demo.ge"),
        "chair": chair.user,
        "anonymous": None,
    }


def pages() -> list[Page]:
    from django.urls import reverse

    from grants.models import CommitteeMembership, Proposal
    from reintegration.models import Case
    from surveys.models import Round

    case = Case.objects.filter(hub__code="SAM").order_by("-pk").first()
    chair = CommitteeMembership.objects.filter(user__email__startswith="volume.committee0").order_by("-pk").first()
    proposal = Proposal.objects.filter(cycle=chair.cycle).order_by("pk").first()
    survey = Round.objects.filter(name_en__startswith="Volume test").order_by("-pk").first()
    cases = reverse("reintegration:case-list")
    admin_cases = reverse("admin:reintegration_case_changelist")
    referrals = reverse("referrals:referral-list")
    return [
        Page("case list", "counsellor", cases),
        Page("case list, status filter", "officer", f"{cases}?status=active"),
        Page("case list, deep page", "officer", f"{cases}?page=200"),
        Page(
            "admin cases, status filter", "officer", f"{admin_cases}?status__exact=active", "case list, status filter"
        ),
        Page("name search ka", "officer", f"{cases}?q=ნინო ბერიძე"),
        Page("name search latin", "officer", f"{cases}?q=nino beridze"),
        Page("name search typo", "officer", f"{cases}?q=nino beridse"),
        Page("admin cases, search", "officer", f"{admin_cases}?q=nino beridze", "name search latin"),
        Page("case page", "counsellor", reverse("reintegration:case-detail", args=[case.pk])),
        Page(
            "case page, sessions tab",
            "counsellor",
            reverse("reintegration:case-detail", args=[case.pk]) + "?tab=sessions",
        ),
        Page(
            "case page, referrals tab",
            "counsellor",
            reverse("reintegration:case-detail", args=[case.pk]) + "?tab=referrals",
        ),
        Page(
            "case page, timeline tab",
            "counsellor",
            reverse("reintegration:case-detail", args=[case.pk]) + "?tab=timeline",
        ),
        Page("intake search", "counsellor", f"{reverse('reintegration:intake')}?q=გიორგი მაისურაძე"),
        Page("referral list, counsellor", "counsellor", referrals),
        Page("referral list, officer", "officer", referrals),
        Page("admin referrals", "officer", reverse("admin:referrals_referral_changelist"), "referral list, officer"),
        Page("my work", "counsellor", reverse("reintegration:my-work")),
        Page("committee cycle", "chair", reverse("grants:cycle-detail", args=[chair.cycle_id])),
        Page("proposal scoring", "chair", reverse("grants:proposal-detail", args=[proposal.pk])),
        Page("dashboard", "officer", reverse("dashboard:home")),
        Page("survey analysis", "officer", reverse("surveys:round-analysis", args=[survey.pk])),
        Page("HSDS API list", "anonymous", reverse("hsds:service-list")),
    ]


def measure(repeat: int, only: str) -> dict[str, dict[str, Sample]]:
    from django.db import connections
    from django.test import Client

    results: dict[str, dict[str, Sample]] = {}
    plans = {}
    for alias in ("default", "large"):
        SizeRouter.alias = alias
        people = personas()
        clients = {}
        for persona, user in people.items():
            client = Client()
            if user is not None:
                client.force_login(user)
            clients[persona] = client
        plans[alias] = (clients, [p for p in pages() if only in p.name])
    names = [p.name for p in plans["default"][1]]
    for index, name in enumerate(names):
        results[name] = {"default": Sample(), "large": Sample()}
        for round_ in range(repeat + 2):  # two warm-up requests per size
            for alias in ("default", "large"):
                SizeRouter.alias = alias
                clients, page_list = plans[alias]
                page = page_list[index]
                sample = results[name][alias]
                spent = [0.0, 0]

                def timer(execute, sql, params, many, context, spent=spent):
                    started = time.perf_counter()
                    try:
                        return execute(sql, params, many, context)
                    finally:
                        spent[0] += time.perf_counter() - started
                        spent[1] += 1

                with connections[alias].execute_wrapper(timer):
                    started = time.perf_counter()
                    response = clients[page.persona].get(page.url, secure=True)
                    if hasattr(response, "streaming_content"):
                        for _chunk in response.streaming_content:
                            pass
                    wall = time.perf_counter() - started
                if round_ >= 2:
                    sample.wall.append(wall)
                    sample.sql.append(spent[0])
                    sample.queries.append(spent[1])
                    sample.status.add(response.status_code)
        print(f"  measured {name}", file=sys.stderr, flush=True)
    return results


def report(results, small: int, large: int) -> str:
    admin_of = {p.admin_of: p.name for p in _page_defs_cache}
    lines = [
        f"| page | status | queries {small} / {large} | p50 ms {small} | p95 ms {small} | p50 ms {large} | "
        f"p95 ms {large} | SQL ms p95 {large} | p95 ratio | p95 ÷ SQL ({large}) | ÷ admin p95 |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, sizes in results.items():
        s, g = sizes["default"], sizes["large"]
        queries = f"{max(s.queries)} / {max(g.queries)}"
        ratio = _p(g.wall, 0.95) / _p(s.wall, 0.95)
        sql = _p(g.sql, 0.95)
        against = ""
        if name in admin_of and admin_of[name] in results:
            against = f"{_p(g.wall, 0.95) / _p(results[admin_of[name]]['large'].wall, 0.95):.2f}"
        lines.append(
            f"| {name} | {','.join(map(str, sorted(s.status | g.status)))} | {queries} | "
            f"{1000 * _p(s.wall, 0.5):.0f} | {1000 * _p(s.wall, 0.95):.0f} | {1000 * _p(g.wall, 0.5):.0f} | "
            f"{1000 * _p(g.wall, 0.95):.0f} | {1000 * sql:.0f} | {ratio:.2f} | "
            f"{_p(g.wall, 0.95) / sql if sql else float('inf'):.1f} | {against} |"
        )
    return "\n".join(lines)


_page_defs_cache: list[Page] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--only", default="")
    parser.add_argument("--small-db", default="bench_small")
    parser.add_argument("--large-db", default="bench_large")
    args = parser.parse_args()
    small_url = prepare(args.small_db, args.small)
    large_url = prepare(args.large_db, args.large)
    _manage(small_url, "collectstatic", "--noinput", "-v0")  # production settings serve the hashed manifest
    setup_django(small_url, large_url)
    SizeRouter.alias = "default"
    _page_defs_cache.extend(p for p in pages() if args.only in p.name)
    results = measure(args.repeat, args.only)
    print(report(results, args.small, args.large))
    ratios = [_p(r["large"].wall, 0.95) / _p(r["default"].wall, 0.95) for r in results.values()]
    print(f"\n({args.repeat} requests per page and size; median p95 ratio {statistics.median(ratios):.2f})")


if __name__ == "__main__":
    main()
