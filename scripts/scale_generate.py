#!/usr/bin/env python3
"""A province-scale data set for the statistics and Decision 766 benchmark (scripts/bench-scale),
written straight into a migrated database that holds the demo (`phuongso demo`): generating
through the API would take days.

    scale_generate.py sqlite:///path/phuongso.sqlite | postgres://... [--units 100] [--dossiers 1000000] --calendar FILE

What it writes, matching the real schema (Sources/PhuongSoApp/*/Create*.swift, Add*.swift):
  - units: the demo's ward and commune plus generated wards and communes under Tỉnh Hà Tĩnh, up to
    --units in all, each with the demo ward's complete procedures (copied with their versions);
  - dossiers over three years of working days as the official calendar has them (`--calendar`: the
    lines of `phuongso calendar holidays YEAR`, so Tết, the other holidays, their compensatory days
    off and the weekend days worked in exchange are those the server computes deadlines with), taken
    in at counter hours; the demo ward is the busiest unit (about 3% of the province), the others vary
    by a log-normal weight; every procedure of the demo catalogue with a time limit (23 of 26),
    weighted by field like a real ward (certification and civil status most of the volume);
  - channel: of the procedures offered online, 15% of dossiers filed online three years ago rising
    to 50% today (submitted earlier the same day, decided at the counter; the code given at
    submission); the others at the counter;
  - outcomes: 2% refused and 2% sent back for a supplement at intake; of received dossiers 1%
    withdrawn; older ones resolved early (80%), on time (12%) or late (8%, up to ten working days),
    with the verdict stored as DossierWriter stores it, and mostly returned at the counter; recent
    ones still in progress (some overdue) or paused for a supplement (3%; one in five of them asked
    a second time, after a resumption); 30% of returned dossiers rated (60% very satisfied, 35%
    satisfied, 5% not);
  - the DOMAIN §6 facts the 766 index counts, growing over the three years: components (every one
    handed in; 5% → 20% reused from the citizen's data store; at the counter all of a dossier's
    other components scanned for 30% → 90% of dossiers, some for half of the rest; online, each
    sent as a file) with the digitized and reused counts; checked against the population database
    (50% → 95% of counter dossiers); the fee demand FeeService opens at receipt (an amount above
    zero, or a fee in words only; 3% of those owing exempted), paid online for 10% → 50% of counter
    and 55% → 90% of online dossiers owing it; an electronic result for 30% → 85% of resolved ones;
  - the BM.05 hand-offs (`dossier_handoffs`) as DossierWriter writes them: one per internal step
    finished, named and routed as `ProcessPlan` reads the procedure's steps (or its default three),
    given by the demo ward's own officials there and by a name per unit and role elsewhere
    (generated units have no accounts), spread over the processing time in proportion to the
    steps' hours, and judged early / on time as the dossier was, or late at its longest step;
  - a timeline line per step (submit online, receive, fee paid, complete, result issued, return,
    rating), codes `<unit>-YYMMDD-NNNN` numbered in order within each unit and day, and the day
    sequences behind them, so that a new intake on the generated database continues the numbering;
  - feedback items: one per unhappy rating (as FeedbackService makes it) and one more per 800
    dossiers (online, counter, phone), numbered after the demo's, on the demo's limits: 6% rejected,
    4% forwarded, the rest answered and published (one step in ten late), half of those rated;
    recent ones still being handled.
Not written: audit lines for the generated rows (the generated history bypasses the application;
`audit verify` still checks the demo's chain), transfers, payment rows and
receipts (only the dossier's paid-online flag), electronic result rows and signed files (only the
flag), the files behind scans and attachments and the data-store documents reused, citizen
accounts behind online dossiers, feedback timelines, routing and handlers.
"""
import argparse
import collections
import datetime as dt
import json
import math
import os
import queue
import random
import sqlite3
import subprocess
import sys
import threading
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


# The official calendar's exceptions (read_calendar): weekdays off, and weekend days worked.
DAYS_OFF, DAYS_WORKED = set(), set()


def read_calendar(path):
    """`phuongso calendar holidays YEAR` lines: `YYYY-MM-DD<TAB>kind<TAB>name`, kind `workday` for a
    weekend day worked, anything else for a weekday off."""
    for line in open(path, encoding="utf-8"):
        if line.strip():
            date, kind = line.split("\t")[:2]
            (DAYS_WORKED if kind == "workday" else DAYS_OFF).add(dt.date.fromisoformat(date))


def is_working(day):
    return day in DAYS_WORKED or (day.weekday() < 5 and day not in DAYS_OFF)


def add_working_days(day, n):
    while n > 0:
        day += dt.timedelta(days=1)
        if is_working(day):
            n -= 1
    return day


def due(received_day, second_of_day, limit):
    """The appointment, approximately as Appointment.due computes it (whole days on the official
    calendar; hours rounded up to days)."""
    if "sameDay" in limit:
        cutoff = 15 * 3600
        day = received_day if second_of_day < cutoff else add_working_days(received_day, 1)
        return local_seconds(day, 17 * 3600 + 1800)
    if "workingDays" in limit:
        return local_seconds(add_working_days(received_day, limit["workingDays"]["_0"]), second_of_day)
    hours = limit["workingHours"]["_0"]
    return local_seconds(add_working_days(received_day, math.ceil(hours / 8)), second_of_day)


class Target:
    """SQLite through sqlite3, PostgreSQL through psql COPY (CSV). On PostgreSQL the COPYs run one
    after another on a second thread, in the order given, while this one generates the next batch
    (the server ingests on one core while Python generates on the other); a query first waits for
    every COPY given before it, and a failed COPY stops the run."""

    def __init__(self, url):
        self.url = url
        self.pg = url.startswith("postgres")
        if self.pg:
            self.psql = os.path.join(os.environ.get("PG_BIN", "/usr/bin"), "psql")
            self.copies = queue.Queue(maxsize=8)
            self.failure = None
            threading.Thread(target=self.copy_worker, daemon=True).start()
        else:
            self.db = sqlite3.connect(url[len("sqlite://"):])
            self.db.execute("PRAGMA synchronous=OFF")

    def copy_worker(self):
        while True:
            table, columns, data = self.copies.get()
            try:
                if self.failure is None:
                    subprocess.run([self.psql, self.url, "-q", "-v", "ON_ERROR_STOP=1", "-c", f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)"],
                                   input=data, check=True, text=True)
            except Exception as e:  # noqa: BLE001 - reported by wait() on the main thread
                self.failure = e
            finally:
                self.copies.task_done()

    def wait(self):
        """Every COPY given so far is in the database (or the run stops with its error)."""
        if self.pg:
            self.copies.join()
            if self.failure is not None:
                raise self.failure

    def query(self, sql):
        if self.pg:
            self.wait()
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
            if self.failure is not None:
                raise self.failure
            self.copies.put((table, columns, "".join(",".join(cell(v) for v in r) + "\n" for r in rows)))
        else:
            self.db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                                [[int(v) if isinstance(v, bool) else v for v in r] for r in rows])

    def commit(self):
        """SQLite: commit. PostgreSQL: nothing to wait for (each COPY is its own transaction)."""
        if self.pg:
            if self.failure is not None:
                raise self.failure
        else:
            self.db.commit()


DOSSIER_COLUMNS = ["id", "unit_id", "procedure_id", "procedure_version", "procedure_snapshot", "code", "secret", "state", "channel", "applicant",
                   "applicant_id_number", "components", "sets", "decision_note", "received_at", "due_at", "current_step", "assignee", "step_started_at",
                   "done_at", "paused_at", "returned_at", "return_note", "revision", "citizen_id", "attachments", "created_by", "created_at_seconds",
                   "population_checked", "verdict", "paused_seconds", "supplements_in_process", "return_method", "paid_online", "electronic_result",
                   "components_digitized", "components_reused", "components_submitted", "fee_owed", "rated_unhappy"]
EVENT_COLUMNS = ["id", "dossier_id", "at_seconds", "action", "actor", "state", "note"]
RATING_COLUMNS = ["id", "dossier_id", "level", "comment", "factors", "officials", "at_seconds"]
HANDOFF_COLUMNS = ["id", "dossier_id", "from_step", "to_step", "at_seconds", "giver", "receiver", "timeliness", "note", "attachment"]
FEE_COLUMNS = ["id", "dossier_id", "rule_amount", "adjusted_amount", "adjustment_reason", "exemption_reason", "fee_text", "created_at_seconds"]
FEEDBACK_COLUMNS = ["id", "unit_id", "code", "secret", "kind", "channel", "status", "title", "text", "submitter_name", "contact", "place", "attachment",
                    "dossier_id", "limits", "submitted_at_seconds", "submitted_on", "handling_from", "information_request", "decided_on", "decision_note",
                    "answer", "verdict", "approved_on", "published_on", "public_title", "public_text", "public_answer", "rating", "times_reopened"]

# a procedure of a unit's catalogue: its components (the version's list), time limit, share of the
# volume, whether it is offered online, and the fee demand its dossiers get ((amount, text) or None)
Entry = collections.namedtuple("Entry", "pid version snapshot components limit weight online fee field steps")


def role_for_actor(actor):
    """ProcessPlan.role(forActor:): who handles a step, read from the actor the process names."""
    a = actor.lower()
    if "lãnh đạo" in a or "chủ tịch" in a or "chỉ huy" in a:
        return "leader"
    if "một cửa" in a or "phục vụ hành chính công" in a or "tiếp nhận và trả kết quả" in a:
        return "clerk"
    if "văn thư" in a or "văn phòng" in a:
        return "office"
    return "official"


def plan_steps(content):
    """ProcessPlan(procedure:): (name as Dossier.stepName writes it, role, hours) of each step, the
    procedure's own or the default three (60/25/15 of the time limit; only the shares matter here)."""
    steps = content.get("steps") or []
    if steps:
        return [(f"{i + 1}. {x['task']}", role_for_actor(x["actor"]), float(x["hours"])) for i, x in enumerate(steps)]
    return [("1. Thẩm định, xử lý hồ sơ", "official", 60.0), ("2. Xem xét, ký duyệt", "leader", 25.0), ("3. Vào sổ, chuyển kết quả", "clerk", 15.0)]


# the demo ward's officials by role (and by field for the field officials, as the demo routes them)
WARD_PEOPLE = {"leader": "chutich", "clerk": "motcua", "office": "vanphong"}
FIELD_OFFICIAL = {"Hộ tịch": "tuphap", "Chứng thực": "tuphap", "Tài chính đất đai": "diachinh", "Bảo trợ xã hội": "vanhoa", "Trẻ em": "vanhoa"}


def handoffs(db, did, unit_code, entry, start, end, count, verdict):
    """The first `count` hand-offs of a dossier whose steps run from `start` to `end`."""
    steps = entry.steps
    weights = [max(h, 0.25) for _, _, h in steps]
    total = sum(weights)
    late_step = max(range(len(steps)), key=lambda i: weights[i]) if verdict == "late" else None
    rows, elapsed = [], 0.0
    for i in range(min(count, len(steps))):
        elapsed += weights[i]
        name, role, _ = steps[i]
        last = i == len(steps) - 1
        giver = (WARD_PEOPLE.get(role) or FIELD_OFFICIAL.get(entry.field, "tuphap")) if unit_code == WARD else f"{role}.{unit_code}"
        timeliness = "late" if i == late_step else "early" if verdict == "early" else "onTime"
        rows.append((db.ident(uuid.uuid4()), did, name, "Kết quả" if last else steps[i + 1][0], start + int((end - start) * elapsed / total),
                     giver, "—" if last else steps[i + 1][1], timeliness, "", ""))
    return rows


def stored_file(rng, name, pages):
    """A `FileStore.Stored` as JSON (the bytes are not written)."""
    return {"kind": "pdf", "originalName": name, "pages": pages, "sha256": f"{rng.getrandbits(256):064x}", "size": 90_000 * pages}


def submitted_components(rng, entry, online, at, t):
    """The components JSON (as `IntakeService.json` writes it), the attachments JSON and the counts
    DossierWriter stores (digitized, reused, handed in): every component handed in; some taken from the citizen's data store; at
    the counter all, some or none of the rest scanned, more of them as the years go by (`t` 0 → 1);
    online, each sent as a file."""
    components, attachments, digitized, reused = [], [], 0, 0
    scan_all = rng.random() < 0.3 + 0.6 * t
    scan_some = not scan_all and rng.random() < 0.5
    for x in entry.components:
        c = {"count": x["count"], "form": x["form"], "name": x["name"], "submitted": True}
        pages = rng.randint(1, 4)
        if rng.random() < 0.05 + 0.15 * t:
            c["reusedDocument"] = str(uuid.UUID(int=rng.getrandbits(128))).upper()
            reused += 1
        if online:
            a = {"component": x["name"], "file": stored_file(rng, "giay-to.pdf", pages)}
            if "reusedDocument" in c:
                a["storedDocument"] = c["reusedDocument"]
            attachments.append(a)
        elif "reusedDocument" not in c and (scan_all or (scan_some and rng.random() < 0.5)):
            c["scan"] = {"at": at + 300, "by": "motcua", "file": stored_file(rng, "scan.pdf", pages), "originalPages": pages, "pages": pages}
        components.append(c)
        digitized += 1 if online or "reusedDocument" in c or "scan" in c else 0
    dump = lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return dump(components), dump(attachments), digitized, reused, len(components)


FEEDBACK_TOPICS = [
    ("procedure", "Thời gian chờ tại Bộ phận Một cửa", "Đề nghị bố trí thêm người tiếp nhận vào buổi sáng."),
    ("official", "Thái độ cán bộ tiếp nhận", "Cán bộ hướng dẫn chưa rõ ràng, phải đi lại nhiều lần."),
    ("suggestion", "Đề nghị nhận hồ sơ vào thứ Bảy", "Người đi làm khó sắp xếp thời gian trong giờ hành chính."),
    ("neighbourhood", "Đèn chiếu sáng ngõ hỏng", "Đèn đường trong ngõ không sáng đã hai tuần."),
]


def write_feedback(db, rng, generated, units, weights, days, now_day, unhappy, extra):
    """Feedback items: one for each unhappy dossier rating (as FeedbackService.fromDossierRating
    makes it) and `extra` more sent online, at the counter or by phone, each taken through the
    steps of Decision 766's clock to where it would stand today."""
    limits = db.query("SELECT limits FROM feedback ORDER BY submitted_on LIMIT 1")
    if not limits:
        sys.exit("the demo's feedback items are missing: run `phuongso demo` first")
    limits = limits[0][0]
    last = {}
    for (c,) in db.query("SELECT code FROM feedback"):
        year, number = c.split("-")[1:3]
        last[year] = max(last.get(year, 0), int(number))
    items = [(at, uid, did, "dossier-rating", "rating", f"Không hài lòng với việc giải quyết hồ sơ {dcode}",
              "Người nộp đánh giá “Không hài lòng” và không ghi thêm ý kiến.", person, phone) for uid, at, did, dcode, person, phone in unhappy]
    for code in rng.choices(generated, weights=weights, k=extra):
        kind, title, text = rng.choice(FEEDBACK_TOPICS)
        at = local_seconds(rng.choice(days), rng.randint(7 * 3600, 20 * 3600))
        items.append((at, units[code][0], None, kind, rng.choice(["online", "online", "counter", "phone"]), title, text,
                      f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}", f"09{rng.randint(0, 99999999):08d}"))
    items.sort(key=lambda x: x[0])
    rows = []
    for at, uid, did, kind, channel, title, text, name, contact in items:
        day = dt.datetime.fromtimestamp(at + OFFSET, dt.timezone.utc).date()
        year = str(day.year)
        last[year] = last.get(year, 0) + 1
        late = lambda: rng.random() < 0.1  # one step in ten misses its limit
        status, decided, note, answer, verdict, approved, published, rating = "received", None, "", "", None, None, None, None
        u = rng.random()
        if u < 0.10:  # rejected (≤ 2 working days) or forwarded (≤ 5)
            rejected = u < 0.06
            when = add_working_days(day, rng.randint(3, 4) if late() else rng.randint(1, 2 if rejected else 5))
            if when <= now_day:
                status, decided = ("rejected", when) if rejected else ("forwarded", when)
                note = "Nội dung không thuộc phạm vi phản ánh, kiến nghị." if rejected else "Công an phường"
        else:  # answered (approved ≤ 15 working days), then published (≤ 2)
            a = add_working_days(day, rng.randint(16, 22) if late() else rng.randint(3, 13))
            p = add_working_days(a, rng.randint(3, 4) if rng.random() < 0.05 else rng.randint(0, 2))
            if p <= now_day:
                status, approved, published = "published", a, p
                answer, verdict = "Ủy ban nhân dân phường đã kiểm tra và trả lời.", rng.choice(["upheld", "partly-upheld", "not-upheld"])
                if rng.random() < 0.5:
                    status = "closed"
                    rating = rng.choices(["very-satisfied", "satisfied", "not-satisfied"], weights=[40, 45, 15])[0]
            elif a <= now_day:
                status, approved = "awaiting-publication", a
            elif add_working_days(day, 1) <= now_day:
                status = rng.choice(["assigned", "awaiting-approval"])
        iso = lambda d: d.isoformat() if d else None
        rows.append((db.ident(uuid.uuid4()), uid, f"PA-{year}-{last[year]:06d}", "".join(rng.choice(ALPHABET) for _ in range(8)), kind, channel, status,
                     title, text, name, contact, "", "", did, limits, at, day.isoformat(), day.isoformat(), "", iso(decided), note, answer, verdict,
                     iso(approved), iso(published), title if published else "", text if published else "", answer if published else "", rating, 0))
    db.insert("feedback", FEEDBACK_COLUMNS, rows)
    db.commit()
    return len(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("--units", type=int, default=100)
    ap.add_argument("--dossiers", type=int, default=1_000_000)
    ap.add_argument("--now", default=dt.date.today().isoformat(), help="the day the history ends (default today)")
    ap.add_argument("--calendar", required=True, help="days off and weekend days worked: `phuongso calendar holidays YEAR` for each year covered")
    args = ap.parse_args()
    read_calendar(args.calendar)
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
    # the catalogue of each unit
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
            in_field = sum(1 for q in procs if q[3] == field)
            amount, fee_text = c.get("feeAmount"), c.get("feeText", "")
            entries.append(Entry(pid, int(version), content, c.get("components", []), c["timeLimit"], FIELD_WEIGHT.get(field, 0.2) / in_field,
                                 online in ("1", "t", "true"),
                                 # FeeService.openDemand: a demand when the version names an amount above zero, or a fee in words only
                                 (amount or 0, fee_text[:500]) if (amount > 0 if amount is not None else fee_text != "") else None,
                                 field, plan_steps(c)))
        catalogue[code] = entries
    db.insert("procedures", ["id", "unit_id", "code", "name", "field", "search_text", "folded_name", "complete", "online", "retired", "latest_version", "created_at"], new_procs)
    db.insert("procedure_versions", ["id", "procedure_id", "version", "effective_from", "content", "created_by", "created_at"], new_versions)
    db.commit()
    print(f"{len(generated)} wards and communes ({len(new_units)} generated), {len(new_procs)} procedures copied ({time.time() - t0:.0f} s)", flush=True)

    # ---- dossiers
    now_day = dt.date.fromisoformat(args.now)
    now = local_seconds(now_day, 9 * 3600)
    first = now_day - dt.timedelta(days=3 * 365)
    days = [first + dt.timedelta(days=i) for i in range((now_day - first).days) if is_working(first + dt.timedelta(days=i))]
    if not any(first <= d < now_day for d in DAYS_OFF):
        sys.exit("--calendar has no day off in the years generated")
    weights = [0.0 if c == WARD else rng.lognormvariate(0, 0.5) for c in generated]
    total_weight = sum(weights)
    weights[generated.index(WARD)] = 0.03 * (total_weight - weights[generated.index(WARD)]) / 0.97  # the demo ward: 3% of the province
    per_day = args.dossiers / len(days)
    remaining = args.dossiers
    counts = {"dossiers": 0, "events": 0, "ratings": 0, "handoffs": 0}
    batch_d, batch_e, batch_r, batch_f, batch_h, sequences, unhappy = [], [], [], [], [], [], []

    def flush():
        db.insert("dossiers", DOSSIER_COLUMNS, batch_d)
        db.insert("dossier_events", EVENT_COLUMNS, batch_e)
        db.insert("dossier_ratings", RATING_COLUMNS, batch_r)
        db.insert("dossier_fees", FEE_COLUMNS, batch_f)
        db.insert("dossier_handoffs", HANDOFF_COLUMNS, batch_h)
        db.commit()
        batch_d.clear(); batch_e.clear(); batch_r.clear(); batch_f.clear(); batch_h.clear()

    for i, day in enumerate(days):
        t = i / max(1, len(days) - 1)  # 0 three years ago, 1 today: online service and digitization grow
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
            for sod, entry in zip(times, chosen):
                created = local_seconds(day, sod)
                did = db.ident(uuid.uuid4())
                person = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
                idn = f"042{rng.randint(0, 999999999):09d}"
                phone = f"09{rng.randint(0, 99999999):08d}"
                applicant = json.dumps({"address": f"Tổ {rng.randint(1, 20)}, {code}", "email": "", "idNumber": idn, "kind": "person", "name": person,
                                        "phone": phone, "represented": ""}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                secret = "".join(rng.choice(ALPHABET) for _ in range(8))
                # filed online (where the procedure is offered online): the citizen submits earlier
                # that day, the counter decides at `created`; the code is given at submission
                online = entry.online and rng.random() < 0.15 + 0.35 * t
                submitted_at = local_seconds(day, rng.randint(0, sod)) if online else created
                components, attachments, digitized, reused, handed_in = submitted_components(rng, entry, online, created, t)
                r = rng.random()
                code_, received, due_at, done, returned, paused, state, note, step = None, None, None, None, None, None, None, "", 0
                verdict, supplements, paused_seconds, paid_online, electronic, checked = None, 0, 0, False, False, False
                fee_owed, rated_unhappy = False, False  # DossierWriter.feeOwed, .ratedUnhappy
                events = [(submitted_at, "submit-online", "submitted-online", "")] if online else []
                if online or r >= 0.04:
                    seq += 1
                    code_ = f"{code}-{yymmdd}-{seq:04d}"
                if r < 0.02:
                    state, note = "refused", "Hồ sơ không thuộc thẩm quyền giải quyết."
                    events.append((created, "refuse", "refused", note))
                elif r < 0.04:
                    state, note = "supplement-at-intake", "Bản sao giấy tờ tùy thân"
                    events.append((created, "request-supplement", "supplement-at-intake", note))
                else:
                    received, due_at = created, due(day, sod, entry.limit)
                    checked = not online and rng.random() < 0.5 + 0.45 * t
                    events.append((created, "receive", "received", ""))
                    if entry.fee:
                        exempt = entry.fee[0] > 0 and rng.random() < 0.03
                        batch_f.append((db.ident(uuid.uuid4()), did, entry.fee[0], None, "", "Người thuộc hộ nghèo" if exempt else "", entry.fee[1], created))
                        fee_owed = entry.fee[0] > 0 and not exempt
                        if entry.fee[0] > 0 and not exempt and rng.random() < (0.55 + 0.35 * t if online else 0.1 + 0.4 * t):
                            paid_online = True
                            events.append((created + rng.randint(60, 3600), "fee-paid", "received", "Cổng thanh toán"))
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
                        # the verdict DossierWriter stores (by local day, as the statistics matrix reads it)
                        verdict = "early" if (done + OFFSET) // 86400 < (due_at + OFFSET) // 86400 else "onTime" if done <= due_at else "late"
                        events.append((done, "complete", "done", ""))
                        batch_h.extend(handoffs(db, did, code, entry, created, done, len(entry.steps), verdict))
                        if rng.random() < 0.3 + 0.55 * t:
                            electronic = True
                            events.append((done, "result-issued", "done", ""))
                        if done < now - 86400 and rng.random() < 0.95:
                            returned = done + rng.randint(600, 3 * 86400)
                            state = "returned"
                            events.append((returned, "returnResult", "returned", "Trực tiếp"))
                            if rng.random() < 0.30:
                                level = rng.choices(["very-satisfied", "satisfied", "not-satisfied"], weights=[60, 35, 5])[0]
                                at = returned + rng.randint(60, 2 * 86400)
                                batch_r.append((db.ident(uuid.uuid4()), did, level, "", "{}", json.dumps(["motcua"]), at))
                                rated_unhappy = level == "not-satisfied"
                                events.append((at, "rating-unhappy" if level == "not-satisfied" else "rating", "returned", level))
                                counts["ratings"] += 1
                                if level == "not-satisfied":  # FeedbackService.fromDossierRating
                                    unhappy.append((uid, min(at, now), did, code_, person, phone))
                        else:
                            state = "done"
                    elif o < 0.04:
                        # paused for a supplement; one in five asked a second time (late by the stored verdict)
                        state, paused, supplements = "supplement-in-process", created + rng.randint(3600, 86400), 1
                        if rng.random() < 0.2:
                            events.append((paused, "requestSupplement", "supplement-in-process", "Bổ sung xác nhận của cơ quan có thẩm quyền"))
                            paused_seconds = rng.randint(1, 3) * 8 * 3600
                            events.append((paused + paused_seconds + 16 * 3600, "resume", "in-process", ""))
                            paused, supplements = paused + paused_seconds + 2 * 86400, 2
                        events.append((paused, "requestSupplement", "supplement-in-process", "Bổ sung xác nhận của cơ quan có thẩm quyền"))
                    else:
                        state, step = ("in-process", 1) if rng.random() < 0.6 else ("received", 0)
                        if step:  # the first step handed on
                            batch_h.extend(handoffs(db, did, code, entry, created, min(now, due_at), 1, "onTime"))
                batch_d.append((did, uid, entry.pid, entry.version, entry.snapshot, code_, secret, state, "online" if online else "counter", applicant, idn,
                                components, 1, note, received, due_at, step, None, received, done, paused, returned, "Trực tiếp" if returned else "",
                                len(events) - 1, None, attachments, "congdan" if online else "motcua", submitted_at,
                                checked, verdict, paused_seconds, supplements, "counter" if returned else None, paid_online, electronic, digitized, reused, handed_in,
                                fee_owed, rated_unhappy))
                for at, action, st, nt in events:
                    batch_e.append((db.ident(uuid.uuid4()), did, at, action, "congdan" if action == "submit-online" else "motcua", st, nt))
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
    counts["feedback"] = write_feedback(db, rng, generated, units, weights, days, now_day, unhappy, args.dossiers // 800)
    if db.pg:
        db.query("VACUUM ANALYZE")
    else:
        db.db.execute("ANALYZE")
        db.db.commit()
    counts["handoffs"] = int(db.query("SELECT COUNT(*) FROM dossier_handoffs")[0][0])
    print(f"done: {counts['dossiers']:,} dossiers, {counts['events']:,} timeline lines, {counts['handoffs']:,} hand-offs, {counts['ratings']:,} ratings, "
          f"{counts['feedback']:,} feedback items "
          f"in {len(generated)} units, "
          f"{days[0]} to {days[-1]}, in {time.time() - t0:.0f} s", flush=True)


if __name__ == "__main__":
    main()
