#!/usr/bin/python3
"""Checks docs/bank.schema.json against the banks the loader accepts.

Every bundled bank, every YAML example in docs/ that is a whole bank,
tests/data/banks/example.yaml and tests/data/ranges/ranges.yaml must be
valid under the schema; the broken
banks named below must not be (so this test can fail). Needs Debian's
python3-yaml and python3-jsonschema (installed by scripts/setup --test).

Usage: check_schema.py SOURCE_DIR
"""
import glob
import json
import os
import re
import sys

import jsonschema
import yaml


def main():
    root = sys.argv[1]
    with open(os.path.join(root, "docs", "bank.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)

    valid = sorted(glob.glob(os.path.join(root, "questionnaires", "**", "*.yaml"), recursive=True))
    valid.append(os.path.join(root, "tests", "data", "banks", "example.yaml"))
    valid.append(os.path.join(root, "tests", "data", "ranges", "ranges.yaml"))
    documents = [(path, load(path)) for path in valid]
    for doc in sorted(glob.glob(os.path.join(root, "docs", "*.md"))):
        with open(doc, encoding="utf-8") as f:
            text = f.read()
        for number, block in enumerate(re.findall(r"```yaml\n(.*?)```", text, re.S), 1):
            data = yaml.safe_load(block)
            if isinstance(data, dict) and {"id", "title", "version"} <= data.keys():
                documents.append((f"{doc} (yaml block {number})", data))

    failures = 0
    for name, data in documents:
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        for error in errors:
            print(f"{name}: {'/'.join(map(str, error.path))}: {error.message}")
        failures += bool(errors)

    must_fail = {
        "broken-fields.json": "'alias' was unexpected",
        "broken-references.yaml": "9 is greater than the maximum of 5",
    }
    for name, expected in must_fail.items():
        data = load(os.path.join(root, "tests", "data", "banks", name))
        messages = [e.message for e in validator.iter_errors(data)]
        if not any(expected in m for m in messages):
            print(f"{name}: expected the schema to report \"{expected}\", got {messages}")
            failures += 1

    checked = len(documents) + len(must_fail)
    print(f"{checked - failures} passed, {failures} failed")
    return 1 if failures else 0


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


if __name__ == "__main__":
    sys.exit(main())
