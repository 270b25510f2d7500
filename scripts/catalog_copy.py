#!/usr/bin/env python3
"""A province's catalogue for the search benchmark (scripts/bench-search with UNITS > 1): every
ward and commune holds its own copy of the same procedures, as in a real province. Creates
generated wards and communes until there are UNITS in all, and copies into each the procedures
(and their versions) of the demo ward, straight into the database; the database's triggers keep
`procedure_texts` as the application's writes would.

    catalog_copy.py sqlite:///path/phuongso.sqlite | postgres://... UNITS
"""
import os
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scale_generate import PROVINCE, WARD, Target  # noqa: E402

PROCEDURE_COLUMNS = ["id", "unit_id", "code", "name", "field", "search_text", "folded_name", "complete", "online", "retired", "latest_version", "created_at"]
VERSION_COLUMNS = ["id", "procedure_id", "version", "effective_from", "content", "created_by", "created_at"]


def main():
    url, units_wanted = sys.argv[1], int(sys.argv[2])
    t0 = time.time()
    db = Target(url)
    units = {code: (uid, kind) for uid, code, kind in db.query("SELECT id, code, kind FROM units")}
    province_id, ward_id = units[PROVINCE][0], units[WARD][0]
    procs = db.query("SELECT id, code, name, field, search_text, folded_name, complete, online, retired, latest_version "
                     f"FROM procedures WHERE unit_id = '{ward_id}'")
    versions = {}
    for pid, version, effective, content, created_by in db.query(
            f"SELECT v.procedure_id, v.version, v.effective_from, v.content, v.created_by FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id WHERE p.unit_id = '{ward_id}'"):
        versions.setdefault(pid, []).append((int(version), effective, content, created_by))
    have = sum(1 for _, kind in units.values() if kind in ("ward", "commune"))
    truth = lambda v: v in ("1", "t", "true", True)  # noqa: E731
    n = 40
    made = 0
    while have < units_wanted:
        code = f"000.00.{n}.H42"
        n += 1
        if code in units:
            continue
        uid = db.ident(uuid.uuid4())
        db.insert("units", ["id", "code", "name", "kind", "parent_id", "working_hours", "active", "created_at"],
                  [(uid, code, f"Xã Mẫu {n}", "commune", province_id, "07:30-11:30,13:30-17:30", True, None)])
        rows, vrows = [], []
        for pid, pcode, name, field, search, folded, complete, online, retired, latest in procs:
            new = db.ident(uuid.uuid4())
            rows.append((new, uid, pcode, name, field, search, folded, truth(complete), truth(online), truth(retired), int(latest), None))
            vrows.extend((db.ident(uuid.uuid4()), new, v, e, c, by, None) for v, e, c, by in versions.get(pid, []))
        db.insert("procedures", PROCEDURE_COLUMNS, rows)
        db.insert("procedure_versions", VERSION_COLUMNS, vrows)
        db.commit()
        have += 1
        made += 1
    total = db.query("SELECT count(*) FROM procedures")[0][0]
    texts = db.query("SELECT count(*) FROM procedure_texts")[0][0]
    print(f"{made} units made, {have} wards and communes; {total} procedures in all, {texts} distinct texts ({time.time() - t0:.0f} s)")


if __name__ == "__main__":
    main()
