#!/usr/bin/env python3
"""Two instances behind nginx on one PostgreSQL, one killed mid-burst (called by scripts/check, 5e).

    cluster_check.py BIN WORKDIR PORT DATABASE_URL [SCREENSHOTS]

Writes an nginx.conf into WORKDIR (pid, logs and temp files all inside it), starts two `phuongso
serve` on PORT+1 and PORT+2 over the same database (and the same data directory, unless a bucket is
given: then each has a folder of its own and the files are in the bucket), and nginx
(Debian's, /usr/sbin/nginx or $NGINX) in front of them on 127.0.0.1:PORT. Instance 1 loads the demo
into the empty database (--demo); instance 2 starts once it answers. Both trust nginx's
X-Forwarded-For (PHUONGSO_TRUSTED_PROXIES=127.0.0.1) and run on one ward clock from 13 Feb 2026
15:20, as browser_check.py expects. Then, through nginx:

1. /healthz answers; a token obtained by logging in through nginx works on each instance directly;
2. the browser scenarios (scripts/browser_check.py) run through nginx, on the demo as step 5 has it;
3. a burst of counter intakes from 8 threads; after about a third of it instance 1 gets SIGKILL
   and the burst goes on. Every dossier acknowledged with 201 is read back through nginx with the
   code it was acknowledged with; codes are distinct; only requests in flight at the kill failed
   (at most one per thread); every dossier the burst left in the database is whole (its checklist,
   a timeline entry and an audit entry), also one whose 201 was lost with the instance;
4. instance 1 starts again (without --demo); intakes through nginx work with the token from before;
5. instance 2 gets SIGTERM while pages are read through nginx (a rolling restart): it exits with
   status 0 without a crash, and every read through nginx is answered;
6. `phuongso audit verify` passes on the shared database.

Every PHUONGSO_S3_* variable in this script's environment is passed on to both instances (the
shared file store); other PHUONGSO_* variables of the caller are not. Prints `ok   ...` and
`FAIL ...` lines; exit status 0 when everything held. Every process it starts is stopped on the way
out, also on failure.
"""
import concurrent.futures
import datetime
import grp
import http.client
import os
import pwd
import re
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reliability_check as rc  # noqa: E402  (the server, the load and the API helpers)

NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
# browser_check.py's ward lives on Friday 13 Feb 2026 from 15:20 (after the same-day cut-off, just
# before Tết): its due dates are written for that clock.
WARD_CLOCK = datetime.datetime(2026, 2, 13, 15, 20)
KILL_AFTER = 150      # acknowledged intakes before instance 1 is killed: about a third of the burst
BURST = 450           # acknowledged intakes before the burst stops
AFTER_RESTART = 4     # intakes through nginx once instance 1 is back: round robin reaches both


class Check:
    """The ok / FAIL lines, and whether any failed."""

    def __init__(self):
        self.failed = 0

    def __call__(self, ok, what, detail=""):
        print(("ok   " if ok else "FAIL ") + what + ("" if ok or not detail else f": {detail}"), flush=True)
        self.failed += 0 if ok else 1
        return ok


class WardClock:
    """One ward clock for every instance, started whenever: each gets PHUONGSO_CLOCK at the time
    the first instance's clock shows now, so a restarted instance does not go back to 15:20."""

    def __init__(self, start=WARD_CLOCK):
        self.start, self.began = start, time.time()

    def now(self):
        return (self.start + datetime.timedelta(seconds=int(time.time() - self.began))).isoformat(timespec="seconds")


FAIL_TIMEOUT = 5


# The `location /` of docs/OPERATIONS.md §3, for the plain-HTTP proxy here and the TLS one of
# scripts/tls_check.py.
PROXY_LOCATION = """        location / {
            proxy_pass http://phuongso;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_connect_timeout 2s;
            # An instance that cannot be reached (or answers 502, or 503: its database or store
            # unreachable) is skipped for the next one. A request with a non-idempotent method (an
            # intake's POST) is never passed on once it was sent: nginx's default, kept on purpose
            # (no `non_idempotent` here), so a dossier is never received twice behind the clerk's
            # back; the clerk gets an error instead.
            proxy_next_upstream error timeout http_502 http_503;
        }"""


def nginx_conf(work, port, upstream_ports, servers=None):
    """The proxy a ward would run: everything nginx writes stays inside `work`. `servers`: the
    `server` blocks (scripts/tls_check.py gives its own), by default one on `port` in plain HTTP."""
    user = ""
    if os.geteuid() == 0:
        # Workers run as whoever runs the check (root in CI), so they can use their temp folders
        # inside WORKDIR whatever the permissions of the folders above it.
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};"
    # An instance that failed is left alone for 5 s (nginx's passive health check), then tried again.
    upstreams = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout={FAIL_TIMEOUT}s;" for p in upstream_ports)
    temp = os.path.join(work, "nginx-temp")
    servers = servers or f"""    server {{
        listen 127.0.0.1:{port};
{PROXY_LOCATION}
    }}"""
    return f"""# written by scripts/cluster_check.py
daemon off;
master_process on;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
{user}
events {{ worker_connections 512; }}
http {{
    access_log {work}/nginx-access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    client_max_body_size 25m;
    upstream phuongso {{
{upstreams}
    }}
{servers}
}}
"""


class Nginx:
    """nginx in the foreground (`daemon off`) as a child, in a process group of its own so its
    workers go with it."""

    def __init__(self, work, port, upstream_ports, servers=None):
        self.work, self.port = work, port
        self.conf = os.path.join(work, "nginx.conf")
        with open(self.conf, "w") as f:
            f.write(nginx_conf(work, port, upstream_ports, servers))
        os.makedirs(os.path.join(work, "nginx-temp"), exist_ok=True)
        self.proc = None

    def command(self, *extra):
        return [NGINX, "-p", self.work, "-c", self.conf, "-e", os.path.join(self.work, "nginx-error.log"), *extra]

    def start(self):
        if not os.access(NGINX, os.X_OK):
            raise SystemExit(f"no nginx at {NGINX} (scripts/check installs Debian's `nginx`)")
        tested = subprocess.run(self.command("-t"), capture_output=True, text=True)
        if tested.returncode != 0:
            raise SystemExit("nginx -t: " + tested.stderr.strip())
        log = open(os.path.join(self.work, "nginx.out"), "ab")
        self.proc = subprocess.Popen(self.command(), stdout=log, stderr=log, start_new_session=True)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"nginx exited with {self.proc.returncode}; see {self.work}/nginx-error.log")
            if self.answers():
                return
            time.sleep(0.2)
        raise SystemExit("nginx did not answer /healthz within 20 s")

    def answers(self):
        """Whether /healthz answers through nginx."""
        try:
            return rc.request(self.port, "GET", "/healthz", timeout=2)[0] == 200
        except (OSError, http.client.HTTPException):
            return False

    def stop(self):
        if not self.proc or self.proc.poll() is not None:
            return
        self.proc.terminate()   # SIGTERM: the master stops its workers and exits
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def brief(answer):
    """An answer in a line: JSON as it is, an HTML page (nginx's 502) by its title."""
    if isinstance(answer, (bytes, bytearray)):
        text = answer.decode("utf-8", "replace")
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        return title.group(1).strip() if title else text[:120]
    return str(answer)[:120]


class BurstLoad(rc.Load):
    """reliability_check's load, also keeping when each failure came: a 502 from nginx, another
    status, or (never expected: nginx stays up) no answer at all."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.failures = []   # (monotonic time, what)

    def answered(self, now, status, answer):
        super().answered(now, status, answer)
        if status != 201:
            with self.lock:
                self.failures.append((now, f"{status} {brief(answer)}"))

    def unreachable(self, now, error):
        with self.lock:
            self.failures.append((now, f"no answer: {error}"))


def instance_env(shared_data, db_url, port):
    """The environment both instances share. Of the caller's PHUONGSO_* variables only
    PHUONGSO_S3_* pass through (the shared file store): a stray one (a clock, a port) would change
    what is being checked."""
    env = rc.environment(shared_data, db_url)
    ours = {"PHUONGSO_DATA_DIR", "PHUONGSO_DATABASE_URL", "PHUONGSO_BCRYPT_COST"}
    env = {k: v for k, v in env.items() if not k.startswith("PHUONGSO_") or k in ours or k.startswith("PHUONGSO_S3_")}
    env.update(PHUONGSO_TRUSTED_PROXIES="127.0.0.1", PHUONGSO_PUBLIC_URL=f"http://127.0.0.1:{port}")
    return env


def start(server, demo, clock):
    """Starts an instance with the ward clock as it reads now."""
    server.env = dict(server.env, PHUONGSO_CLOCK=clock.now())
    server.start(demo=demo)


def psql(db_url, pg_bin, sql):
    out = subprocess.run([os.path.join(pg_bin, "psql"), db_url, "-At", "-F", "|", "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("|") for line in out.splitlines() if line]


def check_proxy(check, port, instance_ports):
    """/healthz through nginx; a token from a login through nginx works on each instance."""
    check(rc.request(port, "GET", "/healthz")[0] == 200, "nginx answers /healthz from the instances behind it")
    token = rc.login(port)
    for p in instance_ports:
        status, _ = rc.request(p, "GET", "/api/v1/inbox", token=token)
        anonymous, _ = rc.request(p, "GET", "/api/v1/inbox")
        check(status == 200 and anonymous == 401,
              f"the token from a login through nginx opens the clerk's inbox on the instance at :{p} directly",
              f"{status} with the token, {anonymous} without")
    return token


def browser_scenarios(check, port, work, shots):
    """browser_check.py through nginx. It runs on the fresh demo, before the burst, as step 5 runs
    it: its due dates are written for the ward clock it starts on (13 Feb 2026 15:20) and its
    counts for the demo's dossiers, not for hundreds of intakes."""
    os.makedirs(shots, exist_ok=True)
    log = os.path.join(work, "browser.log")
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "browser_check.py")
    with open(log, "w") as out:
        status = subprocess.run([sys.executable, script, f"http://127.0.0.1:{port}", shots],
                                stdout=out, stderr=subprocess.STDOUT, timeout=1200).returncode
    with open(log) as f:
        lines = f.read().splitlines()
    if not check(status == 0, f"browser scenarios (browser_check.py) through nginx, screenshots in {shots}"):
        print("\n".join(lines[-40:]))


def whole(port, token, ident, code, components):
    """None when the dossier reads back through nginx complete, else what is wrong."""
    status, d = rc.request(port, "GET", f"/api/v1/dossiers/{ident}", token=token)
    if status != 200 or not isinstance(d, dict):
        return f"GET /api/v1/dossiers/{ident}: {status} {str(d)[:120]}"
    got = [c["name"] for c in d.get("flags", {}).get("components", []) if c.get("submitted")]
    if d.get("code") != code or d.get("state") != "received" or not d.get("dueAt") or sorted(got) != sorted(components):
        return f"{ident}: code {d.get('code')} (acknowledged {code}), state {d.get('state')}, due {d.get('dueAt')}, submitted {got}"
    return None


def read_back(port, token, dossiers, components):
    """Every (id, code) read through nginx, 8 at a time; the problems found."""
    with concurrent.futures.ThreadPoolExecutor(rc.THREADS) as pool:
        found = pool.map(lambda d: whole(port, token, d[0], d[1], components), dossiers)
        return [p for p in found if p]


def run_burst(port, token, body, first):
    """Intakes from 8 threads through nginx, instance 1 killed after KILL_AFTER of them were
    acknowledged, on until BURST were: the load and when the kill came."""
    load = BurstLoad(port, token, body)
    load.start()
    load.wait_for(KILL_AFTER)
    killed_at = time.monotonic()
    first.kill9()
    load.wait_for(BURST, limit=120)
    load.stop()
    return load, killed_at


def check_serving(check, load, killed_at, second):
    """Instance 2 went on; what failed was in flight at the kill. The failed requests, listed."""
    acked = list(load.acked)
    after = [a for a in acked if a[0] > killed_at]
    print(f"{len(acked)} intakes acknowledged through nginx ({load.attempts} attempted), {len(after)} after instance 1 was killed")
    running = second.proc.poll() is None
    check(len(acked) >= BURST and running,
          f"instance 2 kept serving: {len(after)} intakes acknowledged through nginx after instance 1 was killed",
          f"only {len(acked)} of {BURST} acknowledged; instance 2 {'running' if running else 'exited'}")
    for t, what in load.failures:
        print(f"  failed {t - killed_at:+.2f} s from the kill: {what}")
    early = [f for f in load.failures if f[0] <= killed_at]
    late = [f for f in load.failures if f[0] > killed_at]
    check(not early and len(late) <= rc.THREADS,
          f"only requests in flight at the kill failed ({len(late)}, at most one per thread)",
          f"{len(early)} failures before the kill, {len(late)} after")
    return late


def check_acknowledged(check, port, token, body, acked):
    """Every 201 read back through nginx, whole, with its code; no code twice."""
    codes = [c for _, _, c in acked]
    check(len(set(codes)) == len(codes), "every acknowledgement carried its own code")
    problems = read_back(port, token, [(i, c) for _, i, c in acked], body["submitted"])
    check(not problems, f"all {len(acked)} acknowledged dossiers read back through nginx, whole, with their codes",
          f"{len(problems)} not, e.g. {problems[:3]}")


def check_database(check, port, token, body, acked, failed, baseline, db_url, pg_bin):
    """What the burst left in the database: no code twice, a committed dossier only for a 201 or
    a failed request, and none half-written (each has its timeline and audit entry, and one whose
    201 was lost reads back whole). The codes now in use."""
    in_db = rc.dossier_codes(db_url, None, pg_bin)
    check(all(n == 1 for n in in_db.values()), "no code is held by two dossiers in the database",
          str([c for c, n in in_db.items() if n > 1][:3]))
    lost = set(in_db) - baseline - {c for _, _, c in acked}
    check(len(lost) <= len(failed), f"{len(lost)} dossiers committed whose 201 was lost with instance 1"
          " (at most one per failed request)", f"{len(lost)} for {len(failed)} failed requests")
    rows = psql(db_url, pg_bin, "SELECT d.id, d.code, "
                "EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id), "
                "EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'dossier' AND a.entity_id = d.code) "
                "FROM dossiers d WHERE d.code IS NOT NULL")
    burst_rows = [r for r in rows if r[1] not in baseline]
    halves = [r for r in burst_rows if r[2] != "t" or r[3] != "t"]
    problems = read_back(port, token, [(r[0], r[1]) for r in burst_rows if r[1] in lost], body["submitted"])
    check(not halves and not problems and len(burst_rows) == len(acked) + len(lost),
          f"no half-written dossier: all {len(burst_rows)} from the burst have their checklist, timeline and audit entry",
          f"{len(burst_rows)} rows for {len(acked)} + {len(lost)}; {halves[:3]} {problems[:3]}")
    return set(in_db)


def burst(check, port, token, body, first, second, db_url, pg_bin):
    """The burst with instance 1 killed a third of the way, and the checks on what it left."""
    baseline = set(rc.dossier_codes(db_url, None, pg_bin))
    load, killed_at = run_burst(port, token, body, first)
    failed = check_serving(check, load, killed_at, second)
    check_acknowledged(check, port, token, body, list(load.acked))
    return check_database(check, port, token, body, list(load.acked), failed, baseline, db_url, pg_bin)


def after_restart(check, port, token, body, first, clock, known):
    """Instance 1 back without --demo: the token from before works on it, intakes through nginx."""
    start(first, False, clock)
    status, _ = rc.request(first.port, "GET", "/api/v1/inbox", token=token)
    check(status == 200, "the token from before the kill works on the restarted instance 1", str(status))
    answers = []
    for n in range(AFTER_RESTART):
        b = dict(body, applicant={"name": f"Sau Khởi Động Lại {n}", "idNumber": f"07991234567{n}"})
        status, answer = rc.request(port, "POST", "/api/v1/dossiers", b, token)
        answers.append((status, answer.get("code") if isinstance(answer, dict) else str(answer)[:120]))
    codes = [c for status, c in answers if status == 201 and c and c not in known]
    check(len(set(codes)) == AFTER_RESTART,
          f"{AFTER_RESTART} intakes through nginx after the restart got fresh codes ({', '.join(codes)})", str(answers))


def rolling_stop(check, port, token, second):
    """SIGTERM to instance 2 while pages are being read through nginx, as a rolling restart does:
    it answers what it has in hand and exits cleanly; nginx goes on with instance 1."""
    stop, answers, lock = threading.Event(), [], threading.Lock()

    def read():
        while not stop.is_set():
            started = time.monotonic()
            try:
                status, _ = rc.request(port, "GET", "/api/v1/inbox", token=token, timeout=10)
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
            with lock:
                answers.append((started, status))

    def wait_for(enough, limit=60):
        """Until `enough()` holds over the answers so far, or `limit` seconds: a loaded machine
        answers a read in seconds rather than a fraction of one, so fixed sleeps can miss the load."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            with lock:
                if enough(list(answers)):
                    return
            time.sleep(0.1)

    # As an operator does between two restarts: wait until nginx tries instance 1 again (it was
    # marked failed while it was down) before stopping instance 2.
    time.sleep(FAIL_TIMEOUT + 1)
    threads = [threading.Thread(target=read, daemon=True) for _ in range(rc.THREADS)]
    began = time.monotonic()
    for t in threads:
        t.start()
    # The stop comes when every thread has had answers, so reads are in flight when it lands.
    wait_for(lambda done: len(done) >= 2 * rc.THREADS)
    stopped_at = time.monotonic()
    second.proc.send_signal(signal.SIGTERM)
    code = second.proc.wait(timeout=60)
    # Reads begun after the stop are the ones that show nginx going on with instance 1 alone.
    wait_for(lambda done: sum(1 for t, _ in done if t > stopped_at) >= 2 * rc.THREADS)
    stop.set()
    for t in threads:
        t.join(timeout=15)
    with open(os.path.join(second.data_dir, "server.log"), errors="replace") as log:
        crashed = "Fatal error" in log.read()
    check(code == 0 and not crashed, f"SIGTERM mid-load: instance 2 finished what it had and exited cleanly "
          f"(status {code})", "it crashed: see its server.log")
    after = [s for t, s in answers if t > stopped_at]
    bad = [(round(t - stopped_at, 3), s) for t, s in answers if s != 200]
    check(len(after) > 0 and len(answers) > len(after) and not bad,
          f"nginx kept answering through the stop: {len(answers) - len(after)} reads begun in the "
          f"{stopped_at - began:.1f} s before it, {len(after)} after it, none failed",
          f"{len(answers) - len(after)} begun before, {len(after)} after; {len(bad)} failed "
          f"(seconds from the stop to the read's start, answer): {bad[:10]}")


def run(check, bin_path, work, port, db_url, shots, pg_bin):
    shared = os.path.join(work, "data")   # both instances' files when no bucket is given
    clock = WardClock()
    env = instance_env(shared, db_url, port)
    passed = sorted(k for k in env if k.startswith("PHUONGSO_S3_"))
    print("passed on to both instances:", ", ".join(passed) if passed else "no PHUONGSO_S3_* variable")
    servers = []
    for n in (1, 2):
        own = os.path.join(work, f"instance{n}")
        os.makedirs(own, exist_ok=True)
        # with a bucket, each instance has a data folder of its own: nothing it needs is on its disk
        servers.append(rc.Server(bin_path, own, port + n, dict(env, PHUONGSO_DATA_DIR=own) if passed else dict(env)))
    os.makedirs(shared, exist_ok=True)
    nginx = Nginx(work, port, [s.port for s in servers])
    try:
        start(servers[0], True, clock)    # loads the demo into the empty database
        start(servers[1], False, clock)
        nginx.start()
        token = check_proxy(check, port, [s.port for s in servers])
        browser_scenarios(check, port, work, shots)
        body = rc.intake_body(port)
        known = burst(check, port, token, body, servers[0], servers[1], db_url, pg_bin)
        after_restart(check, port, token, body, servers[0], clock, known)
        rolling_stop(check, port, token, servers[1])
    finally:
        nginx.stop()
        for s in servers:
            s.stop()
    status, out = rc.cli(bin_path, env, "audit", "verify")
    check(status == 0, f"audit verify on the shared database ({out})", out)


def main():
    if len(sys.argv) < 5:
        raise SystemExit(__doc__)
    bin_path, work, port, db_url = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    shots = os.path.abspath(sys.argv[5]) if len(sys.argv) > 5 else os.path.join(work, "screenshots")
    os.makedirs(work, exist_ok=True)
    check = Check()
    started = time.time()
    run(check, bin_path, work, port, db_url, shots, os.environ.get("PG_BIN", "/usr/bin"))
    print(f"cluster check took {time.time() - started:.1f} s")
    sys.exit(1 if check.failed else 0)


if __name__ == "__main__":
    main()
