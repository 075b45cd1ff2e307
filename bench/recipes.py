#!/usr/bin/env python3
# recipes.py: what each training option adds on the 784 → 16 → 16 → 10 network, measured
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/recipes.py [PATH-TO-NEURONS-CLI] > bench/recipes.md
#
# Trains one network per row with neurons-cli, each row the one above with one more switch
# turned on, and writes a Markdown table of the test accuracy on the 10 000 official test
# images and the training time on one core (user CPU seconds, evaluation included). Every run
# is reproducible bit for bit: the command line in the table gives the same network.

import os
import re
import subprocess
import sys
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
CLI = sys.argv[1] if len(sys.argv) > 1 else os.path.join(BENCH_DIR, "..", "_build", "src", "cli",
                                                         "neurons-cli")

# ReLU, softmax with cross-entropy, Adam on batches of 32 with a one-cycle schedule
RECIPE = ["--activation", "relu", "--output", "softmax", "--optimizer", "adam", "--batch", "32",
          "--lr", "0.01", "--schedule", "one-cycle"]

# (what is switched on, the options of the whole recipe so far)
ROWS = [
    ("the original: sigmoid, quadratic cost, per-sample SGD at 0.3, 10 epochs",
     ["--epochs", "10"]),
    ("ReLU hidden layers (He initial weights, rate 0.05)",
     ["--epochs", "10", "--activation", "relu"]),
    ("softmax outputs with cross-entropy (rate 0.02)",
     ["--epochs", "10", "--activation", "relu", "--output", "softmax", "--lr", "0.02"]),
    ("Adam, batches of 32 (rate 0.003)",
     ["--epochs", "10", "--activation", "relu", "--output", "softmax", "--optimizer", "adam",
      "--batch", "32", "--lr", "0.003"]),
    ("one-cycle schedule (peak rate 0.01)",
     ["--epochs", "10", *RECIPE]),
    ("20 epochs",
     ["--epochs", "20", *RECIPE]),
    ("shifts of up to ±1 pixel",
     ["--epochs", "20", *RECIPE, "--augment", "shift:1"]),
    ("L2 weight decay 0.0001",
     ["--epochs", "20", *RECIPE, "--augment", "shift:1", "--l2", "0.0001"]),
    ("dropout 0.05 (and L2)",
     ["--epochs", "20", *RECIPE, "--augment", "shift:1", "--l2", "0.0001", "--dropout", "0.05"]),
]


def run(options):
    start = os.times()
    wall = time.monotonic()
    result = subprocess.run([CLI, "train", *options], capture_output=True, text=True,
                            env=dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE=""))
    end = os.times()
    if result.returncode != 0:
        sys.exit("neurons-cli train %s failed: %s" % (" ".join(options), result.stderr))
    accuracies = re.findall(r"test accuracy ([0-9.]+) %", result.stdout)
    return float(accuracies[-1]), end.children_user - start.children_user, time.monotonic() - wall


def main():
    print("# What each switch adds")
    print()
    print("Made by `bench/recipes.py`: each row is the row above with one more switch on. "
          "Test accuracy on the 10 000 official test images; time is the user CPU time of "
          "`neurons-cli train` on one core, evaluation after each epoch included. The seed is "
          "the default (7), so each command line gives the same network bit for bit.")
    print()
    print("| switched on | test accuracy | CPU seconds | command |")
    print("|---|---|---|---|")
    results = []
    for what, options in ROWS:
        accuracy, seconds, _ = run(options)
        results.append((accuracy, seconds, options))
        print("| %s | %.2f %% | %.1f | `neurons-cli train %s` |"
              % (what, accuracy, seconds, " ".join(options)), flush=True)

    # The best row, and the command line that gives it (the README and the app's preset
    # quote it; tests/check-recipes.py holds them to this file)
    accuracy, seconds, options = max(results, key=lambda result: result[0])
    print()
    print("The best: **%.2f %%** in %.1f CPU seconds:" % (accuracy, seconds))
    print()
    print("    neurons-cli train %s" % " ".join(options))


if __name__ == "__main__":
    main()
