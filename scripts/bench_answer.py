#!/usr/bin/env python3
"""One line saying what a request of scripts/bench-scale answered, so that a fast wrong answer
shows: bench_answer.py matrix|index766|ranking FILE."""
import json
import sys


def matrix(text):
    m = json.loads(text)
    return "%d units, %d rows, %s received" % (m["units"], len(m["rows"]), format(m["total"]["received"], ","))


def index766(text):
    m = json.loads(text)
    known = [i for i in m["indicators"] if i["points"] is not None]
    timely = next(i for i in m["indicators"] if i["code"] == "2.1")
    return "%.1f of %.0f points computed, total %s; %d of %d indicators with a figure; 2.1: %s of %s dossiers" % (
        m["knownPoints"], m["knownMax"], "n/a" if m["total"] is None else "%.1f" % m["total"], len(known), len(m["indicators"]),
        format(timely["numerator"] or 0, ","), format(timely["denominator"] or 0, ","))


def ranking(text):
    m = json.loads(text)
    w = m["wards"]
    share = lambda r: "n/a" if r["share"] is None else "%.1f%%" % r["share"]
    return "%d units ranked; first %s %s, last %s %s; %.0f points computed in all" % (
        len(w), w[0]["unitName"], share(w[0]), w[-1]["unitName"], share(w[-1]), sum(r["knownPoints"] for r in w))

print({"matrix": matrix, "index766": index766, "ranking": ranking}[sys.argv[1]](open(sys.argv[2], encoding="utf-8").read()))
