"""scikit-learn side of bench/svm.mjs: writes the shared datasets and sklearn's timings.

usage: python3 bench/sklearn_peer.py OUT_DIR
Writes OUT_DIR/digits_X.f64 (1797x64, /16), digits_y.i32, linear_X.f32 (N x 512), linear_y.i32, sklearn.json.
"""
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.datasets import load_digits, make_classification
from sklearn.svm import SVC, LinearSVC

out = sys.argv[1]
REPEATS = 5


def best_of(fn, repeats=REPEATS):
    """Best wall time over the repeats, and the best CPU time (process_time) over the same repeats."""
    best = float("inf")
    best_cpu = float("inf")
    result = None
    for _ in range(repeats):
        t = time.perf_counter()
        c = time.process_time()
        result = fn()
        best = min(best, time.perf_counter() - t)
        best_cpu = min(best_cpu, time.process_time() - c)
    best_of.cpu = best_cpu
    return best, result


d = load_digits()
X = (d.data / 16.0).astype(np.float64)
y = d.target.astype(np.int32)
X.tofile(os.path.join(out, "digits_X.f64"))
y.tofile(os.path.join(out, "digits_y.i32"))
Xtr, ytr, Xte, yte = X[:1200], y[:1200], X[1200:], y[1200:]

res = {"sklearn": sklearn.__version__, "digits": {}, "linear": {}}
configs = {"rbf": dict(kernel="rbf", C=1.0, gamma="scale"), "linear": dict(kernel="linear", C=0.1), "poly": dict(kernel="poly", C=1.0, gamma="scale")}
only = os.environ.get("DIGITS_CONFIGS")
for name, kw in configs.items():
    if only and name not in only.split(","):
        continue
    fit_s, m = best_of(lambda: SVC(**kw).fit(Xtr, ytr))
    fit_cpu = best_of.cpu
    pred_s, p = best_of(lambda: m.predict(Xte))
    res["digits"][name] = {"fitSeconds": fit_s, "fitCpuSeconds": fit_cpu, "predictSeconds": pred_s, "accuracy": float((p == yte).mean()), "predictions": p.tolist()}

n_rows = int(os.environ.get("LINEAR_ROWS", "50000"))
if n_rows <= 0:  # digits only (bench/svm.mjs --rbf)
    with open(os.path.join(out, "sklearn.json"), "w") as f:
        json.dump(res, f)
    sys.exit(0)
Xl, yl = make_classification(n_samples=n_rows + 10000, n_features=512, n_informative=64, n_redundant=64,
                             n_classes=10, n_clusters_per_class=1, class_sep=1.5, random_state=0)
Xl = Xl.astype(np.float32)
yl = yl.astype(np.int32)
Xl.tofile(os.path.join(out, "linear_X.f32"))
yl.tofile(os.path.join(out, "linear_y.i32"))
t = time.perf_counter()
lin = LinearSVC(C=0.01, tol=1e-4, max_iter=200).fit(Xl[:n_rows], yl[:n_rows])
lin_fit = time.perf_counter() - t
res["linear"] = {"rows": n_rows, "cols": 512, "classes": 10, "fitSeconds": lin_fit,
                 "nIter": int(lin.n_iter_), "accuracy": float((lin.predict(Xl[n_rows:]) == yl[n_rows:]).mean())}
with open(os.path.join(out, "sklearn.json"), "w") as f:
    json.dump(res, f)
