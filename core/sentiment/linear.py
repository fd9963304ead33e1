"""A linear model over hashed n-grams: trained with numpy, scored with numpy, stored as bytes.

One model type serves three uses: the shipped Kazakh analyzer (trained on KazSAnDRA when the
resources are built), the model learned from an officer's own labels (trained in the app, in
a worker, stored in the database so a team shares it), and the measurement of both by
cross-validation. Multinomial logistic regression: its probabilities give a polarity
(P(positive) − P(negative)) and a label, and it trains in seconds on thousands of labels with
full-batch L-BFGS (no scikit-learn or SciPy in the bundle; ``minimise`` below is the textbook
two-loop recursion with a backtracking line search).

The stored form is an ``.npz`` archive: the weights as float16 (half the bytes, no measurable
change in the labels), the bias, and a JSON header naming the labels, the features and how good
the model measured.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from core.sentiment.hashing import Features, Hasher

CLASSES = ("positive", "neutral", "negative")


@dataclass
class LinearModel:
    """Weights (``hasher.width`` × classes), bias, and what the model is (``meta``)."""

    hasher: Hasher
    weights: np.ndarray
    bias: np.ndarray
    classes: tuple[str, ...] = CLASSES
    meta: dict = field(default_factory=dict)

    def probabilities(self, texts: Sequence[str],
                      extras: np.ndarray | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, len(self.classes)))
        return self.probabilities_of(self.hasher.features(texts, extras))

    def probabilities_of(self, features: Features) -> np.ndarray:
        return _softmax(_scores(features, self.weights, self.bias))

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        header = {"hasher": self.hasher.to_json(), "classes": list(self.classes),
                  "meta": self.meta}
        np.savez_compressed(buffer, weights=self.weights.astype(np.float16),
                            bias=self.bias.astype(np.float32),
                            header=np.frombuffer(json.dumps(header).encode(), dtype=np.uint8))
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> LinearModel:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            header = json.loads(archive["header"].tobytes().decode())
            weights = archive["weights"].astype(np.float32)
            bias = archive["bias"].astype(np.float32)
        hasher = Hasher(**header["hasher"])
        if weights.shape != (hasher.width, len(header["classes"])):
            raise ValueError("model weights do not match its features")
        return cls(hasher, weights, bias, tuple(header["classes"]), header.get("meta", {}))


def _scores(features: Features, weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
    rows = features.row_ids()
    picked = weights[features.indices] * features.values[:, None]
    out = np.empty((features.rows, weights.shape[1]), dtype=np.float64)
    for k in range(weights.shape[1]):
        out[:, k] = np.bincount(rows, weights=picked[:, k], minlength=features.rows)
    return out + bias


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    return scores / scores.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class Training:
    """How to fit: L2 strength, iterations, and whether rare classes weigh more."""

    l2: float = 1e-4
    iterations: int = 120
    balanced: bool = True


def train(features: Features, labels: Sequence[str], hasher: Hasher,
          training: Training = Training(), classes: tuple[str, ...] = CLASSES,
          meta: dict | None = None) -> LinearModel:
    """Fit weights to these rows' labels (mean weighted cross-entropy + L2)."""
    y = np.array([classes.index(label) for label in labels], dtype=np.int64)
    n, k = len(y), len(classes)
    counts = np.bincount(y, minlength=k).astype(np.float64)
    if training.balanced:
        present = counts > 0
        class_weight = np.where(present, n / (present.sum() * np.maximum(counts, 1)), 0.0)
    else:
        class_weight = np.ones(k)
    sample_weight = class_weight[y] / n
    rows, indices, values = features.row_ids(), features.indices, features.values
    # Only the columns these rows touch can move from zero: optimise those alone (a few
    # thousand labels touch a fraction of 2^18 buckets; the rest stay exactly 0).
    used, local = np.unique(indices, return_inverse=True)
    width = len(used)
    # Sums over a row's entries (scores) and over a column's (gradient) as np.add.reduceat
    # over contiguous runs, one class at a time: ten times faster than bincount over
    # (entries × classes) arrays. Every column is used by construction; a row without
    # features (none here: every text has its spaces' n-grams) falls back to bincount.
    row_starts = features.indptr[:-1]
    by_column = np.argsort(local, kind="stable")
    column_starts = np.searchsorted(local[by_column], np.arange(width))
    column_rows, column_values = rows[by_column], values[by_column]
    local_by_row = local
    dense_rows = bool(np.all(np.diff(features.indptr) > 0))
    onehot = np.zeros((k, n))
    onehot[y, np.arange(n)] = 1.0

    def row_sums(entries: np.ndarray) -> np.ndarray:
        if dense_rows:
            return np.add.reduceat(entries, row_starts)
        return np.bincount(rows, weights=entries, minlength=n)

    def loss_and_gradient(theta: np.ndarray) -> tuple[float, np.ndarray]:
        weights = theta[:width * k].reshape(k, width)  # class-major: contiguous gathers
        bias = theta[width * k:]
        scores = np.empty((k, n))
        for c in range(k):
            scores[c] = row_sums(weights[c][local_by_row] * values) + bias[c]
        scores -= scores.max(axis=0)
        log_p = scores - np.log(np.exp(scores).sum(axis=0))
        loss = -float(np.sum(sample_weight * log_p[y, np.arange(n)]))
        loss += 0.5 * training.l2 * float(np.sum(weights * weights))
        error = (np.exp(log_p) - onehot) * sample_weight
        grad_w = np.empty((k, width))
        for c in range(k):
            grad_w[c] = np.add.reduceat(column_values * error[c][column_rows], column_starts)
        grad_w += training.l2 * weights
        return loss, np.concatenate([grad_w.ravel(), error.sum(axis=1)])

    theta = minimise(loss_and_gradient, np.zeros(width * k + k), training.iterations)
    weights = np.zeros((hasher.width, k), dtype=np.float32)
    weights[used] = theta[:width * k].reshape(k, width).T
    bias = theta[width * k:].astype(np.float32)
    return LinearModel(hasher, weights, bias, classes, dict(meta or {}))


def minimise(function: Callable[[np.ndarray], tuple[float, np.ndarray]], x: np.ndarray,
             iterations: int, memory: int = 5) -> np.ndarray:
    """L-BFGS: the loss's minimum from ``x`` in at most ``iterations`` steps (a convex loss
    here, so a backtracking line search on the Armijo condition is enough)."""
    value, gradient = function(x)
    steps: list[tuple[np.ndarray, np.ndarray, float]] = []
    for _ in range(iterations):
        direction = -gradient
        alphas = []
        for s, y, rho in reversed(steps):
            alpha = rho * float(s @ direction)
            direction = direction - alpha * y
            alphas.append(alpha)
        if steps:
            s, y, _ = steps[-1]
            direction = direction * (float(s @ y) / float(y @ y))
        for (s, y, rho), alpha in zip(steps, reversed(alphas), strict=True):
            beta = rho * float(y @ direction)
            direction = direction + s * (alpha - beta)
        slope = float(gradient @ direction)
        if slope >= 0:  # not a descent direction: start the memory again
            steps.clear()
            direction, slope = -gradient, -float(gradient @ gradient)
        step = 1.0 if steps else 1.0 / max(np.sqrt(-slope), 1e-12)
        for _ in range(30):
            candidate = x + step * direction
            new_value, new_gradient = function(candidate)
            if new_value <= value + 1e-4 * step * slope:
                break
            step *= 0.5
        else:
            break
        s, y = candidate - x, new_gradient - gradient
        sy = float(s @ y)
        if sy > 1e-12:
            steps.append((s, y, 1.0 / sy))
            if len(steps) > memory:
                steps.pop(0)
        converged = abs(value - new_value) <= 1e-7 * max(abs(value), 1.0)
        x, value, gradient = candidate, new_value, new_gradient
        if converged or float(np.abs(gradient).max()) < 1e-6:
            break
    return x


def folds(labels: Sequence[str], k: int, seed: int = 0) -> np.ndarray:
    """A fold number per row, each class spread evenly over the folds (stratified)."""
    rng = np.random.default_rng(seed)
    assignment = np.zeros(len(labels), dtype=np.int64)
    labels_array = np.asarray(labels)
    for label in sorted(set(labels)):
        rows = np.flatnonzero(labels_array == label)
        rng.shuffle(rows)
        assignment[rows] = np.arange(len(rows)) % k
    return assignment


def cross_validated(features: Features, labels: Sequence[str], hasher: Hasher,
                    training: Training = Training(), k: int = 5,
                    classes: tuple[str, ...] = CLASSES) -> list[str]:
    """Each row's label as predicted by a model trained on the other folds."""
    fold_of = folds(labels, k)
    predicted = np.empty(len(labels), dtype=object)
    labels_array = np.asarray(labels)
    for fold in range(k):
        test = np.flatnonzero(fold_of == fold)
        train_rows = np.flatnonzero(fold_of != fold)
        if not len(test) or not len(train_rows):
            continue
        model = train(features.take(train_rows), labels_array[train_rows].tolist(), hasher,
                      training, classes)
        probabilities = model.probabilities_of(features.take(test))
        predicted[test] = [model.classes[i] for i in probabilities.argmax(axis=1)]
    return predicted.tolist()
