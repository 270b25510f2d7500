#!/usr/bin/env python3
"""A province-scale data set for the statistics benchmark (scripts/bench-scale), written straight
into a migrated database that holds the demo (`phuongso demo`): generating through the API would
take days.

    scale_generate.py sqlite:///path/phuongso.sqlite | postgres://... [--units 100] [--dossiers 1000000]

What it writes, matching the real schema (Sources/PhuongSoApp/*/Create*.swift):
  - units: the demo's ward and commune plus generated wards and communes under Tỉnh Hà Tĩnh, up to
    --units in all, each with the demo ward's complete procedures (copied with their versions);
  - dossiers over three years of working days (Monday–Friday; holidays are not skipped), taken in at
    counter hours; the demo ward is the busiest unit (about 3% of the province), the others vary
    by a log-normal weight; every procedure of the demo catalogue with a time limit (21, of which
    seven are complete: the others lack parts the demo data does not publish, which the matrix
    does not read), weighted by field like a real ward (certification and civil status most of
    the volume);
  - outcomes: 2% refused and 2% sent back for a supplement at intake (no code); of received
    dossiers 1% withdrawn; older ones resolved early (80%), on time (12%) or late (8%, up to ten
    working days) and mostly returned; recent ones still in progress (some overdue) or paused
    for a supplement (3%); 30% of returned dossiers rated (60% very satisfied, 35% satisfied, 5% not);
  - a timeline line per step (receive, complete, return, rating), codes `<unit>-YYMMDD-NNNN`
    numbered in order within each unit and day, and the day sequences behind them, so that a new
    intake on the generated database continues the numbering.
Not written: audit lines for the generated rows (the generated history bypasses the application;
`audit verify` still checks the demo's chain), BM.05 hand-offs, transfers.
"""
import argparse
import datetime as dt
import json
import math
import os
import random
import sqlite3
import subprocess
import sys
import time
import uuid

OFFSET = 7 * 3600
PROVINCE = "000.00.00.H42"
WARD = "000.00.31.H42"
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy"]
FIELD_WEIGHT = {"Chứng thực": 5.0, "Hộ tịch": 3.5, "Bảo trợ xã hội": 0.6, "Trẻ em": 0.3, "Tài chính đất đai": 0.4}


def local_seconds(day, seconds_of_day):
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()) + seconds_of_day - OFFSET


def add_working_days(day, n):
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def due(received_day, second_of_day, limit):
    """The appointment, approximately as Appointment.due computes it (weekends only)."""
    if "sameDay" in limit:
        cutoff = 15 * 3600
        day = received_day if second_of_day < cutoff else add_working_days(received_day, 1)
        return local_seconds(day, 17 * 3600 + 1800)
    if "workingDays" in limit:
        return local_seconds(add_working_days(received_day, limit["workingDays"]["_0"]), second_of_day)
    hours = limit["workingHours"]["_0"]
    return local_seconds(add_working_days(received_day, math.ceil(hours / 8)), second_of_day)


class Target:
    """SQLite through sqlite3, PostgreSQL through psql COPY (CSV)."""

    def __init__(self, url):
        self.url = url
        self.pg = url.startswith("postgres")
        if self.pg:
            self.psql = os.path.join(os.environ.get("PG_BIN", "/usr/bin"), "psql")
        else:
            self.db = sqlite3.connect(url[len("sqlite://"):])
            self.db.execute("PRAGMA synchronous=OFF")

    def query(self, sql):
        if self.pg:
            out = subprocess.run([self.psql, self.url, "-AtF", "\t", "-c", sql], check=True, capture_output=True, text=True).stdout
            return [tuple(line.split("\t")) for line in out.splitlines() if line]
        return [tuple(str(v) if v is not None else None for v in r) for r in self.db.execute(sql).fetchall()]

    def ident(self, u):
        return str(u) if self.pg else str(u).upper()

    def insert(self, table, columns, rows):
        if not rows:
            return
        if self.pg:
            def cell(v):
                if v is None:
                    return ""
                if isinstance(v, bool):
                    return "true" if v else "false"
                if isinstance(v, (int, float)):
                    return str(v)
                return '"' + str(v).replace('"', '""') + '"'
            data = "".join(",".join(cell(v) for v in r) + "\n" for r in rows)
            subprocess.run([self.psql, self.url, "-q", "-v", "ON_ERROR_STOP=1", "-c", f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)"],
                           input=data, check=True, text=True)
        else:
            self.db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                                [[int(v) if isinstance(v, bool) else v for v in r] for r in rows])

    def commit(self):
        if not self.pg:
            self.db.commit()


DOSSIER_COLUMNS = ["id", "unit_id", "procedure_id", "procedure_version", "procedure_snapshot", "code", "secret", "state", "channel", "applicant",
                   "applicant_id_number", "components", "sets", "decision_note", "received_at", "due_at", "current_step", "assignee", "step_started_at",
                   "done_at", "paused_at", "returned_at", "return_note", "revision", "citizen_id", "attachments", "created_by", "created_at_seconds"]
EVENT_COLUMNS = ["id", "dossier_id", "at_seconds", "action", "actor", "state", "note"]
RATING_COLUMNS = ["id", "dossier_id", "level", "comment", "factors", "officials", "at_seconds"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("--units", type=int, default=100)
    ap.add_argument("--dossiers", type=int, default=1_000_000)
    ap.add_argument("--now", default=dt.date.today().isoformat(), help="the day the history ends (default today)")
    args = ap.parse_args()
    rng = random.Random(8)
    t0 = time.time()
    db = Target(args.url)

    units = {code: (uid, kind) for uid, code, kind in db.query("SELECT id, code, kind FROM units")}
    province_id = units[PROVINCE][0]
    ward_id = units[WARD][0]
    procs = db.query("SELECT p.id, p.code, p.name, p.field, p.search_text, p.folded_name, p.complete, p.online, v.version, v.effective_from, v.content, v.created_by "
                     f"FROM procedures p JOIN procedure_versions v ON v.procedure_id = p.id AND v.version = p.latest_version WHERE p.unit_id = '{ward_id}'")
    procs = [p for p in procs if json.loads(p[10]).get("timeLimit")]
    print(f"demo ward: {len(procs)} procedures with a time limit", flush=True)

    # ---- units and their catalogues
    generated = [code for code, (_, kind) in units.items() if kind in ("ward", "commune")]
    new_units, new_procs, new_versions = [], [], []
    n = 40
    while len(generated) < args.units:
        code = f"000.00.{n}.H42"
        n += 1
        if code in units:
            continue
        uid = db.ident(uuid.uuid4())
        kind = "ward" if rng.random() < 0.4 else "commune"
        name = ("Phường " if kind == "ward" else "Xã ") + rng.choice(["Bắc", "Nam", "Đông", "Tây", "Thượng", "Hạ", "Tân", "Phú"]) + " " + rng.choice(GIVEN) + f" {n}"
        new_units.append((uid, code, name, kind, province_id, "07:30-11:30,13:30-17:30", True, None))
        units[code] = (uid, kind)
        generated.append(code)
    db.insert("units", ["id", "code", "name", "kind", "parent_id", "working_hours", "active", "created_at"], new_units)
    # the catalogue of each unit: (procedure id, version, snapshot, components JSON, limit, weight, field)
    catalogue = {}
    for code in generated:
        uid = units[code][0]
        entries = []
        for p in procs:
            pid, pcode, name, field, search, folded, complete, online, version, effective, content, created_by = p
            if code != WARD:
                pid = db.ident(uuid.uuid4())
                new_procs.append((pid, uid, pcode, name, field, search, folded, complete in ("1", "t", "true"), online in ("1", "t", "true"), False, int(version), None))
                new_versions.append((db.ident(uuid.uuid4()), pid, int(version), effective, content, created_by, None))
            c = json.loads(content)
            components = json.dumps([{"count": x["count"], "form": x["form"], "name": x["name"], "submitted": True} for x in c.get("components", [])],
                                    ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            in_field = sum(1 for q in procs if q[3] == field)
            entries.append((pid, int(version), content, components, c["timeLimit"], FIELD_WEIGHT.get(field, 0.2) / in_field, pcode))
        catalogue[code] = entries
    db.insert("procedures", ["id", "unit_id", "code", "name", "field", "search_text", "folded_name", "complete", "online", "retired", "latest_version", "created_at"], new_procs)
    db.insert("procedure_versions", ["id", "procedure_id", "version", "effective_from", "content", "created_by", "created_at"], new_versions)
    db.commit()
    print(f"{len(generated)} wards and communes ({len(new_units)} generated), {len(new_procs)} procedures copied ({time.time() - t0:.0f} s)", flush=True)

    # ---- dossiers
    now_day = dt.date.fromisoformat(args.now)
    now = local_seconds(now_day, 9 * 3600)
    first = now_day - dt.timedelta(days=3 * 365)
    days = [first + dt.timedelta(days=i) for i in range((now_day - first).days) if (first + dt.timedelta(days=i)).weekday() < 5]
    weights = [0.0 if c == WARD else rng.lognormvariate(0, 0.5) for c in generated]
    total_weight = sum(weights)
    weights[generated.index(WARD)] = 0.03 * (total_weight - weights[generated.index(WARD)]) / 0.97  # the demo ward: 3% of the province
    per_day = args.dossiers / len(days)
    remaining = args.dossiers
    counts = {"dossiers": 0, "events": 0, "ratings": 0}
    batch_d, batch_e, batch_r, sequences = [], [], [], []

    def flush():
        db.insert("dossiers", DOSSIER_COLUMNS, batch_d)
        db.insert("dossier_events", EVENT_COLUMNS, batch_e)
        db.insert("dossier_ratings", RATING_COLUMNS, batch_r)
        db.commit()
        batch_d.clear(); batch_e.clear(); batch_r.clear()

    for i, day in enumerate(days):
        k = remaining if i == len(days) - 1 else min(remaining, max(0, int(rng.gauss(per_day, per_day * 0.1))))
        remaining -= k
        by_unit = {}
        for code in rng.choices(generated, weights=weights, k=k):
            by_unit[code] = by_unit.get(code, 0) + 1
        yymmdd = day.strftime("%y%m%d")
        for code, m in by_unit.items():
            uid = units[code][0]
            entries = catalogue[code]
            times = sorted(rng.choice((rng.randint(7 * 3600 + 1800, 11 * 3600 + 1800), rng.randint(13 * 3600 + 1800, 17 * 3600))) for _ in range(m))
            chosen = rng.choices(entries, weights=[e[5] for e in entries], k=m)
            seq = 0
            for sod, (pid, version, snapshot, components, limit, _, pcode) in zip(times, chosen):
                created = local_seconds(day, sod)
                did = db.ident(uuid.uuid4())
                person = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
                idn = f"042{rng.randint(0, 999999999):09d}"
                applicant = json.dumps({"address": f"Tổ {rng.randint(1, 20)}, {code}", "email": "", "idNumber": idn, "kind": "person", "name": person,
                                        "phone": f"09{rng.randint(0, 99999999):08d}", "represented": ""}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                secret = "".join(rng.choice(ALPHABET) for _ in range(8))
                r = rng.random()
                code_, received, due_at, done, returned, paused, state, note, step = None, None, None, None, None, None, None, "", 0
                events = []
                if r < 0.02:
                    state, note = "refused", "Hồ sơ không thuộc thẩm quyền giải quyết."
                    events.append((created, "refuse", "refused", note))
                elif r < 0.04:
                    state, note = "supplement-at-intake", "Bản sao giấy tờ tùy thân"
                    events.append((created, "request-supplement", "supplement-at-intake", note))
                else:
                    seq += 1
                    code_ = f"{code}-{yymmdd}-{seq:04d}"
                    received, due_at = created, due(day, sod, limit)
                    events.append((created, "receive", "received", ""))
                    o = rng.random()
                    if o < 0.01:
                        state = "stopped"
                        events.append((created + rng.randint(3600, 3 * 86400), "stop", "stopped", "Người nộp rút hồ sơ"))
                    elif due_at < now - 5 * 86400 or (due_at < now and o < 0.9):
                        q = rng.random()
                        if q < 0.80:
                            done = max(created + 600, due_at - rng.randint(86400, 4 * 86400)) if due_at - created > 86400 else created + rng.randint(600, max(601, (due_at - created) // 2))
                        elif q < 0.92:
                            done = due_at - rng.randint(60, 3 * 3600)
                        else:
                            done = due_at + rng.randint(1, 10) * 86400
                        done = max(done, created + 300)
                        events.append((done, "complete", "done", ""))
                        if done < now - 86400 and rng.random() < 0.95:
                            returned = done + rng.randint(600, 3 * 86400)
                            state = "returned"
                            events.append((returned, "returnResult", "returned", "Trực tiếp"))
                            if rng.random() < 0.30:
                                level = rng.choices(["very-satisfied", "satisfied", "not-satisfied"], weights=[60, 35, 5])[0]
                                at = returned + rng.randint(60, 2 * 86400)
                                batch_r.append((db.ident(uuid.uuid4()), did, level, "", "{}", json.dumps(["motcua"]), at))
                                events.append((at, "rating-unhappy" if level == "not-satisfied" else "rating", "returned", level))
                                counts["ratings"] += 1
                        else:
                            state = "done"
                    elif o < 0.04:
                        state, paused = "supplement-in-process", created + rng.randint(3600, 86400)
                        events.append((paused, "requestSupplement", "supplement-in-process", "Bổ sung xác nhận của cơ quan có thẩm quyền"))
                    else:
                        state, step = ("in-process", 1) if rng.random() < 0.6 else ("received", 0)
                batch_d.append((did, uid, pid, version, snapshot, code_, secret, state, "counter", applicant, idn, components, 1, note, received, due_at,
                                step, None, received, done, paused, returned, "Trực tiếp" if returned else "", len(events) - 1, None, "[]", "motcua", created))
                for at, action, st, nt in events:
                    batch_e.append((db.ident(uuid.uuid4()), did, at, action, "motcua", st, nt))
                counts["events"] += len(events)
                counts["dossiers"] += 1
            if seq:
                sequences.append((code, day.isoformat(), seq))
        if len(batch_d) >= 50_000:
            flush()
            print(f"  {counts['dossiers']:,} dossiers ({time.time() - t0:.0f} s)", flush=True)
    flush()
    db.insert("dossier_sequences", ["agency", "day", "last"], sequences)
    db.commit()
    if db.pg:
        db.query("VACUUM ANALYZE")
    else:
        db.db.execute("ANALYZE")
        db.db.commit()
    print(f"done: {counts['dossiers']:,} dossiers, {counts['events']:,} timeline lines, {counts['ratings']:,} ratings in {len(generated)} units, "
          f"{days[0]} to {days[-1]}, in {time.time() - t0:.0f} s", flush=True)


if __name__ == "__main__":
    main()
