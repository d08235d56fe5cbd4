#!/usr/bin/env python3
"""Validates JSON files against doc/budgetx-table.schema.json, for the tests.

  validate_schema.py SCHEMA FILE...   -> exit 0, or 1 with one line per error

Uses Debian's python3-jsonschema (Draft 2020-12), independent of budgetx's own
JSON reader.
"""
import json
import sys

import jsonschema


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path in sys.argv[2:]:
        doc = json.load(open(path, encoding="utf-8"))
        for error in validator.iter_errors(doc):
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: {where}: {error.message[:300]}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
