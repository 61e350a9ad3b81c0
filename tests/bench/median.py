#!/usr/bin/env python3
"""Prints the median of each command in a hyperfine --export-json file: median.py FILE BINARY_PATH"""
import json
import sys

results = json.load(open(sys.argv[1]))["results"]
for r in results:
    command = r["command"].replace(sys.argv[2], "tracker")
    print(f"{r['median'] * 1000:9.2f} ms  median of {len(r['times'])} runs  {command}")
