#!/usr/bin/env python3
# check-recipes.py: the README and the last lesson quote bench/recipes.md as it is
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/check-recipes.py SOURCE-ROOT
#
# bench/recipes.py writes bench/recipes.md. The README repeats its table and its best command
# line; the last lesson, Where to Go Next (data/lessons/where-to-go-next.ui) shows what each switch is and the accuracy
# it reached. A new table must reach all three, so that none of them drifts.

import os
import re
import sys
import xml.etree.ElementTree as ElementTree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import Tap  # noqa: E402

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

    tap = Tap()
    expected = table(recipes)
    tap.check("bench/recipes.md has a table of recipes", len(expected) >= 2)
    tap.check("README.md's table of recipes is bench/recipes.md's", table(readme) == expected,
              "README.md:\n%s\nbench/recipes.md:\n%s" % (table(readme), expected))
    best = best_command(recipes)
    tap.check("README.md gives bench/recipes.md's best command line, indented",
              bool(best) and best[-1] in best_command(readme), best)
    lesson = lesson_rows(os.path.join(root, "data", "lessons", "where-to-go-next.ui"))
    quoted = [(what, accuracy.replace(" %", "%")) for what, accuracy, _, _ in expected]
    tap.check("Where to Go Next's table is bench/recipes.md's",
              lesson in (quoted, [(what, accuracy) for what, accuracy, _, _ in expected]),
              "Where to Go Next: %s\nbench/recipes.md: %s" % (lesson, expected))
    tap.finish()
    return 0 if all(passed for _, passed, _, _ in tap.results) else 1

if __name__ == "__main__":
    sys.exit(main())
