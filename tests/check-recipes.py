#!/usr/bin/env python3
# check-recipes.py: the README and lesson 9 quote bench/recipes.md as it is
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/check-recipes.py SOURCE-ROOT
#
# bench/recipes.py writes bench/recipes.md. The README repeats its table and its best command
# line; lesson 9 (data/lessons/where-to-go-next.ui) shows what each switch is and the accuracy
# it reached. A new table must reach all three, so that none of them drifts.

import os
import re
import sys
import xml.etree.ElementTree as ElementTree

ROW = re.compile(r"^\| (.+?) \| ([0-9.]+ %) \| ([0-9.]+) \| `(neurons-cli train [^`]*)` \|$")
BEST = re.compile(r"^    (neurons-cli train .*)$")


def table(text):
    return [match.groups() for match in map(ROW.match, text.splitlines()) if match]


def best_command(text):
    return [match.group(1) for match in map(BEST.match, text.splitlines()) if match]


def lesson_rows(path):
    """The switches and accuracies of the lesson's table, in its order"""
    tree = ElementTree.parse(path)
    for grid in tree.iter("object"):
        if grid.get("class") != "GtkGrid":
            continue
        cells = {}
        for child in grid.findall("child/object"):
            label = child.find("property[@name='label']")
            layout = {p.get("name"): int(p.text) for p in child.findall("layout/property")}
            cells[(layout["row"], layout["column"])] = label.text
        rows = max(row for row, _ in cells)
        return [(cells[(row, 0)], cells[(row, 1)]) for row in range(1, rows + 1)]
    return []


def main():
    root = sys.argv[1]
    with open(os.path.join(root, "bench", "recipes.md"), encoding="utf-8") as f:
        recipes = f.read()
    with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
        readme = f.read()

    failures = []
    expected = table(recipes)
    if len(expected) < 2:
        failures.append("bench/recipes.md has no table of recipes")
    if table(readme) != expected:
        failures.append("README.md's table of recipes is not bench/recipes.md's")
    best = best_command(recipes)
    if not best or best[-1] not in best_command(readme):
        failures.append("README.md does not give bench/recipes.md's best command line, indented")
    lesson = lesson_rows(os.path.join(root, "data", "lessons", "where-to-go-next.ui"))
    if lesson != [(what, accuracy.replace(" %", "%")) for what, accuracy, _, _ in expected] \
       and lesson != [(what, accuracy) for what, accuracy, _, _ in expected]:
        failures.append("lesson 9's table is not bench/recipes.md's:\n  %s\n  %s" % (lesson, expected))

    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
