#!/usr/bin/env python3
"""Benchmark of the office's reports on a large data set: GET /api/v1/stats/, the dashboard page
/kantor/statistik/ and the register downloads, with --disputes disputes (default 100 000).

What it does (see bench/README.md, "Office statistics"):
1. (Re)creates the PostgreSQL database --database-url (default sikhi_bench_stats on 127.0.0.1) and migrates
   it; with --reuse it keeps a database already seeded with the same --disputes and --seed.
2. Seeds with bulk_create: staff for every office, workers and companies, then --disputes disputes spread
   over the 28 offices (weighted by size), the four types and three years up to today, each in a state
   that fits its age, with the fields a real one would have (numbers, registration numbers, mediator,
   timestamps), its audit events, its deadlines (some overdue) and, where the case reached it, the
   recommendation and its answers (some rejected by silence).
3. Calls each report in-process through Django's test client (the whole request: middleware, auth, view,
   queries, rendering; no network), --warmup times, then --runs times, and reports the median, min and
   max time and the number of SQL queries of one call; the slowest queries are in the JSON.

Loopback only. Results: a table on stdout and JSON under var/bench/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import ipaddress
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/sikhi_bench_stats"
BATCH = 5000

# Relative sizes of the offices' caseloads (the industrial regencies and cities get more).
BUSY = {"32.73": 10, "32.16": 9, "32.75": 8, "32.15": 7, "32.04": 6, "32.17": 4, "32.71": 4, "32.01": 4,
        "32.14": 4, "32.76": 3, "32.77": 3, "32": 1}  # the others: 2
TYPES = [("phk", 50), ("hak", 30), ("kepentingan", 15), ("antar_serikat", 5)]
OUTCOMES = [("settled_bipartite", 22), ("settled_mediation", 14), ("court_referral", 24), ("withdrawn", 17),
            ("struck_off", 4), ("referred_conciliation", 4), ("referred_arbitration", 1),
            ("withdrawn_bipartite", 10)]
ACTIVE = [("bipartite_invited", 10), ("bipartite", 18), ("bipartite_failed", 6), ("registration_submitted", 6),
          ("registration_returned", 2), ("adr_offered", 5), ("awaiting_mediator", 6), ("mediation", 25),
          ("recommendation_issued", 7), ("agreement_drafting", 5)]
REGISTERED = {"registration_submitted", "registration_returned", "adr_offered", "awaiting_mediator", "mediation",
              "recommendation_issued", "settled_mediation", "court_referral", "struck_off",
              "referred_conciliation", "referred_arbitration", "withdrawn"}
MEDIATED = {"mediation", "recommendation_issued", "settled_mediation", "court_referral", "struck_off"}


def require_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    try:
        ok = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        ok = False
    if not ok:
        sys.exit(f"the database must be on this machine's loopback: {url}")


def recreate_database(url: str) -> dict:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name in ("postgres", "template0", "template1"):
        sys.exit(f"refusing to recreate database {name!r}: name a dedicated one, e.g. .../sikhi_bench_stats")
    t0 = time.monotonic()
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True, connect_timeout=5) as c:
        c.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        c.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    t1 = time.monotonic()
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "sikhi.settings.local"}
    env.pop("REDIS_URL", None)
    done = subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], cwd=BASE_DIR, env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        sys.exit(f"migrate failed:\n{done.stdout}\n{done.stderr}")
    return {"create_s": round(t1 - t0, 2), "migrate_s": round(time.monotonic() - t1, 2)}


def django_setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "sikhi.settings.local"
    os.environ["DJANGO_DEBUG"] = "false"  # as in production: no query log kept unless asked for
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([k for k, _w in weighted], weights=[w for _k, w in weighted])[0]


# --- seeding ------------------------------------------------------------------------------------------------


def seed(count: int, seed_value: int, now: dt.datetime) -> dict:
    """Seed `count` disputes and everything the reports read; returns what was made and how long it took."""
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from accounts.calendar import due_at
    from accounts.models import Company, Office, Role, User
    from disputes.models import Deadline, Dispute, DisputeEvent
    from mediation.models import Recommendation, RecommendationAnswer

    rng = random.Random(seed_value)
    t0 = time.monotonic()
    offices = list(Office.objects.order_by("code"))
    weights = [BUSY.get(o.code, 2) for o in offices]
    password = make_password(None)  # unusable: nobody signs in with these accounts
    staff, mediators = [], {}
    for o in offices:
        for i in range(2):
            staff.append(User(username=f"off-{o.code}-{i}", name=f"Petugas {o.code} {i}", role=Role.OFFICER,
                              office=o, password=password))
        for i in range(4 if o.code != "32" else 2):
            staff.append(User(username=f"med-{o.code}-{i}", name=f"Mediator {o.code} {i}", role=Role.MEDIATOR,
                              office=o, password=password))
    with transaction.atomic():
        User.objects.bulk_create(staff, batch_size=BATCH)
        for u in User.objects.filter(role=Role.MEDIATOR):
            mediators.setdefault(u.office_id, []).append(u.pk)
        companies = Company.objects.bulk_create([
            Company(name=f"PT Bench Stats {i}", nib=f"{8_000_000_000_000 + i}", address="Jl. Bench 2",
                    regency=offices[i % len(offices)], email=f"hr{i}@stats.test", verified_at=now)
            for i in range(2000)], batch_size=BATCH)
        workers = User.objects.bulk_create([
            User(username=f"w-stats-{i}", name=f"Pekerja {i}", email=f"w{i}@stats.test", role=Role.WORKER,
                 nik=f"{3_200_000_000_000_000 + i}", password=password)
            for i in range(max(1, count // 5))], batch_size=BATCH)
    t1 = time.monotonic()

    start = dt.datetime(now.year - 2, 1, 1, 8, tzinfo=now.tzinfo)
    span = (now - start).total_seconds()
    seq: dict[tuple[str, int, str], int] = {}
    plans = []
    for i in range(count):
        office = rng.choices(offices, weights=weights)[0]
        submitted = start + dt.timedelta(seconds=rng.random() * span * 0.995)
        age = (now - submitted).days
        fate = pick(rng, OUTCOMES) if rng.random() < min(0.95, age / 160) else pick(rng, ACTIVE)
        plans.append((i, office, submitted, fate))
    plans.sort(key=lambda p: p[2])  # ids grow with filing time, as in production

    disputes = []
    timeline = []
    for i, office, submitted, fate in plans:
        dtype = pick(rng, TYPES)
        if fate == "referred_arbitration" and dtype not in ("kepentingan", "antar_serikat"):
            dtype = "kepentingan"
        if fate == "referred_conciliation" and dtype == "hak":
            dtype = "phk"
        days = lambda lo, hi: dt.timedelta(days=rng.uniform(lo, hi))  # noqa: E731
        t = {"submit": submitted}
        cursor = submitted
        if fate not in ("bipartite_invited", "withdrawn_bipartite"):
            cursor += days(1, 7)
            t["accept_bipartite"] = cursor
        elif fate == "withdrawn_bipartite":
            cursor += days(2, 20)
        if fate in REGISTERED or fate == "bipartite_failed":
            cursor += days(5, 40)
            t["fail_bipartite"] = cursor
        if fate in REGISTERED:
            cursor += days(1, 10)
            t["register"] = cursor
            if fate not in ("registration_submitted", "registration_returned"):
                cursor += days(1, 7)
                t["accept_registration"] = cursor
        if (fate in MEDIATED or fate == "withdrawn") and "accept_registration" in t:
            cursor += days(2, 10)
            if fate != "withdrawn":
                t["assign_mediator"] = cursor
        if fate in ("recommendation_issued", "court_referral"):
            cursor += days(10, 40)
            t["issue_recommendation"] = cursor
        closed_at = None
        state = fate
        if fate in ("settled_bipartite", "settled_mediation"):
            state = "settled"
        if fate == "withdrawn_bipartite":
            state = "withdrawn"
        if state in ("settled", "court_referral", "withdrawn", "struck_off", "referred_conciliation",
                     "referred_arbitration"):
            cursor += days(3, 25)
            closed_at = cursor
        cursor = min(cursor, now - dt.timedelta(minutes=1))
        if closed_at is not None:
            closed_at = min(closed_at, now - dt.timedelta(minutes=1))
        local = submitted.astimezone(now.tzinfo)
        key = (office.code, local.year, "PHI")
        seq[key] = seq.get(key, 0) + 1
        reg_number = None
        if "accept_registration" in t:
            accepted = min(t["accept_registration"], now).astimezone(now.tzinfo)
            rkey = (office.code, accepted.year, "REG")
            seq[rkey] = seq.get(rkey, 0) + 1
            reg_number = f"{office.code}/REG/{accepted.year}/{seq[rkey]:05d}"
        mediator_id = rng.choice(mediators[office.code]) if "assign_mediator" in t else None
        disputes.append(Dispute(
            number=f"{office.code}/PHI/{local.year}/{seq[key]:05d}", registration_number=reg_number, type=dtype,
            state=state, failure_reason="no_agreement" if "fail_bipartite" in t else "",
            petitioner_id=workers[i % len(workers)].pk, respondent_company=companies[i % len(companies)],
            respondent_name=companies[i % len(companies)].name, respondent_nib=companies[i % len(companies)].nib,
            office=office, workplace_regency=office.code, mediator_id=mediator_id, summary="Bench",
            submitted_at=submitted, registered_at=t.get("register"), closed_at=closed_at,
        ))
        timeline.append((t, state, closed_at, fate))

    with transaction.atomic():
        created = Dispute.objects.bulk_create(disputes, batch_size=BATCH)
        # created_at is auto_now_add: put it at the filing time.
        with connection.cursor() as c:
            c.execute("UPDATE disputes_dispute SET created_at = submitted_at - interval '1 day'")
    t2 = time.monotonic()

    events, deadlines, recommendations, answers_for = [], [], [], []
    for d, (t, state, closed_at, _fate) in zip(created, timeline, strict=True):
        events.append(DisputeEvent(dispute_id=d.pk, at=t["submit"] - dt.timedelta(days=1), name="created",
                                   source="", target="draft"))
        for name, at in sorted(t.items(), key=lambda kv: kv[1]):
            events.append(DisputeEvent(dispute_id=d.pk, at=min(at, now), name=name, source="", target=""))
        if closed_at is not None:
            name = {"settled": "sign_agreement", "court_referral": rng.choice(["respond_recommendation",
                    "expire_recommendation"]), "withdrawn": "withdraw", "struck_off": "strike_off"}.get(
                state, "choose_route")
            events.append(DisputeEvent(dispute_id=d.pk, at=closed_at, name=name, source="", target=state))
            for key in ("invitation_response", "bipartite"):
                deadlines.append(Deadline(dispute_id=d.pk, key=key, owed_by=["respondent"], days=7,
                                          starts_at=t["submit"], due_at=t["submit"] + dt.timedelta(days=9),
                                          state="met", closed_at=closed_at))
            if state == "court_referral":
                recommendations.append(Recommendation(dispute_id=d.pk, considerations="Menimbang ...",
                                                      recommendations="1. ...", issued_at=t["issue_recommendation"],
                                                      issued_by_id=d.mediator_id))
                answers_for.append((len(recommendations) - 1, events[-1].name == "expire_recommendation",
                                    closed_at))
        else:
            last = max(t.values())
            key = {"bipartite_invited": "invitation_response", "bipartite": "bipartite",
                   "registration_submitted": "registration_check", "adr_offered": "route_choice",
                   "mediation": "mediation", "recommendation_issued": "recommendation_answer",
                   "agreement_drafting": "agreement_drafting"}.get(state, "registration_check")
            if state in ("bipartite_failed", "registration_returned", "awaiting_mediator"):
                continue
            days = 30 if key in ("bipartite", "mediation") else 7
            due = due_at(last, days)
            deadlines.append(Deadline(dispute_id=d.pk, key=key, owed_by=["officer"], days=days, starts_at=last,
                                      due_at=due, state="overdue" if due < now else "open",
                                      overdue_at=now if due < now else None))
    with transaction.atomic():
        DisputeEvent.objects.bulk_create(events, batch_size=BATCH)
        Deadline.objects.bulk_create(deadlines, batch_size=BATCH)
        made = Recommendation.objects.bulk_create(recommendations, batch_size=BATCH)
        answers = []
        for index, silent, at in answers_for:
            rec = made[index]
            answers.append(RecommendationAnswer(recommendation_id=rec.pk, side="respondent", accept=False,
                                                reason="rejected_by_silence" if silent else "Terlalu berat",
                                                by_silence=silent, answered_at=at))
            answers.append(RecommendationAnswer(recommendation_id=rec.pk, side="petitioner", accept=not silent,
                                                reason="rejected_by_silence" if silent else "",
                                                by_silence=silent, answered_at=at))
        RecommendationAnswer.objects.bulk_create(answers, batch_size=BATCH)
    with connection.cursor() as c:
        c.execute("ANALYZE")
    t3 = time.monotonic()
    return {"disputes": len(created), "events": len(events), "deadlines": len(deadlines),
            "recommendations": len(recommendations), "answers": len(answers), "users": len(staff) + len(workers),
            "companies": len(companies), "seed_people_s": round(t1 - t0, 1), "seed_disputes_s": round(t2 - t1, 1),
            "seed_rest_s": round(t3 - t2, 1)}


def seeded_count() -> int:
    from disputes.models import Dispute

    return Dispute.objects.count()


# --- measuring -----------------------------------------------------------------------------------------------


def measure(client, url: str, *, warmup: int, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - t0)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    queries = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))
    return {
        "url": url, "runs": runs, "median_ms": round(statistics.median(times) * 1000, 1),
        "min_ms": round(min(times) * 1000, 1), "max_ms": round(max(times) * 1000, 1),
        "queries": len(ctx.captured_queries), "bytes": len(response.content),
        "slowest_queries": [{"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"][:600]} for q in queries[:5]],
    }


def plans_of(office_code: str, year: int) -> dict[str, list[str]]:
    """EXPLAIN ANALYZE of the two grouped queries of the office's statistics, as reports/selectors.py makes them."""
    from django.db.models import Count
    from django.db.models.functions import ExtractMonth, TruncDate

    from accounts.calendar import JAKARTA
    from accounts.models import Office
    from reports.selectors import ReportScope, _disputes

    scope = ReportScope(year=year, office=Office.objects.get(code=office_code))
    base = _disputes(scope)
    filed = (base.filter(submitted_at__gte=scope.start, submitted_at__lt=scope.end)
             .values("state", "type", month=ExtractMonth("submitted_at", tzinfo=JAKARTA)).annotate(n=Count("id")))
    closed = (base.filter(closed_at__gte=scope.start, closed_at__lt=scope.end)
              .values("state", filed_on=TruncDate("submitted_at", tzinfo=JAKARTA),
                      closed_on=TruncDate("closed_at", tzinfo=JAKARTA)).annotate(n=Count("id")))
    return {"filed": filed.explain(analyze=True).splitlines(), "closed": closed.explain(analyze=True).splitlines()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_STATS_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--disputes", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--office", default="32.73", help="the office whose officer is measured")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the database if it already holds --disputes disputes (no recreate, no seed)")
    args = parser.parse_args()
    require_loopback(args.database_url)

    timings: dict = {}
    reuse = False
    if args.reuse:
        try:
            django_setup(args.database_url)
            reuse = seeded_count() == args.disputes
        except Exception:  # no such database yet
            reuse = False
    if not reuse:
        timings.update(recreate_database(args.database_url))
        if "django" not in sys.modules:
            django_setup(args.database_url)
        else:
            from django.db import connections

            connections.close_all()

    from django.test import Client
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from accounts.models import Role, User
    from disputes.models import Dispute

    now = timezone.now()
    if not reuse:
        timings.update(seed(args.disputes, args.seed, now))
    year = timezone.localtime(now).year
    officer = User.objects.filter(role=Role.OFFICER, office_id=args.office).order_by("id").first()
    admin, _created = User.objects.get_or_create(username="bench-admin", defaults={
        "name": "Admin", "role": "", "is_superuser": True, "is_staff": True})
    host = {"HTTP_HOST": "127.0.0.1"}
    api = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=officer)[0].key}", **host)
    admin_api = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=admin)[0].key}", **host)
    page = Client(**host)
    page.force_login(officer)

    scope_rows = {
        "office disputes (all years)": Dispute.objects.filter(office_id=args.office).count(),
        "office disputes filed this year": Dispute.objects.filter(
            office_id=args.office, submitted_at__year=year).count(),
        "office register rows last year": Dispute.objects.filter(
            registration_number__startswith=f"{args.office}/REG/{year - 1}/").count(),
        "all disputes filed this year": Dispute.objects.filter(submitted_at__year=year).count(),
    }
    cases = [
        ("stats API, officer of " + args.office, api, f"/api/v1/stats/?year={year}"),
        ("dashboard page, officer of " + args.office, page, f"/kantor/statistik/?year={year}"),
        ("stats API, admin, every office", admin_api, f"/api/v1/stats/?year={year}"),
        ("stats API, officer, last year", api, f"/api/v1/stats/?year={year - 1}"),
        (f"register.csv, {args.office}, last year", api, f"/api/v1/register.csv?year={year - 1}"),
        (f"register.xlsx, {args.office}, last year", api, f"/api/v1/register.xlsx?year={year - 1}"),
    ]
    results = []
    for label, client, url in cases:
        result = measure(client, url, warmup=args.warmup, runs=args.runs)
        result["case"] = label
        results.append(result)

    plans = plans_of(args.office, year)

    print(f"\n{args.disputes} disputes; {json.dumps(scope_rows)}")
    print(f"{'case':<44} {'median ms':>10} {'min':>8} {'max':>8} {'queries':>8} {'bytes':>9}")
    for r in results:
        print(f"{r['case']:<44} {r['median_ms']:>10} {r['min_ms']:>8} {r['max_ms']:>8} {r['queries']:>8} "
              f"{r['bytes']:>9}")
    out_dir = BASE_DIR / "var" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = out_dir / f"stats-{stamp}.json"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR,  # noqa: S607
                                capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        commit = ""
    path.write_text(json.dumps({
        "when": stamp, "commit": commit, "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                                    "load_avg": os.getloadavg()},
        "disputes": args.disputes, "reused": reuse, "seeding": timings, "scope_rows": scope_rows,
        "results": results, "plans": plans,
    }, indent=2, default=str))
    print(f"seeding: {json.dumps(timings)}\nJSON: {path.relative_to(BASE_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
