#!/usr/bin/env python3
"""A streaming replica, point-in-time recovery and a failover, as docs/OPERATIONS.md §4 has them
(called by scripts/check, 4d).

    replica_check.py BIN WORKDIR WEB_PORT PG_PORT

Starts three PostgreSQL servers of its own under WORKDIR (PG_BIN's binaries, run as the user
`postgres`): a primary on PG_PORT that archives its WAL, a streaming replica of it on PG_PORT+1
made with `pg_basebackup -R -X stream` as a role `replicator`, and later a point-in-time recovery
on PG_PORT+2. `phuongso serve --demo` runs on the primary (WEB_PORT); then:

1. a base backup for recovery is taken, the replica is made and started;
2. a first burst of counter intakes (8 threads) ends; the primary's clock is noted (the target);
   a second burst follows;
3. the replica: it catches up, holds exactly the primary's dossiers, refuses a write, and
   `phuongso audit verify` passes on it;
4. point-in-time recovery from the base backup and the archived WAL to the target: it holds every
   dossier of the demo and of the first burst and none of the second; `audit verify` passes;
5. failover with synchronous replication (`synchronous_standby_names = '*'` on the primary, set
   once the replica runs): a third burst, and the primary stops at once (`-m immediate`) in the
   middle of it; the replica is promoted and `phuongso serve` starts on it: every dossier
   acknowledged in any burst is there, an intake is accepted with a new code, and `audit verify`
   passes.

Prints `ok   ...` and `FAIL ...` lines; exit status 0 when everything held. Every process it starts
is stopped on the way out, also on failure.
"""
import os
import pwd
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reliability_check as rc  # noqa: E402  (the server, the load and the API helpers)
from cluster_check import Check  # noqa: E402


class Postgres:
    """One PostgreSQL server of this check: its folder, its port, run as `postgres`."""

    def __init__(self, pg_bin, folder, port):
        self.pg_bin, self.folder, self.port = pg_bin, folder, port
        self.url = f"postgres://postgres@127.0.0.1:{port}/phuongso"

    def as_postgres(self, *args, **kw):
        return subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True, capture_output=True, text=True, **kw)

    def initdb(self, archive):
        make_dir(self.folder)
        self.as_postgres(os.path.join(self.pg_bin, "initdb"), "-D", self.folder, "-U", "postgres", "-A", "trust", "-E", "UTF8")
        # The primary's settings of docs/OPERATIONS.md §4 (wal_level = replica is PostgreSQL 15's default)
        # (fsync off as in the rest of the check: what is checked is the WAL's content, not the disk)
        self.configure(wal_level="replica", archive_mode="on", max_wal_senders="5",
                       archive_command=f"test ! -f {archive}/%f && cp %p {archive}/%f", fsync="off")

    def configure(self, **settings):
        with open(os.path.join(self.folder, "postgresql.auto.conf"), "a") as f:
            for key, value in settings.items():
                f.write(f"{key} = '{value}'\n")

    def start(self):
        """Starts it; its socket and its log are outside its folder, which base backups copy."""
        sockets, logs = os.path.join(os.path.dirname(self.folder), "sockets"), os.path.join(os.path.dirname(self.folder), "logs")
        make_dir(sockets)
        make_dir(logs)
        log = os.path.join(logs, os.path.basename(self.folder) + ".log")
        try:
            self.as_postgres(os.path.join(self.pg_bin, "pg_ctl"), "-D", self.folder, "-l", log, "-w",
                             "-o", f"-p {self.port} -k {sockets} -c listen_addresses=127.0.0.1", "start")
        except subprocess.CalledProcessError as error:
            said = open(log).readlines()[-8:] if os.path.exists(log) else [error.stderr]
            raise RuntimeError(f"{self.folder} did not start: {''.join(said)}") from error

    def stop(self, mode="fast"):
        if os.path.exists(os.path.join(self.folder, "postmaster.pid")):
            subprocess.run(["runuser", "-u", "postgres", "--", os.path.join(self.pg_bin, "pg_ctl"),
                            "-D", self.folder, "-m", mode, "-w", "stop"], capture_output=True)

    def sql(self, statement, database="phuongso"):
        out = subprocess.run([os.path.join(self.pg_bin, "psql"), f"postgres://postgres@127.0.0.1:{self.port}/{database}",
                              "-At", "-v", "ON_ERROR_STOP=1", "-c", statement], capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(out.stderr.strip())
        return out.stdout.strip()

    def codes(self):
        return set(self.sql("SELECT code FROM dossiers WHERE code IS NOT NULL").split())


def make_dir(path):
    os.makedirs(path, exist_ok=True)
    ids = pwd.getpwnam("postgres")
    os.chown(path, ids.pw_uid, ids.pw_gid)
    os.chmod(path, 0o700)


def burst(port, token, body, count):
    """Intakes from 8 threads until `count` are acknowledged; every thread's last answer is in."""
    load = rc.Load(port, token, body)
    load.start()
    load.wait_for(count)
    load.stop()
    return load


def caught_up(primary, replica, limit=60):
    target = primary.sql("SELECT pg_current_wal_lsn()")
    deadline = time.time() + limit
    while time.time() < deadline:
        if replica.sql(f"SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '{target}') >= 0") == "t":
            return True
        time.sleep(0.2)
    return False


def archived(primary, limit=60):
    """Switches to a new WAL file and waits until the one it closed is in the archive."""
    segment = primary.sql("SELECT pg_walfile_name(pg_switch_wal())")
    deadline = time.time() + limit
    while time.time() < deadline:
        last = primary.sql("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver")
        if last >= segment:
            return segment
        time.sleep(0.2)
    return None


def run(check, bin_path, work, web_port, pg_port, pg_bin):
    archive = os.path.join(work, "archive")
    make_dir(archive)
    primary = Postgres(pg_bin, os.path.join(work, "primary"), pg_port)
    replica = Postgres(pg_bin, os.path.join(work, "replica"), pg_port + 1)
    recovered = Postgres(pg_bin, os.path.join(work, "recovered"), pg_port + 2)
    data = os.path.join(work, "data")
    os.makedirs(data, exist_ok=True)
    server = None
    try:
        primary.initdb(archive)
        primary.start()
        primary.sql("CREATE ROLE replicator REPLICATION LOGIN", database="postgres")
        primary.sql("CREATE DATABASE phuongso", database="postgres")
        server = rc.Server(bin_path, data, web_port, rc.environment(data, primary.url))
        server.start(demo=True)
        token = rc.login(web_port)
        body = rc.intake_body(web_port)
        demo = primary.codes()

        # 1. the base backup for recovery, and the replica
        base = os.path.join(work, "base")
        make_dir(base)
        primary.as_postgres(os.path.join(pg_bin, "pg_basebackup"), "-h", "127.0.0.1", "-p", str(pg_port), "-U", "replicator",
                            "-D", base, "-X", "stream", "-c", "fast")
        make_dir(replica.folder)
        primary.as_postgres(os.path.join(pg_bin, "pg_basebackup"), "-h", "127.0.0.1", "-p", str(pg_port), "-U", "replicator",
                            "-D", replica.folder, "-R", "-X", "stream", "-c", "fast")
        replica.start()
        check(replica.sql("SELECT pg_is_in_recovery()") == "t", "the replica made with pg_basebackup -R -X stream runs as a standby")
        # From now on each commit waits for the replica to have it (docs/OPERATIONS.md §4)
        primary.sql("ALTER SYSTEM SET synchronous_standby_names = '*'")
        primary.sql("SELECT pg_reload_conf()")
        deadline = time.time() + 30
        while primary.sql("SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'") != "1" and time.time() < deadline:
            time.sleep(0.2)
        check(primary.sql("SELECT sync_state FROM pg_stat_replication") == "sync", "the replica is the primary's synchronous standby")

        # 2. two bursts, the recovery target between them
        first = burst(web_port, token, body, 150)
        target = primary.sql("SELECT clock_timestamp()")
        time.sleep(1.5)
        second = burst(web_port, token, body, 150)
        first_codes = {c for _, _, c in first.acked}
        second_codes = {c for _, _, c in second.acked}
        check(not first.unexpected and not second.unexpected and len(first_codes) >= 150 and len(second_codes) >= 150,
              f"two bursts of intakes on the primary: {len(first_codes)} acknowledged, the target {target}, then {len(second_codes)}",
              f"{(first.unexpected + second.unexpected)[:2]}")

        # 3. the replica (no intake runs while it is compared)
        check(caught_up(primary, replica), "the replica replays the primary's WAL up to its last write")
        on_primary, on_replica = primary.codes(), replica.codes()
        check(on_replica == on_primary and first_codes | second_codes <= on_replica,
              f"the replica holds the primary's {len(on_primary)} dossiers, every acknowledged one among them",
              f"{len(on_primary ^ on_replica)} differ")
        try:
            replica.sql("CREATE TABLE written_on_a_replica (x int)")
            check(False, "the replica refuses a write")
        except RuntimeError as error:
            check("read-only" in str(error), "the replica refuses a write", str(error))
        status, out = rc.cli(bin_path, rc.environment(data, replica.url), "audit", "verify")
        check(status == 0, f"audit verify on the replica ({out})", out)

        # 4. point-in-time recovery to the target
        segment = archived(primary)
        check(segment is not None, f"the primary's WAL is archived (up to {segment})")
        shutil.copytree(base, recovered.folder, dirs_exist_ok=True)
        subprocess.run(["chown", "-R", "postgres:", recovered.folder], check=True)
        recovered.configure(restore_command=f"cp {archive}/%f %p", recovery_target_time=target,
                            recovery_target_action="promote", archive_mode="off")
        open(os.path.join(recovered.folder, "recovery.signal"), "w").close()
        recovered.start()
        deadline = time.time() + 60
        while recovered.sql("SELECT pg_is_in_recovery()") == "t" and time.time() < deadline:
            time.sleep(0.2)
        check(recovered.sql("SELECT pg_is_in_recovery()") == "f", "the recovery to the target ends and the copy is promoted")
        at_target = recovered.codes()
        check(at_target == demo | first_codes,
              f"recovered to {target}: every dossier from before it ({len(demo | first_codes)}, the first burst's"
              f" {len(first_codes)} among them), none of the second burst's",
              f"missing {len((demo | first_codes) - at_target)}, of the second burst {len(at_target & second_codes)}")
        status, out = rc.cli(bin_path, rc.environment(data, recovered.url), "audit", "verify")
        check(status == 0, f"audit verify on the recovered copy ({out})", out)
        recovered.stop()

        # 5. failover: the primary is lost in the middle of a burst, the replica promoted and served
        third = rc.Load(web_port, token, body)
        third.start()
        third.wait_for(60)
        primary.stop("immediate")
        time.sleep(0.5)
        third.stop()
        server.stop()
        server = None
        third_codes = {c for _, _, c in third.acked}
        check(len(third_codes) >= 60, f"the primary stopped at once in a third burst, {len(third_codes)} intakes acknowledged by then"
              f" ({len(third.unexpected)} refused after)")
        replica.as_postgres(os.path.join(pg_bin, "pg_ctl"), "-D", replica.folder, "-w", "promote")
        check(replica.sql("SELECT pg_is_in_recovery()") == "f", "the replica is promoted (pg_ctl promote)")
        server = rc.Server(bin_path, data, web_port, rc.environment(data, replica.url))
        server.start(demo=False)
        token = rc.login(web_port)
        lost = (first_codes | second_codes | third_codes) - replica.codes()
        check(not lost, "every acknowledged dossier is on the promoted replica, those of the third burst too", f"{len(lost)} lost")
        body["applicant"] = {"name": "Sau Khi Chuyển Máy Chủ", "idNumber": "079912345679"}
        status, fresh = rc.request(web_port, "POST", "/api/v1/dossiers", body, token)
        check(status == 201 and fresh.get("code") not in on_primary | third_codes,
              f"an intake on the promoted replica gets a new code ({fresh.get('code') if isinstance(fresh, dict) else fresh})",
              f"{status} {fresh}")
        server.stop()
        server = None
        status, out = rc.cli(bin_path, rc.environment(data, replica.url), "audit", "verify")
        check(status == 0, f"audit verify on the promoted replica ({out})", out)
    finally:
        if server:
            server.stop()
        for pg in (recovered, replica, primary):
            pg.stop()


def main():
    if len(sys.argv) < 5:
        raise SystemExit(__doc__)
    bin_path, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    web_port, pg_port = int(sys.argv[3]), int(sys.argv[4])
    os.makedirs(work, exist_ok=True)
    os.chmod(work, 0o755)
    check = Check()
    started = time.time()
    # stopped by scripts/check (a time limit): the servers are stopped on the way out
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped (SIGTERM)"))
    try:
        run(check, bin_path, work, web_port, pg_port, os.environ.get("PG_BIN", "/usr/bin"))
    except (Exception, SystemExit) as error:
        detail = error.stderr if isinstance(error, subprocess.CalledProcessError) else ""
        check(False, "the replica check ran to its end", f"{error!r} {detail}")
    print(f"replica check took {time.time() - started:.1f} s")
    sys.exit(1 if check.failed else 0)


if __name__ == "__main__":
    main()
