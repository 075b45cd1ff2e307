#!/usr/bin/env python3
# check-best-recipe.py: the best recipe in bench/recipes.md reaches its figure, bit for bit
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/check-best-recipe.py NEURONS-CLI SOURCE-ROOT
#
# The README and the last lesson quote the best recipe for 784 → 16 → 16 → 10 and what it
# reaches on the 10 000 test images (check-recipes.py holds them to bench/recipes.md). This
# runs that command line as written, twice, and checks that it prints the quoted accuracy and
# writes the same network file both times: the claim "reproduces it bit for bit".

import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tap import Tap  # noqa: E402

BEST = re.compile(r"^The best: \*\*([0-9.]+ %)\*\*")
COMMAND = re.compile(r"^    (neurons-cli train .*)$")
ACCURACY = re.compile(r"test accuracy ([0-9.]+ %)$")


def main():
    cli, source_root = sys.argv[1:3]
    tap = Tap()
    with open(os.path.join(source_root, "bench", "recipes.md"), encoding="utf-8") as table:
        lines = table.read().splitlines()
    quoted = [m.group(1) for m in map(BEST.match, lines) if m]
    commands = [m.group(1) for m in map(COMMAND.match, lines) if m]
    tap.check("bench/recipes.md names one best figure and one command line",
              len(quoted) == 1 and len(commands) == 1, "%r %r" % (quoted, commands))
    if len(quoted) != 1 or len(commands) != 1:
        return tap.finish()

    arguments = commands[0].split()[1:]
    with tempfile.TemporaryDirectory() as directory:
        files = []
        for run in (1, 2):
            path = os.path.join(directory, "best-%d.json" % run)
            result = subprocess.run([cli] + arguments + ["--out", path],
                                    capture_output=True, text=True)
            printed = [m.group(1) for m in map(ACCURACY.search, result.stdout.splitlines()) if m]
            tap.check("run %d of the best recipe ends at %s on the test images" % (run, quoted[0]),
                      result.returncode == 0 and printed and printed[-1] == quoted[0],
                      result.stdout[-400:] + result.stderr)
            files.append(open(path, "rb").read() if os.path.exists(path) else b"")
        tap.check("the two runs write the same network, bit for bit",
                  files[0] != b"" and files[0] == files[1])
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())
