#!/usr/bin/env python3
# numpy_reference.py: the network Neurons trains, written the usual way in numpy, to time
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The same per-sample SGD as neurons-cli bench: 784 → 16 → 16 → 10, sigmoid hidden and output
# layers, quadratic cost, Xavier (fan-in) initial weights, learning rate 0.30, float32, one
# sample at a time over the shuffled MNIST training set. Each of five runs trains a fresh
# network for a fifth of the time; the median is the figure to compare. The pixels are scaled
# to floats before the clock starts, which spares numpy a step the C code does per sample.
#
# With --optimizer adam --batch 32 it does what `neurons-cli bench --optimizer adam --batch 32`
# does: mini-batches of 32 as matrices, the gradients averaged, and Adam's step (β₁ 0.9,
# β₂ 0.999, ε 1e-8, learning rate 0.001) once per batch. --output softmax trains softmax
# outputs with cross-entropy in either mode.

import argparse
import gzip
import os
import struct
import time

import numpy as np

RUNS = 5


def load_idx(path, magic):
    with gzip.open(path) as f:
        header = f.read(4)
        if struct.unpack(">I", header)[0] != magic:
            raise SystemExit("%s: not an IDX file of the expected kind" % path)
        dimensions = struct.unpack(">" + "I" * (magic & 0xFF), f.read(4 * (magic & 0xFF)))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dimensions)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


class Network:
    def __init__(self, rng):
        sizes = [784, 16, 16, 10]
        self.weights = [(rng.standard_normal((n_out, n_in)) * np.sqrt(1 / n_in)).astype(np.float32)
                        for n_in, n_out in zip(sizes, sizes[1:])]
        self.biases = [np.zeros(n_out, dtype=np.float32) for n_out in sizes[1:]]

    def train_sample(self, x, y, learning_rate):
        w1, w2, w3 = self.weights
        b1, b2, b3 = self.biases

        # Forward pass
        a1 = sigmoid(w1 @ x + b1)
        a2 = sigmoid(w2 @ a1 + b2)
        a3 = sigmoid(w3 @ a2 + b3)

        # Backpropagation of the quadratic cost: δ = dC/dz per layer
        delta3 = (a3 - y) * a3 * (1 - a3)
        delta2 = (w3.T @ delta3) * a2 * (1 - a2)
        delta1 = (w2.T @ delta2) * a1 * (1 - a1)

        # Gradient step
        w3 -= learning_rate * np.outer(delta3, a2)
        b3 -= learning_rate * delta3
        w2 -= learning_rate * np.outer(delta2, a1)
        b2 -= learning_rate * delta2
        w1 -= learning_rate * np.outer(delta1, x)
        b1 -= learning_rate * delta1

    def train_batch(self, x, y, learning_rate, output, optimizer):
        """One step on a batch: x is (B, 784), y (B, 10); the gradients averaged over B."""
        w1, w2, w3 = self.weights
        b1, b2, b3 = self.biases
        n = np.float32(len(x))

        # Forward pass, a row per sample
        a1 = sigmoid(x @ w1.T + b1)
        a2 = sigmoid(a1 @ w2.T + b2)
        z3 = a2 @ w3.T + b3
        if output == "softmax":
            e = np.exp(z3 - z3.max(axis=1, keepdims=True))
            delta3 = e / e.sum(axis=1, keepdims=True) - y
        else:
            a3 = sigmoid(z3)
            delta3 = (a3 - y) * a3 * (1 - a3)
        delta2 = (delta3 @ w3) * a2 * (1 - a2)
        delta1 = (delta2 @ w2) * a1 * (1 - a1)

        gradients = [delta1.T @ x / n, delta2.T @ a1 / n, delta3.T @ a2 / n,
                     delta1.sum(axis=0) / n, delta2.sum(axis=0) / n, delta3.sum(axis=0) / n]
        optimizer.step(self.weights + self.biases, gradients, learning_rate)

    def accuracy(self, images, labels):
        a = images.T
        for w, b in zip(self.weights, self.biases):
            a = sigmoid(w @ a + b[:, None])
        return float(np.mean(np.argmax(a, axis=0) == labels))


class Sgd:
    def step(self, parameters, gradients, learning_rate):
        for p, g in zip(parameters, gradients):
            p -= learning_rate * g


class Adam:
    def __init__(self, parameters, beta1=0.9, beta2=0.999, epsilon=1e-8):
        self.m = [np.zeros_like(p) for p in parameters]
        self.v = [np.zeros_like(p) for p in parameters]
        self.beta1, self.beta2, self.epsilon = np.float32(beta1), np.float32(beta2), np.float32(epsilon)
        self.t = 0

    def step(self, parameters, gradients, learning_rate):
        self.t += 1
        step_size = np.float32(learning_rate / (1 - self.beta1 ** self.t))
        root_correction2 = np.float32(np.sqrt(1 - self.beta2 ** self.t))
        for p, g, m, v in zip(parameters, gradients, self.m, self.v):
            m *= self.beta1
            m += (1 - self.beta1) * g
            v *= self.beta2
            v += (1 - self.beta2) * g * g
            p -= step_size * m / (np.sqrt(v) / root_correction2 + self.epsilon)


def blas_description():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threadpoolctl is not installed"
    pools = [p for p in threadpool_info() if p.get("user_api") == "blas"]
    if not pools:
        return "threadpoolctl finds no BLAS thread pool (a plain reference BLAS)"
    return "; ".join("%s %s, kernel %s, %s threads" % (p.get("internal_api"), p.get("version"),
                                                      p.get("architecture"), p.get("num_threads"))
                     for p in pools)


def main():
    source_data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "mnist")
    parser = argparse.ArgumentParser(
        description="Times per-sample SGD of the Neurons network in numpy.")
    parser.add_argument("--data", default=os.environ.get("NEURONS_DATA_DIR", source_data),
                        help="folder with the MNIST files")
    parser.add_argument("--seconds", type=float, default=5, help="how long to measure in all")
    parser.add_argument("--optimizer", choices=["sgd", "adam"], default="sgd")
    parser.add_argument("--batch", type=int, default=1, help="samples per step")
    parser.add_argument("--output", choices=["sigmoid", "softmax"], default="sigmoid")
    arguments = parser.parse_args()
    batched = arguments.batch > 1 or arguments.optimizer != "sgd" or arguments.output != "sigmoid"

    def data(name):
        return os.path.join(arguments.data, name)

    train_images = load_idx(data("train-images-idx3-ubyte.gz"), 0x803).reshape(-1, 784)
    train_labels = load_idx(data("train-labels-idx1-ubyte.gz"), 0x801)
    test_images = load_idx(data("t10k-images-idx3-ubyte.gz"), 0x803).reshape(-1, 784)
    test_labels = load_idx(data("t10k-labels-idx1-ubyte.gz"), 0x801)

    inputs = train_images.astype(np.float32) / np.float32(255)
    targets = np.eye(10, dtype=np.float32)[train_labels]
    rng = np.random.default_rng(7)
    order = rng.permutation(len(inputs))
    learning_rate = np.float32(0.001 if arguments.optimizer == "adam" else 0.30)

    print("numpy %s; BLAS: %s" % (np.__version__, blas_description()))
    print("%s, batches of %d, %s outputs" % (arguments.optimizer, arguments.batch, arguments.output))

    rates = []
    for run in range(RUNS):
        network = Network(rng)
        optimizer = (Adam(network.weights + network.biases) if arguments.optimizer == "adam"
                     else Sgd())
        n_samples = 0
        position = 0
        start = time.perf_counter()
        while True:
            chunk = order[position:position + 1024 // arguments.batch * arguments.batch]
            if batched:
                for first in range(0, len(chunk) - arguments.batch + 1, arguments.batch):
                    batch = chunk[first:first + arguments.batch]
                    network.train_batch(inputs[batch], targets[batch], learning_rate,
                                        arguments.output, optimizer)
                chunk = chunk[:len(chunk) // arguments.batch * arguments.batch]
            else:
                for index in chunk:
                    network.train_sample(inputs[index], targets[index], learning_rate)
            n_samples += len(chunk)
            position = (position + len(chunk)) % len(order)
            elapsed = time.perf_counter() - start
            if elapsed >= arguments.seconds / RUNS:
                break
        rates.append(n_samples / elapsed)
        print("run %d: %.0f samples/s" % (run + 1, rates[-1]))

    # The numbers mean something only if this is the same learning: it must reach the accuracy
    # neurons-cli reaches after as many samples.
    print("test accuracy after %d samples: %.2f %%"
          % (n_samples, 100 * network.accuracy(test_images.astype(np.float32) / 255, test_labels)))
    print("median: %.0f samples/s" % sorted(rates)[RUNS // 2])


if __name__ == "__main__":
    main()
