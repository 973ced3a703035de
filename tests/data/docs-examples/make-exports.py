#!/usr/bin/python3
"""Writes the two survey exports the documented examples score
(tests/docs/check_examples.py copies them into the examples' folder):

  export.csv     40 invented respondents answering the small bank of
                 docs/bank-format.md (tests/data/banks/example.yaml, the
                 examples' my-bank.yaml), laid out as a Google Forms export
                 with a Role column
  responses.csv  the twelve respondents of tests/data/score/default-team.yaml
                 as a Google Forms export of the default bank: question texts
                 as headers, option labels as cells, Role beside them

    centricity show customer-centricity --to json > /tmp/default.json
    centricity show tests/data/banks/example.yaml --to json > /tmp/example.json
    tests/data/docs-examples/make-exports.py /tmp/example.json /tmp/default.json \
        tests/data/score/default-team.yaml tests/data/docs-examples

Seeded, so the files are the same on every run. Needs python3-yaml."""
import csv
import datetime
import json
import os
import random
import sys

import yaml


def value_labels(bank):
    """Question id -> {value: label} for the value options of its scale."""
    scales = {s["id"]: s for s in bank["scales"]}
    out = {}
    for q in bank["questions"]:
        out[q["id"]] = {o["value"]: o["label"] for o in scales[q["scale"]]["options"]
                        if "value" in o}
    return out


def timestamps(n, rng):
    t = datetime.datetime(2025, 3, 3, 9, 0, 0)
    for _ in range(n):
        t += datetime.timedelta(seconds=rng.randint(60, 5400))
        yield f"{t.month}/{t.day}/{t.year} {t.hour}:{t.minute:02}:{t.second:02}"


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    example = json.load(open(sys.argv[1], encoding="utf-8"))
    default = json.load(open(sys.argv[2], encoding="utf-8"))
    team = yaml.safe_load(open(sys.argv[3], encoding="utf-8"))
    out_dir = sys.argv[4]
    rng = random.Random(20250303)

    # export.csv: executives see contact and metrics brighter than front-line
    # staff do; a few cells left blank or "N/A".
    labels = value_labels(example)
    roles = ["Executive"] * 8 + ["Manager"] * 14 + ["Front line"] * 18
    rng.shuffle(roles)
    lean = {"Executive": 4, "Manager": 3, "Front line": 2}
    rows = []
    for stamp, role in zip(timestamps(len(roles), rng), roles):
        row = [stamp, role]
        for q in example["questions"]:
            roll = rng.random()
            if roll < 0.05:
                row.append("")
            elif roll < 0.08:
                row.append("N/A")
            else:
                v = min(5, max(1, lean[role] + rng.choice([-1, 0, 0, 1])))
                if q["reverse"]:
                    v = 6 - v
                row.append(labels[q["id"]][v])
        rows.append(row)
    write(os.path.join(out_dir, "export.csv"),
          ["Timestamp", "Role"] + [q["text"] for q in example["questions"]], rows)

    # responses.csv: default-team.yaml as the platform would have exported it.
    labels = value_labels(default)
    rows = []
    for stamp, person in zip(timestamps(len(team), rng), team):
        row = [stamp, person["role"]]
        for q in default["questions"]:
            answer = person["answers"].get(q["id"])
            if answer is None:
                row.append("")
            elif isinstance(answer, (int, float)):
                row.append(labels[q["id"]][answer])
            else:
                row.append(str(answer))
        rows.append(row)
    write(os.path.join(out_dir, "responses.csv"),
          ["Timestamp", "Role"] + [q["text"] for q in default["questions"]], rows)


if __name__ == "__main__":
    main()
