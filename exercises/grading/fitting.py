"""L2-regularised logistic regression by Newton's method, in pure Python.

The problems are tiny (a few hundred answers, about twenty features), so exact
Newton steps converge in a handful of iterations and give the same weights on
every run: training is deterministic without a random seed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .model import sigmoid

Vector = list[float]


def _solve(matrix: list[Vector], rhs: Vector) -> Vector:
    """Solve ``matrix @ x = rhs`` by Gaussian elimination with partial pivoting."""
    n = len(rhs)
    a = [[*row, rhs[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        if abs(a[col][col]) < 1e-12:
            continue
        for row in range(col + 1, n):
            factor = a[row][col] / a[col][col]
            if factor:
                for k in range(col, n + 1):
                    a[row][k] -= factor * a[col][k]
    x = [0.0] * n
    for row in range(n - 1, -1, -1):
        if abs(a[row][row]) < 1e-12:
            continue
        total = a[row][n] - sum(a[row][k] * x[k] for k in range(row + 1, n))
        x[row] = total / a[row][row]
    return x


def fit_logistic(
    rows: Sequence[Vector], targets: Sequence[int], l2: float, iterations: int = 25
) -> tuple[float, Vector]:
    """``(bias, weights)`` minimising log-loss + ``l2/2 * |weights|^2`` (bias not penalised)."""
    dims = len(rows[0]) if rows else 0
    positives = sum(targets)
    # Start from the prior log-odds, smoothed so an all-one-class target stays finite.
    prior = (positives + 0.5) / (len(targets) + 1.0)
    theta = [math.log(prior / (1 - prior))] + [0.0] * dims
    data = [[1.0, *row] for row in rows]
    for _ in range(iterations):
        grad = [0.0] * (dims + 1)
        hess = [[0.0] * (dims + 1) for _ in range(dims + 1)]
        for x, y in zip(data, targets, strict=True):
            p = sigmoid(sum(t * v for t, v in zip(theta, x, strict=True)))
            err, w = p - y, max(p * (1 - p), 1e-6)
            for i, xi in enumerate(x):
                if xi == 0.0:
                    continue
                grad[i] += err * xi
                row = hess[i]
                for j, xj in enumerate(x):
                    if xj:
                        row[j] += w * xi * xj
        for i in range(1, dims + 1):
            grad[i] += l2 * theta[i]
            hess[i][i] += l2
        hess[0][0] += 1e-6
        step = _solve(hess, grad)
        theta = [t - s for t, s in zip(theta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return theta[0], theta[1:]


def log_loss(rows: Sequence[Vector], targets: Sequence[int], bias: float, weights: Vector) -> float:
    """Mean negative log-likelihood, for choosing the regularisation strength."""
    total = 0.0
    for x, y in zip(rows, targets, strict=True):
        p = sigmoid(bias + sum(w * v for w, v in zip(weights, x, strict=True)))
        p = min(max(p, 1e-9), 1 - 1e-9)
        total -= math.log(p) if y else math.log(1 - p)
    return total / max(len(rows), 1)
