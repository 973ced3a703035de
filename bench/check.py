#!/usr/bin/env python3
"""Check centricity's per-respondent output against the reference job, exactly.

usage: check.py EXPORT.csv RESPONDENTS.csv

Recomputes the job (bench/README.md) from EXPORT.csv with exact rational
arithmetic (fractions): per dimension the mean of the answered 1-5 values
after reverse keying (6 - v), missing below 3 of 5 answered; overall the mean
of the dimension means; stage 1 + the number of thresholds 1.8/2.6/3.4/4.2
that overall reaches. centricity reports dimension scores on 0-100, i.e.
(mean - 1) / 4 * 100, on a 1e-9 grid; they must equal the exact value within
1e-8 points and be missing exactly where the job's are.

centricity's bank format has no composite "overall" dimension (the mean of
the dimension means), so the stage is checked by applying the job's rule
to centricity's own dimension scores in exact arithmetic (1.8/2.6/3.4/4.2 on
the 1-5 mean are 20/40/60/80 on 0-100) and comparing with the reference stage.
Python 3 standard library only. Exit status 1 on any difference.
"""
import csv
import sys
from fractions import Fraction

LABELS = {"Strongly disagree": 1, "Disagree": 2, "Neutral": 3, "Agree": 4, "Strongly agree": 5}
for _v in range(1, 6):
    LABELS[str(_v)] = _v
THRESHOLDS = [Fraction(9, 5), Fraction(13, 5), Fraction(17, 5), Fraction(21, 5)]


def reference(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rd = csv.reader(f)
        next(rd)
        for row in rd:
            dims = []
            for d in range(8):
                s = n = 0
                for i in range(5):
                    cell = row[3 + d * 5 + i]
                    if cell:
                        v = LABELS[cell]
                        s += 6 - v if i == 4 else v
                        n += 1
                dims.append(Fraction(s, n) if n >= 3 else None)
            ok = [x for x in dims if x is not None]
            overall = sum(ok, Fraction(0)) / len(ok) if ok else None
            stage = None if overall is None else 1 + sum(overall >= t for t in THRESHOLDS)
            yield row[1], dims, stage


def main():
    export, respondents = sys.argv[1:3]
    bad = 0
    rows = 0
    on_threshold = 0
    with open(respondents, encoding="utf-8", newline="") as f:
        got = csv.reader(f)
        header = next(got)
        assert header[:2] == ["respondent", "Role"], header
        for (role, dims, stage), g in zip(reference(export), got):
            rows += 1
            problems = []
            if g[0] != str(rows):
                problems.append(f"id {g[0]!r}")
            if g[1] != role:
                problems.append(f"role {g[1]!r} != {role!r}")
            mine = []
            for d, exact in enumerate(dims):
                cell = g[2 + d]
                if exact is None:
                    if cell != "":
                        problems.append(f"dimension {header[2 + d]} {cell!r}, expected missing")
                    mine.append(None)
                    continue
                want = (exact - 1) / 4 * 100
                if cell == "" or abs(Fraction(cell) - want) > Fraction(1, 10**8):
                    problems.append(f"dimension {header[2 + d]} {cell!r}, expected {float(want)!r}")
                mine.append(Fraction(cell) if cell else None)
            # A dimension mean is s/n with n in 3..5, so a multiple of 1/60:
            # snap centricity's 0-100 score (on a 1e-9 grid) back onto it.
            means = [Fraction(round((1 + x / 25) * 60), 60) for x in mine if x is not None]
            overall = sum(means, Fraction(0)) / len(means) if means else None
            on_threshold += overall is not None and overall in THRESHOLDS
            my_stage = None if overall is None else 1 + sum(overall >= t for t in THRESHOLDS)
            if my_stage != stage:
                problems.append(f"stage {my_stage} != {stage}")
            if problems:
                bad += 1
                if bad <= 5:
                    print(f"row {rows}: " + "; ".join(problems))
        if next(got, None) is not None:
            print("centricity wrote more rows than the export has")
            bad += 1
    print(f"{rows} respondents checked, {on_threshold} exactly on a stage threshold, "
          f"{bad} differ")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
