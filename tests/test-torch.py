#!/usr/bin/env python3
# test-torch.py: the training options of neurons-cli against PyTorch, step for step, in TAP
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-torch.py PATH-TO-NEURONS-CLI   (NEURONS_DATA_DIR names the MNIST folder)
#
# For each optimiser and cost, neurons-cli trains 20 steps from its initial weights on the
# first training images in file order (--order sequential), and PyTorch takes the same 20
# steps from the same weights on the same images, in double precision. Every weight and
# bias must agree to within 1e-4. Skipped, saying so, where PyTorch is not installed
# (Debian: apt install python3-torch).

import gzip
import json
import os
import struct
import subprocess
import sys
import tempfile

try:
    import torch
except ImportError:
    print("1..0 # SKIP PyTorch is not installed for %s (apt install python3-torch)" % sys.executable)
    sys.exit(0)

CLI = sys.argv[1]
DATA_DIR = os.environ["NEURONS_DATA_DIR"]
ENVIRONMENT = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
STEPS = 20
TOLERANCE = 1e-4


def read_training_images(count):
    with gzip.open(os.path.join(DATA_DIR, "train-images-idx3-ubyte.gz")) as f:
        magic, _, rows, columns = struct.unpack(">IIII", f.read(16))
        assert magic == 0x803 and rows == columns == 28
        pixels = f.read(count * 784)
    with gzip.open(os.path.join(DATA_DIR, "train-labels-idx1-ubyte.gz")) as f:
        magic, _ = struct.unpack(">II", f.read(8))
        assert magic == 0x801
        labels = f.read(count)
    images = torch.tensor(list(pixels), dtype=torch.float64).reshape(count, 784) / 255
    return images, torch.tensor(list(labels), dtype=torch.long)


def read_parameters(path):
    """The network file's layers as [w1, b1, w2, b2, w3, b3], float64 tensors."""
    with open(path) as f:
        network = json.load(f)
    parameters = []
    for layer in network["layers"]:
        parameters.append(torch.tensor(layer["weights"], dtype=torch.float64))
        parameters.append(torch.tensor(layer["biases"], dtype=torch.float64))
    return network, parameters


def torch_steps(parameters, activation, output, optimizer_name, batch, learning_rate, l2,
                images, labels):
    """STEPS steps of PyTorch from the given parameters; returns them."""
    parameters = [p.clone().requires_grad_(True) for p in parameters]
    weights, biases = parameters[0::2], parameters[1::2]
    groups = [{"params": weights, "weight_decay": l2}, {"params": biases, "weight_decay": 0}]
    if optimizer_name == "sgd":
        optimizer = torch.optim.SGD(groups, lr=learning_rate)
    elif optimizer_name == "momentum":
        optimizer = torch.optim.SGD(groups, lr=learning_rate, momentum=0.9)
    else:
        optimizer = torch.optim.Adam(groups, lr=learning_rate, betas=(0.9, 0.999), eps=1e-8)
    hidden = torch.sigmoid if activation == "sigmoid" else torch.relu

    for step in range(STEPS):
        x = images[step * batch:(step + 1) * batch]
        y = labels[step * batch:(step + 1) * batch]
        a = x
        for layer in range(2):
            a = hidden(a @ parameters[2 * layer].T + parameters[2 * layer + 1])
        z3 = a @ parameters[4].T + parameters[5]
        if output == "softmax":
            # The mean over the batch of −log softmax (z3)[label]
            cost = torch.nn.functional.cross_entropy(z3, y)
        else:
            # The mean over the batch of ½ Σ (σ (z3) − y)²
            one_hot = torch.nn.functional.one_hot(y, 10).to(torch.float64)
            cost = 0.5 * ((torch.sigmoid(z3) - one_hot) ** 2).sum(dim=1).mean()
        optimizer.zero_grad()
        cost.backward()
        optimizer.step()

    return [p.detach() for p in parameters]


CASES = [
    # optimiser, output, hidden activation, batch, learning rate, L2
    ("sgd", "sigmoid", "sigmoid", 1, 0.3, 0),
    ("sgd", "softmax", "relu", 32, 0.1, 0),
    ("momentum", "sigmoid", "sigmoid", 32, 0.3, 0),
    ("momentum", "softmax", "relu", 1, 0.01, 0),
    ("adam", "sigmoid", "relu", 32, 0.001, 0),
    ("adam", "softmax", "sigmoid", 32, 0.001, 0),
    ("adam", "softmax", "relu", 1, 0.001, 0),
    ("adam", "softmax", "relu", 32, 0.001, 0.001),
    ("sgd", "sigmoid", "relu", 8, 0.05, 0.01),
]

results = []
largest_batch = max(case[3] for case in CASES)
images, labels = read_training_images(STEPS * largest_batch)

with tempfile.TemporaryDirectory(prefix="neurons-test-torch-") as tmp:
    for optimizer_name, output, activation, batch, learning_rate, l2 in CASES:
        name = "%s, %s outputs, %s hidden, batch %d, lr %g, l2 %g" % (
            optimizer_name, output, activation, batch, learning_rate, l2)
        initial = os.path.join(tmp, "initial.json")
        trained = os.path.join(tmp, "trained.json")
        options = ["--activation", activation, "--output", output]
        first = subprocess.run([CLI, "train", "--steps", "0", *options, "--out", initial],
                               capture_output=True, text=True, env=ENVIRONMENT)
        second = subprocess.run([CLI, "train", "--steps", str(STEPS * batch), *options,
                                 "--order", "sequential", "--optimizer", optimizer_name,
                                 "--batch", str(batch), "--lr", repr(learning_rate),
                                 "--l2", repr(l2), "--out", trained],
                                capture_output=True, text=True, env=ENVIRONMENT)
        if first.returncode != 0 or second.returncode != 0:
            results.append((name, False, first.stderr + second.stderr))
            continue

        _, start = read_parameters(initial)
        network, neurons = read_parameters(trained)
        expected = torch_steps(start, activation, output, optimizer_name, batch, learning_rate,
                               l2, images, labels)
        worst = max(float((a - b).abs().max()) for a, b in zip(neurons, expected))
        moved = max(float((a - b).abs().max()) for a, b in zip(expected, start))
        results.append((name, worst < TOLERANCE and moved > 10 * TOLERANCE,
                        "largest difference %.3g, largest move %.3g" % (worst, moved)))

print("1..%d" % len(results))
for number, (name, passed, details) in enumerate(results, 1):
    print("%s %d - %s matches PyTorch" % ("ok" if passed else "not ok", number, name))
    if details:
        for line in details.splitlines():
            print("# " + line)
sys.exit(0 if all(passed for _, passed, _ in results) else 1)
