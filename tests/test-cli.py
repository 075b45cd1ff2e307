#!/usr/bin/env python3
# test-cli.py: runs the built neurons-cli the way a person would, and reports in TAP
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-cli.py PATH-TO-NEURONS-CLI   (NEURONS_DATA_DIR names the MNIST folder)

import gzip
import json
import math
import os
import struct
import subprocess
import sys
import tempfile
import zlib

CLI = sys.argv[1]
DATA_DIR = os.environ["NEURONS_DATA_DIR"]
ERROR_PREFIX = "neurons-cli: error:"

results = []


def check(name, condition, details=""):
    results.append((name, bool(condition), details))


# The checks read the English messages.
ENVIRONMENT = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, env=ENVIRONMENT)


def read_test_set():
    """The MNIST test images as a list of 784-byte strings, and their labels."""
    with gzip.open(os.path.join(DATA_DIR, "t10k-images-idx3-ubyte.gz")) as f:
        magic, count, rows, columns = struct.unpack(">IIII", f.read(16))
        assert magic == 0x803 and rows == columns == 28
        pixels = f.read(count * 784)
    with gzip.open(os.path.join(DATA_DIR, "t10k-labels-idx1-ubyte.gz")) as f:
        magic, count = struct.unpack(">II", f.read(8))
        assert magic == 0x801
        labels = f.read(count)
    return [pixels[i * 784:(i + 1) * 784] for i in range(count)], labels


def write_png(path, rows):
    """Writes an 8-bit greyscale PNG; rows is a list of equally long bytes objects."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", len(rows[0]), len(rows), 8, 0, 0, 0, 0)
    scanlines = b"".join(b"\0" + row for row in rows)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                + chunk(b"IDAT", zlib.compress(scanlines)) + chunk(b"IEND", b""))


def mnist_rows(image):
    return [image[y * 28:(y + 1) * 28] for y in range(28)]


def dark_on_light_enlarged(image, factor):
    """The digit as on paper: dark ink on white, each pixel a factor × factor block."""
    rows = []
    for row in mnist_rows(image):
        wide = bytes(255 - p for p in row for _ in range(factor))
        rows.extend([wide] * factor)
    return rows


def is_refusal(result, output):
    return (result.returncode == 1 and result.stderr.startswith(ERROR_PREFIX)
            and not os.path.exists(output))


with tempfile.TemporaryDirectory(prefix="neurons-test-cli-") as tmp:
    def path(name):
        return os.path.join(tmp, name)

    # An untrained network is written, and the same arguments write the same bytes.
    first = run("train", "--steps", "0", "--out", path("initial-a.json"))
    second = run("train", "--steps", "0", "--out", path("initial-b.json"))
    check("train --steps 0 writes the initialised network",
          first.returncode == 0 and os.path.getsize(path("initial-a.json")) > 0, first.stderr)
    with open(path("initial-a.json"), "rb") as a, open(path("initial-b.json"), "rb") as b:
        check("the same arguments write the same bytes", a.read() == b.read())

    # Training is reproducible too, and stopping and resuming changes nothing.
    whole = run("train", "--steps", "3000", "--out", path("whole.json"))
    half = run("train", "--steps", "1500", "--out", path("half.json"))
    resumed = run("train", "--in", path("half.json"), "--steps", "1500",
                  "--out", path("resumed.json"))
    check("train --steps 3000 succeeds", whole.returncode == 0, whole.stderr)
    with open(path("whole.json"), "rb") as a, open(path("resumed.json"), "rb") as b:
        check("1500 samples and 1500 more with --in give the network of 3000",
              half.returncode == 0 and resumed.returncode == 0 and a.read() == b.read(),
              half.stderr + resumed.stderr)
    sequential = run("train", "--steps", "3000", "--order", "sequential",
                     "--out", path("sequential.json"))
    with open(path("whole.json"), "rb") as a, open(path("sequential.json"), "rb") as b:
        check("--order sequential trains on another order",
              sequential.returncode == 0 and a.read() != b.read(), sequential.stderr)

    # Mistakes are refused before anything is written.
    for args in (["--lr", "-0.5"], ["--lr", "0"], ["--lr", "nan"], ["--lr", "fast"],
                 ["--activation", "tanh"], ["--init", "zeros"], ["--epochs", "-1"],
                 ["--steps", "12abc"], ["--epochs", "1", "--steps", "10"],
                 ["--order", "random"], ["--in", path("missing.json")],
                 ["--in", path("whole.json"), "--seed", "3"], ["--data", path("no-such-dir")],
                 ["--frobnicate"]):
        refused = run("train", *args, "--out", path("refused.json"))
        check("train %s is refused" % " ".join(args), is_refusal(refused, path("refused.json")),
              "exit status %d, stderr: %s" % (refused.returncode, refused.stderr))

    # The training options: out-of-range values are refused, with a message that names the
    # limit, before anything is written.
    for args, says in ((["--batch", "0"], "from 1 to 256"), (["--batch", "257"], "from 1 to 256"),
                       (["--batch", "many"], "--batch"), (["--optimizer", "rmsprop"], "sgd, momentum or adam"),
                       (["--momentum", "1"], "below 1"), (["--momentum", "-0.5"], "below 1"),
                       (["--schedule", "linear"], "one-cycle"), (["--schedule-samples", "0"], "above 0"),
                       (["--l2", "-0.1"], "0 to 0.1"), (["--l2", "nan"], "0 to 0.1"),
                       (["--dropout", "1"], "0 to 0.9"), (["--output", "tanh"], "sigmoid or softmax"),
                       (["--augment", "shift:9"], "up to 4"), (["--augment", "rotate:90"], "30 degrees"),
                       (["--augment", "scale:2"], "0.3"), (["--augment", "flip:1"], "shift, rotate or scale"),
                       (["--in", path("whole.json"), "--output", "softmax"], "--output")):
        refused = run("train", *args, "--steps", "10", "--out", path("refused.json"))
        check("train %s is refused, saying %s" % (" ".join(args), says),
              is_refusal(refused, path("refused.json")) and says in refused.stderr,
              "exit status %d, stderr: %s" % (refused.returncode, refused.stderr))
    refused = run("bench", "--batch", "300", "--seconds", "0.1")
    check("bench --batch 300 is refused",
          refused.returncode == 1 and refused.stderr.startswith(ERROR_PREFIX), refused.stderr)

    # Every option together is saved in the file with the optimiser's state, and training
    # goes on from it exactly: 1500 samples and 1500 more give the network of 3000, even with
    # a batch half gathered in between.
    every = ["--output", "softmax", "--optimizer", "adam", "--batch", "32", "--lr", "0.002",
             "--schedule", "cosine", "--l2", "0.0001", "--schedule-samples", "3000",
             "--dropout", "0.1", "--augment", "shift:2,rotate:10,scale:0.1"]
    whole = run("train", *every, "--steps", "3000", "--out", path("every-whole.json"))
    half = run("train", *every, "--steps", "1500", "--out", path("every-half.json"))
    resumed = run("train", "--in", path("every-half.json"), "--steps", "1500",
                  "--out", path("every-resumed.json"))
    with open(path("every-whole.json"), "rb") as a, open(path("every-resumed.json"), "rb") as b:
        check("with every option, 1500 samples and 1500 more with --in give the network of 3000",
              whole.returncode == 0 and half.returncode == 0 and resumed.returncode == 0
              and a.read() == b.read(), whole.stderr + half.stderr + resumed.stderr)
    with open(path("every-half.json")) as f:
        network = json.load(f)
    training = network.get("training", {})
    check("the file is version 2 and keeps the options and Adam's state",
          network.get("version") == 2 and network.get("output_activation") == "softmax"
          and network.get("cost") == "cross-entropy" and training.get("optimizer") == "adam"
          and training.get("batch_size") == 32 and training.get("schedule") == "cosine"
          and training.get("augment") == "shift:2,rotate:10,scale:0.10000000000000001"
          and training.get("optimizer_state", {}).get("batch_filled") == 1500 % 32
          and len(training.get("optimizer_state", {}).get("second_moment", [])) == 13002,
          json.dumps(training)[:400])

    # eval says in one line how the network was trained, as the flags that train it so.
    evaluated = run("eval", path("every-half.json"))
    check("eval prints the file's training options as train's flags",
          evaluated.returncode == 0
          and "Trained with: --output softmax --optimizer adam --momentum 0.9 --batch 32 "
              "--schedule cosine --schedule-samples 3000 --l2 0.0001 --dropout 0.1 "
              "--augment shift:2,rotate:10,scale:0.10000000000000001\n" in evaluated.stdout,
          evaluated.stdout[:400] + evaluated.stderr)

    # A schedule spans the run by itself, whatever else is switched on.
    scheduled = run("train", "--schedule", "one-cycle", "--augment", "shift:1", "--dropout", "0.1",
                    "--steps", "500", "--out", path("scheduled.json"))
    with open(path("scheduled.json")) as f:
        span = json.load(f).get("training", {}).get("schedule_samples")
    check("a schedule with no span given spans the run (%s samples)" % span,
          scheduled.returncode == 0 and span == 500, scheduled.stderr)

    # A version 1 file still reads, as the default options.
    with open(path("whole.json")) as f:
        old = json.load(f)
    old["version"] = 1
    del old["training"]
    with open(path("version-1.json"), "w") as f:
        json.dump(old, f)
    continued = run("train", "--in", path("version-1.json"), "--steps", "1500",
                    "--out", path("version-1-continued.json"))
    check("a version 1 file is read and trained on", continued.returncode == 0, continued.stderr)

    diverged = run("train", "--activation", "relu", "--lr", "1e30", "--steps", "1000",
                   "--out", path("diverged.json"))
    check("a diverging run is stopped and says so",
          is_refusal(diverged, path("diverged.json"))
          and "training diverged after" in diverged.stderr and "1e+30" in diverged.stderr,
          diverged.stderr)

    # One epoch gives a network that reads digits.
    trained = run("train", "--epochs", "1", "--out", path("trained.json"))
    check("train --epochs 1 succeeds and reports the test accuracy",
          trained.returncode == 0 and "test accuracy" in trained.stdout, trained.stderr)

    evaluation = run("eval", path("trained.json"))
    accuracy_lines = [line for line in evaluation.stdout.splitlines()
                      if line.startswith("Test accuracy: ")]
    accuracy = float(accuracy_lines[0].split()[2]) if accuracy_lines else 0
    check("eval prints an accuracy above 85 %% (%.2f %%)" % accuracy,
          evaluation.returncode == 0 and accuracy > 85, evaluation.stdout + evaluation.stderr)
    check("eval prints the confusion matrix",
          "Confusion matrix" in evaluation.stdout and len(evaluation.stdout.splitlines()) > 25)
    check("eval of a network trained with the defaults says so",
          "Trained with: --output sigmoid --optimizer sgd --batch 1 --schedule constant --l2 0 "
          "--dropout 0 --augment none\n" in evaluation.stdout, evaluation.stdout[:400])

    # Silencing neurons: what the window's lesions show, measured from the terminal.
    def correct_count(output):
        lines = [line for line in output.splitlines() if line.startswith("Test accuracy: ")]
        return int(lines[0].split("(")[1].split()[0]) if lines else -1

    intact = correct_count(evaluation.stdout)
    silenced = run("eval", path("trained.json"), "--silence", "1:7,2:3")
    check("eval --silence measures with those neurons at 0 and says which",
          silenced.returncode == 0 and "Silenced neurons (layer:neuron): 1:7,2:3" in silenced.stdout
          and 0 <= correct_count(silenced.stdout) < intact, silenced.stdout + silenced.stderr)
    every = run("eval", path("trained.json"), "--silence",
                ",".join("1:%d" % n for n in range(1, 17)))
    check("eval --silence with the whole first layer silenced is near chance",
          every.returncode == 0 and correct_count(every.stdout) < 2500, every.stdout + every.stderr)
    for bad, reason in (("3:1", "not a hidden layer"), ("1:17", "numbered 1 to 16"), ("1:0", "numbered 1 to 16"),
                        ("7", "write LAYER:NEURON"), ("1:x", "not a neuron of layer 1")):
        refused = run("eval", path("trained.json"), "--silence", bad)
        check("eval --silence %s is refused: %s" % (bad, reason),
              refused.returncode == 1 and refused.stderr.startswith(ERROR_PREFIX)
              and reason in refused.stderr and refused.stdout == "", refused.stderr)

    images, labels = read_test_set()
    pngs = []
    for index in range(5):
        pngs.append((path("test-%d.png" % index), labels[index]))
        write_png(pngs[-1][0], mnist_rows(images[index]))
    pngs.append((path("test-0-on-paper.png"), labels[0]))
    write_png(pngs[-1][0], dark_on_light_enlarged(images[0], 4))

    classified = run("classify", path("trained.json"), *[png for png, _ in pngs])
    lines = classified.stdout.splitlines()
    check("classify prints one line per image",
          classified.returncode == 0 and len(lines) == len(pngs), classified.stderr)
    for line, (png, label) in zip(lines, pngs):
        fields = line.split("\t")
        outputs = fields[2].split(" ") if len(fields) == 3 else []
        check("classify reads %s as %d" % (os.path.basename(png), label),
              fields[0] == png and fields[1] == str(label) and len(outputs) == 10
              and all(len(o.split(".")[1]) == 6 and 0 <= float(o) <= 1 for o in outputs)
              and max(range(10), key=lambda o: float(outputs[o])) == label, line)

    # An MNIST image by its number, with one neuron's z and a: an output's a is its output,
    # and the sigmoid of its z; a hidden neuron's a is the sigmoid of its z.
    for neuron, output in (("3:%d" % (labels[0] + 1), labels[0]), ("1:5", None)):
        picked = run("classify", path("trained.json"), "--test-image", "0", "--neuron", neuron)
        fields = picked.stdout.rstrip("\n").split("\t")
        z, a = (float(fields[3]), float(fields[4])) if len(fields) == 5 else (0.0, -1.0)
        check("classify --test-image 0 --neuron %s prints the neuron's z and a" % neuron,
              picked.returncode == 0 and fields[0] == "test:0" and fields[1] == str(labels[0])
              and abs(a - 1 / (1 + math.exp(-z))) < 2e-6
              and (output is None or fields[2].split(" ")[output] == fields[4]),
              picked.stdout + picked.stderr)
    refused = run("classify", path("trained.json"), "--test-image", "0", "--neuron", "3:11")
    check("classify refuses a neuron that is not there",
          refused.returncode == 1 and refused.stderr.startswith(ERROR_PREFIX) and "3:11" in refused.stderr,
          refused.stderr)

    with open(path("not-an-image.png"), "w") as f:
        f.write("hello")
    partial = run("classify", path("trained.json"), path("not-an-image.png"), pngs[0][0])
    check("classify goes on past an unreadable image and then fails",
          partial.returncode == 1 and partial.stderr.startswith(ERROR_PREFIX)
          and partial.stdout.startswith(pngs[0][0] + "\t"),
          partial.stdout + partial.stderr)

    # A PNG cut short has the right signature: the loader (glycin's, on gdk-pixbuf 2.44) must
    # still refuse it, and the images after it are still read.
    with open(pngs[0][0], "rb") as f:
        cut = f.read()[:60]
    with open(path("cut-short.png"), "wb") as f:
        f.write(cut)
    partial = run("classify", path("trained.json"), path("cut-short.png"), pngs[0][0])
    check("classify goes on past a PNG cut short and then fails",
          partial.returncode == 1
          and partial.stderr.startswith(ERROR_PREFIX + " Could not read “%s” as an image: "
                                        % path("cut-short.png"))
          and partial.stdout.startswith(pngs[0][0] + "\t"),
          partial.stdout + partial.stderr)

    # A run's checkpoints, then how accuracy grew over them.
    with_checkpoints = run("train", "--steps", "6000", "--checkpoints", path("run.json"))
    check("train --checkpoints saves the run with its checkpoints",
          with_checkpoints.returncode == 0
          and "saved with 14 checkpoints to " + path("run.json") in with_checkpoints.stdout,
          with_checkpoints.stdout + with_checkpoints.stderr)
    curve = run("eval", "--checkpoints", path("run.json"))
    rows = [line.split(",") for line in curve.stdout.splitlines()]
    samples = [int(row[0]) for row in rows[1:]] if curve.returncode == 0 else []
    accuracies = [float(row[1]) for row in rows[1:]] if curve.returncode == 0 else []
    check("eval --checkpoints prints one CSV line per checkpoint",
          curve.returncode == 0 and rows[0] == ["samples", "accuracy", "cost"]
          and samples == [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 2000, 5000, 6000]
          and all(len(row) == 3 and 0 <= float(row[1]) <= 1 and float(row[2]) >= 0
                  for row in rows[1:]),
          curve.stdout + curve.stderr)
    check("accuracy grows over the checkpoints (%s)" % (accuracies[:1] + accuracies[-1:]),
          accuracies and accuracies[0] < 0.3 and accuracies[-1] > 0.7 and accuracies[-1] > accuracies[10])
    whole_run = run("train", "--steps", "6000", "--out", path("run-plain.json"))
    check("the checkpoints change nothing of the trained network",
          whole_run.returncode == 0 and open(path("run-plain.json")).read()[:-1]
          == open(path("run.json")).read().split(',"checkpoints"')[0],
          whole_run.stderr)
    resumed = run("train", "--in", path("run.json"), "--steps", "6000", "--checkpoints", path("run-2.json"))
    check("train --in goes on with the run's checkpoints",
          resumed.returncode == 0 and "saved with 15 checkpoints" in resumed.stdout,
          resumed.stdout + resumed.stderr)
    none = run("eval", "--checkpoints", path("trained.json"))
    check("eval --checkpoints on a file without checkpoints says so",
          none.returncode == 1 and "has no checkpoints" in none.stderr, none.stderr)
    with open(path("run.json")) as f:
        damaged = f.read().replace('"states":"', '"states":"AAAA')
    with open(path("damaged.json"), "w") as f:
        f.write(damaged)
    broken = run("eval", "--checkpoints", path("damaged.json"))
    check("a damaged checkpoints member is refused by name",
          broken.returncode == 1 and "the checkpoints to rewind to are damaged: checkpoints.states"
          in broken.stderr, broken.stderr)

    bench = run("bench", "--seconds", "0.5")
    check("bench reports a median",
          bench.returncode == 0 and bench.stdout.splitlines()[-1].startswith("median: "),
          bench.stdout + bench.stderr)
    bench = run("bench", "--seconds", "0.5", "--checkpoints")
    check("bench --checkpoints reports what checkpoints cost",
          bench.returncode == 0 and bench.stdout.splitlines()[-1].startswith("checkpoints cost ")
          and "median keeping checkpoints: " in bench.stdout,
          bench.stdout + bench.stderr)
    bench = run("bench", "--seconds", "0.5", "--optimizer", "adam", "--batch", "32")
    check("bench --optimizer adam --batch 32 reports a median",
          bench.returncode == 0 and bench.stdout.splitlines()[-1].startswith("median: "),
          bench.stdout + bench.stderr)

    # race: both curves as CSV, the same every time; two equal sides draw the same curve
    race_args = ("race", "--a-activation", "relu", "--b-activation", "sigmoid",
                 "--samples", "6000", "--every", "2000")
    first, second = run(*race_args), run(*race_args)
    rows = [line.split(",") for line in first.stdout.splitlines()]
    check("race prints a CSV row per measurement",
          first.returncode == 0
          and rows[0] == ["samples", "accuracy_a", "accuracy_b", "cost_a", "cost_b"]
          and [row[0] for row in rows[1:]] == ["2000", "4000", "6000"]
          and all(0.1 < float(row[1]) < 1 and 0.1 < float(row[2]) < 1 for row in rows[1:])
          and rows[1][1] != rows[1][2],
          first.stdout + first.stderr)
    check("race gives the same CSV twice", first.stdout == second.stdout,
          first.stdout + second.stdout)
    winner = "ReLU" if float(rows[-1][1]) > float(rows[-1][2]) else "Sigmoid"
    check("race says who won, by how much and when",
          first.stderr.startswith(winner + " won by ") and "after 6000 samples" in first.stderr,
          first.stderr)
    sampled = run(*race_args, "--measured-images", "1000")
    sampled_rows = [line.split(",") for line in sampled.stdout.splitlines()]
    check("race --measured-images measures fewer images and the last row on all",
          sampled.returncode == 0 and len(sampled_rows) == len(rows)
          and sampled_rows[-1] == rows[-1]
          and all(round(float(value) * 1000) == float(value) * 1000 for value in sampled_rows[1][1:3]),
          sampled.stdout + first.stdout + sampled.stderr)
    same = run("race", "--a-activation", "relu", "--b-activation", "relu", "--samples", "2000")
    same_rows = [line.split(",") for line in same.stdout.splitlines()[1:]]
    check("race with equal sides gives equal columns",
          same.returncode == 0 and len(same_rows) == 2
          and all(row[1] == row[2] and row[3] == row[4] for row in same_rows)
          and same.stderr.startswith("A tie"),
          same.stdout + same.stderr)
    early = run("race", "--preset", "sigmoid-relu", "--accuracy", "0.8", "--every", "1000")
    early_rows = [line.split(",") for line in early.stdout.splitlines()[1:]]
    check("race stops when either reaches --accuracy",
          early.returncode == 0 and len(early_rows) < 60
          and max(float(early_rows[-1][1]), float(early_rows[-1][2])) >= 0.8
          and all(max(float(row[1]), float(row[2])) < 0.8 for row in early_rows[:-1]),
          early.stdout + early.stderr)
    # the training options, per side: the SGD vs Adam preset is that race, the same every time
    adam_args = ("race", "--preset", "sgd-adam", "--samples", "3000", "--every", "1000")
    adam, adam_again = run(*adam_args), run(*adam_args)
    spelled = run("race", "--b-optimizer", "adam", "--samples", "3000", "--every", "1000")
    adam_rows = [line.split(",") for line in adam.stdout.splitlines()[1:]]
    check("race --preset sgd-adam races SGD against Adam, the same twice",
          adam.returncode == 0 and len(adam_rows) == 3 and adam.stdout == adam_again.stdout
          and adam.stderr.split(" won by ")[0] in ("SGD", "Adam")
          and adam.stderr == adam_again.stderr and adam_rows[0][1] != adam_rows[0][2],
          adam.stdout + adam.stderr)
    check("race --b-optimizer adam brings Adam's rate, as the preset",
          spelled.returncode == 0 and spelled.stdout == adam.stdout, spelled.stdout + spelled.stderr)
    batched = run("race", "--a-batch", "32", "--a-output", "softmax", "--b-augment", "shift:2",
                  "--samples", "2000")
    check("race takes output, batch and augmentation per side",
          batched.returncode == 0 and len(batched.stdout.splitlines()) == 3
          and batched.stderr.startswith(("Cross-entropy won", "Quadratic cost won")),
          batched.stdout + batched.stderr)
    for bad in (("--a-activation", "tanh"), ("--b-lr", "-1"), ("--accuracy", "2"),
                ("--every", "0"), ("--preset", "fast-vs-slow"), ("--a-optimizer", "rmsprop"),
                ("--b-batch", "300"), ("--a-augment", "shift:9"), ("--b-output", "tanh"),
                ("--a-dropout", "1.5"), ("--b-momentum", "x")):
        refused = run("race", *bad)
        check("race refuses %s %s" % bad,
              refused.returncode == 1 and refused.stderr.startswith(ERROR_PREFIX)
              and refused.stdout == "", refused.stdout + refused.stderr)

    for command in ("train", "eval", "classify", "bench", "race"):
        helped = run(command, "--help")
        check("%s --help" % command,
              helped.returncode == 0 and "neurons-cli " + command in helped.stdout)
    unknown = run("frobnicate")
    check("an unknown command is refused",
          unknown.returncode == 1 and unknown.stderr.startswith(ERROR_PREFIX))

print("1..%d" % len(results))
for number, (name, passed, details) in enumerate(results, 1):
    print("%s %d - %s" % ("ok" if passed else "not ok", number, name))
    if not passed and details:
        for line in details.strip().splitlines():
            print("# " + line)
