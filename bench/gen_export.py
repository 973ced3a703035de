#!/usr/bin/env python3
"""Generate a Google-Forms-style CSV export for the centricity benchmark.

Layout: Timestamp, Role, Department, then 40 Likert questions whose headers
are the question texts of bench-bank.yaml. Cells hold the labels "Strongly
disagree" .. "Strongly agree" (or 1..5 with --numeric), with about 3% blanks,
some respondents skipping a whole dimension and a few leaving everything
blank. The 40 questions form 8 dimensions of 5; every 5th is reverse-keyed
(negatively worded), so its written value is 6 - v.

Deterministic for a given --seed and --rows. Python 3 standard library only.

  gen_export.py --rows 1000000 --seed 1 --out /tmp/bench_1m.csv
  gen_export.py --rows 1000 --questions   # print the question texts
"""
import argparse
import csv
import math
import random
import sys
import time

LABELS = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]
ROLES = ["Executive", "Manager", "Frontline", "Support"]
ROLE_WEIGHTS = [0.04, 0.16, 0.58, 0.22]
ROLE_SHIFT = {"Executive": 0.55, "Manager": 0.25, "Frontline": -0.15, "Support": 0.0}
DEPARTMENTS = ["Operations", "Sales", "Marketing", "Finance", "Human Resources",
               "IT & Engineering", "Customer Service", "Legal, Risk & Compliance"]

# (dimension id, mean shift, five statements; the 5th is reverse-keyed)
DIMENSIONS = [
    ("listening", 0.10, [
        "Our leaders hear customers first-hand at least once a month.",
        "Customer complaints reach the people who can fix their cause.",
        "We ask customers what they value before we design something new.",
        "Front-line staff can pass on what customers tell them, and it is acted on.",
        "Customer feedback here mostly ends up in reports nobody reads.",
    ]),
    ("decisions", -0.05, [
        "Big decisions here start with the question \"what does this do for customers?\"",
        "We have stopped profitable practices because they hurt customers.",
        "Customer impact is a standard part of our business cases.",
        "When customer and internal convenience conflict, the customer usually wins.",
        "Short-term targets regularly override what is right for customers.",
    ]),
    ("metrics", 0.35, [
        "We track customer loyalty as closely as revenue.",
        "Teams can see customer measures for their own work every week.",
        "Our dashboards show why customers leave, not only how many.",
        "Customer measures are reviewed at the top table every month.",
        "Nobody would notice for weeks if our customer measures fell.",
    ]),
    ("rewards", -0.30, [
        "People here are rewarded for keeping customers, not only for winning them.",
        "Bonuses depend partly on customer outcomes.",
        "Promotions go to people who improve things for customers.",
        "Recognition here often celebrates going the extra mile for a customer.",
        "Doing right by a customer can cost you your target, and your bonus.",
    ]),
    ("empowerment", -0.10, [
        "Front-line staff can fix a customer's problem without asking permission.",
        "Staff have a budget they can spend to put things right for customers.",
        "People are trusted to bend a rule when it clearly serves the customer.",
        "Our processes let staff finish what a customer needs in one contact.",
        "Staff are afraid of being blamed when they help a customer in an unusual way.",
    ]),
    ("journey", -0.20, [
        "We know, step by step, what our customers go through to get what they need.",
        "Someone owns each customer journey from end to end.",
        "We fix the broken handovers between our departments, not only the symptoms.",
        "We test changes with real customers before rolling them out.",
        "Customers often have to repeat themselves when they move between our teams.",
    ]),
    ("culture", 0.05, [
        "Stories about customers are told in meetings at every level.",
        "New starters meet customers in their first month.",
        "People talk about customers with respect, even when they are difficult.",
        "Our values are visible in how we treat customers, not only on posters.",
        "Customers are seen here as an interruption to the real work.",
    ]),
    ("learning", 0.00, [
        "We study lost customers to learn what we did wrong.",
        "Mistakes that hurt customers are discussed openly, without blame.",
        "We regularly compare ourselves with the best service anywhere, not only our rivals.",
        "Ideas from customers have changed our products in the past year.",
        "Once a customer problem is closed, we rarely look at why it happened.",
    ]),
]

P_BLANK = 0.028
P_SKIP_DIMENSION = 0.004
P_EMPTY_ROW = 0.0005
ITEM_SD = 0.85


def headers():
    return [q for _d, _s, qs in DIMENSIONS for q in qs]


def level_tables():
    """Cumulative weights over [blank, 1..5] for latent levels 1.0..5.0 in 0.1 steps."""
    def cdf(z):
        if z == math.inf:
            return 1.0
        if z == -math.inf:
            return 0.0
        return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))
    tables = []
    for b in range(10, 51):
        mu = b / 10.0
        w = []
        for v in range(1, 6):
            lo = -math.inf if v == 1 else (v - 0.5 - mu) / ITEM_SD
            hi = math.inf if v == 5 else (v + 0.5 - mu) / ITEM_SD
            w.append(cdf(hi) - cdf(lo))
        s = sum(w)
        w = [P_BLANK] + [(1.0 - P_BLANK) * x / s for x in w]
        cum, acc = [], 0.0
        for x in w:
            acc += x
            cum.append(acc)
        cum[-1] = 1.0
        tables.append(cum)
    return tables


def generate(args, out):
    rng = random.Random(args.seed)
    tables = level_tables()
    cell = ["", "1", "2", "3", "4", "5"] if args.numeric else [""] + LABELS
    rev = [cell[0]] + [cell[6 - v] for v in range(1, 6)]
    if args.bom:
        out.write("\ufeff")
    w = csv.writer(out, lineterminator="\r\n" if args.crlf else "\n")
    w.writerow(["Timestamp", "Role", "Department"] + headers())
    t = 1709542800
    gap = 28 * 86400 / max(args.rows, 1)
    role_cum = [sum(ROLE_WEIGHTS[:i + 1]) for i in range(len(ROLES))]
    role_cum[-1] = 1.0
    batch = []
    for _ in range(args.rows):
        t += rng.expovariate(1.0 / gap) if gap > 0 else 0
        tm = time.gmtime(int(t))
        ts = "%d/%d/%04d %d:%02d:%02d" % (tm.tm_mon, tm.tm_mday, tm.tm_year, tm.tm_hour,
                                         tm.tm_min, tm.tm_sec)
        role = rng.choices(ROLES, cum_weights=role_cum)[0]
        dept = DEPARTMENTS[int(rng.random() * len(DEPARTMENTS))]
        general = ROLE_SHIFT[role] + rng.gauss(0.0, 0.5)
        u = rng.random()
        empty = u < P_EMPTY_ROW
        skip = int(rng.random() * 8) if u >= 1.0 - P_SKIP_DIMENSION else -1
        row = [ts, role, dept]
        for d, (_id, shift, _qs) in enumerate(DIMENSIONS):
            b = int(round((3.25 + shift + general + rng.gauss(0.0, 0.45)) * 10.0))
            b = min(max(b, 10), 50)
            vals = rng.choices(range(6), cum_weights=tables[b - 10], k=5)
            if empty or d == skip:
                row.extend(("", "", "", "", ""))
            else:
                row.extend((cell[vals[0]], cell[vals[1]], cell[vals[2]], cell[vals[3]],
                            rev[vals[4]]))
        batch.append(row)
        if len(batch) >= 10000:
            w.writerows(batch)
            batch.clear()
    w.writerows(batch)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--numeric", action="store_true", help="write 1..5 instead of labels")
    ap.add_argument("--crlf", action="store_true")
    ap.add_argument("--bom", action="store_true")
    ap.add_argument("--out", default="-")
    ap.add_argument("--questions", action="store_true", help="print the question texts and exit")
    args = ap.parse_args()
    if args.questions:
        for q in headers():
            print(q)
        return
    if args.out == "-":
        generate(args, sys.stdout)
    else:
        with open(args.out, "w", encoding="utf-8", newline="") as f:
            generate(args, f)


if __name__ == "__main__":
    main()
