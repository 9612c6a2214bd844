#!/usr/bin/env python
"""Streamed exports on a large database: time to the first byte, total time, memory growth.

    .venv/bin/python bench/exports.py --db bench_large [--round-name "Volume test"]

Requests the raw survey responses (XLSX) of the round with the most responses, and the RSS export
(CSV and XLSX), in-process through Django's test client with production settings, reading the
streamed response chunk by chunk as a client would. Memory is the process's resident set size
(``/proc/self/statm``) sampled at every chunk: the growth is the peak minus the size before the
request. (tracemalloc would slow openpyxl several-fold and so distort the times.)

Give the round 100,000 responses first (in a copy of the bench database, not the shared one), e.g.
``INSERT INTO surveys_response (...) SELECT ... FROM surveys_response, generate_series(1, 19)``.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def setup(db: str) -> None:
    os.environ.update(DEBUG="False", SECRET_KEY="bench-only", ALLOWED_HOSTS="testserver", TWO_FACTOR_REQUIRED="False",
                      DATABASE_URL=f"{PG}/{db}", DJANGO_SETTINGS_MODULE="config.settings")  # fmt: skip
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def measure(client, url: str) -> dict:
    before = rss_mb()
    peak = before
    started = time.perf_counter()
    response = client.get(url, secure=True)
    assert response.status_code == 200, (url, response.status_code)
    first = None
    size = 0
    for index, chunk in enumerate(response.streaming_content, 1):
        if first is None:
            first = time.perf_counter() - started
        size += len(chunk)
        if index % 16 == 0:
            peak = max(peak, rss_mb())
    total = time.perf_counter() - started
    peak = max(peak, rss_mb())
    response.close()
    return {"first": first, "total": total, "bytes": size, "growth": peak - before}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="bench_large")
    args = parser.parse_args()
    setup(args.db)
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from rss.models import Round as RssRound
    from surveys.models import Round

    survey = Round.objects.annotate(n=Count("responses")).order_by("-n").first()
    client = Client()
    client.force_login(User.objects.get(email="officer@demo.ge"))
    rss_rows = RssRound.objects.completed().count()
    exports = [
        (f"survey raw responses XLSX ({survey.n:,} rows)", reverse("surveys:round-responses-export", args=[survey.pk])),
        (f"RSS rounds CSV ({rss_rows:,} rows)", reverse("rss:export")),
        (f"RSS rounds XLSX ({rss_rows:,} rows)", reverse("rss:export") + "?format=xlsx"),
    ]
    print("| export | first byte s | total s | size MB | memory growth MB (RSS) |")
    print("|---|---:|---:|---:|---:|")
    for name, url in exports:
        result = measure(client, url)
        print(
            f"| {name} | {result['first']:.2f} | {result['total']:.1f} | {result['bytes'] / 2**20:.1f} | "
            f"{result['growth']:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
