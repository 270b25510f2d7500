#!/usr/bin/env python3
"""Crash and backup-under-load checks against the real `phuongso` binary (called by scripts/check).

    reliability_check.py crash  BIN WORKDIR PORT [DATABASE_URL]
    reliability_check.py backup BIN WORKDIR PORT [DATABASE_URL]

crash:  serves the demo, runs a burst of counter intakes through the API from 8 threads, kills the
        server with SIGKILL in the middle of it, restarts it on the same database and checks that
        every acknowledged (201) dossier exists with the code it was acknowledged with, that all
        codes are distinct, that a new intake after the restart gets a fresh code, and that
        `phuongso audit verify` passes.
backup: serves the demo, runs intakes from 8 threads, takes `phuongso backup` while they run,
        lets them run on, restores the backup into an empty database and checks that
        `audit verify` passes there and that every dossier acknowledged before the backup began is
        in it (and nothing that was never attempted).

Without DATABASE_URL the database is SQLite under WORKDIR. Prints what it checked; exit status 0
when everything held.
"""
import http.client
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

UNIT = "000.00.31.H42"
PASSWORD = "Demo@2026"
THREADS = 8


class Server:
    def __init__(self, bin_path, data_dir, port, env):
        self.bin, self.data_dir, self.port, self.env = bin_path, data_dir, port, env
        self.proc = None

    def start(self, demo=True):
        log = open(os.path.join(self.data_dir, "server.log"), "ab")
        args = [self.bin, "serve", "--port", str(self.port)] + (["--demo"] if demo else [])
        self.proc = subprocess.Popen(args, cwd=self.data_dir, env=self.env, stdout=log, stderr=log)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"server exited with {self.proc.returncode}; see {self.data_dir}/server.log")
            try:
                status, _ = request(self.port, "GET", "/healthz", timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit("server did not answer /healthz within 60 s")

    def kill9(self):
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def request(port, method, path, body=None, token=None, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = "Bearer " + token
    try:
        conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        r = conn.getresponse()
        data = r.read()
        return r.status, (json.loads(data) if data and r.getheader("Content-Type", "").startswith("application/json") else data)
    finally:
        conn.close()


def login(port, username="motcua"):
    status, body = request(port, "POST", "/api/v1/auth/token", {"username": username, "password": PASSWORD})
    if status != 201:
        raise SystemExit(f"login as {username}: {status} {body}")
    return body["token"]


def intake_body(port):
    """A complete procedure of the demo ward and every component of its checklist."""
    status, found = request(port, "GET", f"/api/v1/procedures?unit={UNIT}")
    assert status == 200, (status, found)
    for p in found:
        if p["complete"] and not p["retired"]:
            status, detail = request(port, "GET", f"/api/v1/procedures/{p['code']}?unit={UNIT}")
            assert status == 200, (status, detail)
            names = [c["name"] for c in detail["procedure"].get("components", [])]
            return {"procedureCode": p["code"], "submitted": names, "sets": 1, "decision": "receive"}
    raise SystemExit("the demo ward has no complete procedure")


class Load:
    """Threads posting intakes until stopped; every acknowledged dossier with the time of its 201."""

    def __init__(self, port, token, body, threads=THREADS):
        self.port, self.token, self.body = port, token, body
        self.acked = []          # (monotonic time of the 201, id, code)
        self.attempts = 0
        self.unexpected = []     # answers other than 201 while the server was up
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(i,), daemon=True) for i in range(threads)]

    def run(self, worker):
        n = 0
        while not self.stopping.is_set():
            n += 1
            body = dict(self.body)
            body["applicant"] = {"name": f"Nguyễn Văn Thử {worker}-{n}", "idNumber": f"0010{worker:02d}{n:06d}",
                                 "address": "Phường Thành Sen, Hà Tĩnh", "phone": "0912345678"}
            with self.lock:
                self.attempts += 1
            try:
                status, answer = request(self.port, "POST", "/api/v1/dossiers", body, self.token, timeout=30)
            except (OSError, http.client.HTTPException) as error:
                if self.stopping.is_set():
                    return
                self.unreachable(time.monotonic(), error)
                time.sleep(0.05)   # the server is down (killed): try until told to stop
                continue
            self.answered(time.monotonic(), status, answer)

    def answered(self, now, status, answer):
        """Keeps an answer (scripts/cluster_check.py also keeps when the failures came)."""
        with self.lock:
            if status == 201:
                self.acked.append((now, answer["id"], answer["code"]))
            else:
                self.unexpected.append((status, answer))

    def unreachable(self, now, error):
        """No answer at all: here the server is down (killed), so the thread just tries again."""

    def start(self):
        for t in self.threads:
            t.start()

    def stop(self):
        self.stopping.set()
        for t in self.threads:
            t.join(timeout=40)

    def wait_for(self, count, limit=60):
        deadline = time.time() + limit
        while len(self.acked) < count and time.time() < deadline:
            time.sleep(0.02)
        return len(self.acked)


def dossier_codes(db_url, sqlite_path, pg_bin):
    """{code: count} of received dossiers, read from the database itself."""
    if db_url:
        out = subprocess.run([os.path.join(pg_bin, "psql"), db_url, "-At", "-c", "SELECT code, count(*) FROM dossiers WHERE code IS NOT NULL GROUP BY code"],
                             check=True, capture_output=True, text=True).stdout
        return {line.split("|")[0]: int(line.split("|")[1]) for line in out.splitlines() if line}
    db = sqlite3.connect(sqlite_path)
    try:
        return dict(db.execute("SELECT code, count(*) FROM dossiers WHERE code IS NOT NULL GROUP BY code").fetchall())
    finally:
        db.close()


def cli(bin_path, env, *args):
    p = subprocess.run([bin_path, *args], env=env, capture_output=True, text=True, timeout=300)
    return p.returncode, (p.stdout + p.stderr).strip()


def environment(data_dir, db_url):
    env = dict(os.environ)
    env.update(PHUONGSO_DATA_DIR=data_dir, PHUONGSO_BCRYPT_COST="4",
               PHUONGSO_DATABASE_URL=db_url or "sqlite://" + os.path.join(data_dir, "phuongso.sqlite"))
    env.pop("PHUONGSO_CLOCK", None)
    return env


def crash(bin_path, work, port, db_url, pg_bin):
    data = os.path.join(work, "crash")
    os.makedirs(data, exist_ok=True)
    env = environment(data, db_url)
    server = Server(bin_path, data, port, env)
    problems = []
    try:
        server.start(demo=True)
        token = login(port)
        body = intake_body(port)
        load = Load(port, token, body)
        load.start()
        before = load.wait_for(400)
        server.kill9()           # in the middle of the burst: requests are in flight
        killed_at = len(load.acked)
        time.sleep(0.5)
        load.stop()
        acked = list(load.acked)
        print(f"{len(acked)} intakes acknowledged ({load.attempts} attempted) before SIGKILL; {before} when the kill was sent")
        if len(acked) < 100:
            problems.append(f"only {len(acked)} intakes acknowledged before the kill: the burst was too small to mean anything")
        if load.unexpected:
            problems.append(f"{len(load.unexpected)} intakes answered other than 201 while the server was up, e.g. {load.unexpected[0]}")
        server.start(demo=True)  # --demo loads nothing into a database that is not empty
        codes = dossier_codes(db_url, os.path.join(data, "phuongso.sqlite"), pg_bin)
        missing = [c for _, _, c in acked if c not in codes]
        if missing:
            problems.append(f"{len(missing)} acknowledged dossiers missing after the restart, e.g. {missing[:3]}")
        if len({c for _, _, c in acked}) != len(acked):
            problems.append("two acknowledgements carried the same code")
        dupes = {c: n for c, n in codes.items() if n > 1}
        if dupes:
            problems.append(f"codes held by more than one dossier: {list(dupes)[:3]}")
        token = login(port)
        for _, ident, code in acked[:: max(1, len(acked) // 40)]:
            status, d = request(port, "GET", f"/api/v1/dossiers/{ident}", token=token)
            if status != 200 or d.get("code") != code:
                problems.append(f"GET /api/v1/dossiers/{ident} after the restart: {status} {d}")
                break
        body["applicant"] = {"name": "Sau Khi Khởi Động Lại", "idNumber": "079912345678"}
        status, fresh = request(port, "POST", "/api/v1/dossiers", body, token)
        if status != 201 or fresh.get("code") in codes:
            problems.append(f"intake after the restart: {status} {fresh} (must be a new, unused code)")
        print(f"after restart: {len(codes)} coded dossiers in the database, all {len(acked) - len(missing)} of {len(acked)} acknowledged present;"
              f" next intake got {fresh.get('code') if isinstance(fresh, dict) else fresh}")
    finally:
        server.stop()
    status, out = cli(bin_path, env, "audit", "verify")
    print("audit verify:", out)
    if status != 0:
        problems.append(f"audit verify after the crash: {out}")
    return problems


def backup(bin_path, work, port, db_url, restore_url, pg_bin):
    data = os.path.join(work, "backup-src")
    os.makedirs(data, exist_ok=True)
    env = environment(data, db_url)
    server = Server(bin_path, data, port, env)
    problems = []
    archive = os.path.join(work, "under-load.tar.gz")
    try:
        server.start(demo=True)
        baseline = set(dossier_codes(db_url, os.path.join(data, "phuongso.sqlite"), pg_bin))  # the demo's own dossiers
        body = intake_body(port)
        load = Load(port, login(port), body)
        load.start()
        load.wait_for(60)
        with load.lock:
            began = time.monotonic()
            in_flight = load.attempts - len(load.acked) - len(load.unexpected)
        before = [c for t, _, c in list(load.acked) if t < began]
        status, out = cli(bin_path, env, "backup", "--to", archive)
        ended = time.monotonic()
        during = len([1 for t, _, _ in list(load.acked) if began <= t < ended])
        load.wait_for(len(load.acked) + 30, limit=20)
        load.stop()
        print(f"backup took {ended - began:.2f} s with intakes running: {len(before)} acknowledged before it began,"
              f" {in_flight} in flight when it began, {during} acknowledged while it ran, {len(load.acked)} in all")
        if status != 0:
            problems.append(f"backup under load failed: {out}")
            return problems
        if during == 0 and in_flight == 0:
            problems.append("no intake was acknowledged while the backup ran: it was not taken under load")
        if load.unexpected:
            problems.append(f"{len(load.unexpected)} intakes answered other than 201 during the backup, e.g. {load.unexpected[0]}")
        all_acked = {c for _, _, c in load.acked}
    finally:
        server.stop()
    target = os.path.join(work, "backup-restored")
    os.makedirs(target, exist_ok=True)
    renv = environment(target, restore_url)
    status, out = cli(bin_path, renv, "restore", "--from", archive)
    if status != 0:
        problems.append(f"restore: {out}")
        return problems
    status, out = cli(bin_path, renv, "audit", "verify")
    print("restored copy:", out)
    if status != 0:
        problems.append(f"audit verify on the restored copy: {out}")
    codes = dossier_codes(restore_url, os.path.join(target, "phuongso.sqlite"), pg_bin)
    missing = [c for c in before if c not in codes]
    if missing:
        problems.append(f"{len(missing)} dossiers acknowledged before the backup began are not in it, e.g. {missing[:3]}")
    # A dossier in the copy that was never acknowledged can only be one whose 201 was in flight
    # when the load stopped; anything else would be invented.
    extra = [c for c in codes if c not in all_acked and c not in baseline]
    if len(extra) > THREADS:
        problems.append(f"{len(extra)} dossiers in the copy were never acknowledged (more than the {THREADS} that can be in flight)")
    print(f"restored copy holds {len(codes)} coded dossiers; all {len(before) - len(missing)} of {len(before)} acknowledged before the backup are there")
    return problems


def main():
    if len(sys.argv) < 5 or sys.argv[1] not in ("crash", "backup"):
        raise SystemExit(__doc__)
    mode, bin_path, work, port = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3]), int(sys.argv[4])
    db_url = sys.argv[5] if len(sys.argv) > 5 and sys.argv[5] else None
    restore_url = sys.argv[6] if len(sys.argv) > 6 and sys.argv[6] else None
    pg_bin = os.environ.get("PG_BIN", "/usr/bin")
    os.makedirs(work, exist_ok=True)
    started = time.time()
    problems = crash(bin_path, work, port, db_url, pg_bin) if mode == "crash" else backup(bin_path, work, port, db_url, restore_url, pg_bin)
    print(f"{mode} check took {time.time() - started:.1f} s")
    for p in problems:
        print("PROBLEM:", p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
