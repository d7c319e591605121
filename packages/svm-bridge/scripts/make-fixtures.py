"""Generate scikit-learn reference predictions for test/fixtures/sklearn-digits.json.

Run from packages/svm-bridge:  /usr/bin/python3 scripts/make-fixtures.py
Dataset: sklearn's 8x8 digits (1,797 samples), features divided by 16, first 1,200 rows train, rest test.
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.datasets import load_digits
from sklearn.svm import SVC, LinearSVC

d = load_digits()
X = d.data.astype(np.float64) / 16.0
y = d.target.astype(int)
n_train = 1200
Xtr, ytr, Xte = X[:n_train], y[:n_train], X[n_train:]

CONFIGS = [
    {"kernel": "rbf", "C": 1.0, "gamma": "scale"},
    {"kernel": "rbf", "C": 5.0, "gamma": 0.05},
    {"kernel": "poly", "C": 1.0, "gamma": "scale", "degree": 3, "coef0": 0.0},
    {"kernel": "poly", "C": 0.5, "gamma": 0.1, "degree": 2, "coef0": 1.0},
    {"kernel": "linear", "C": 0.1},
    {"kernel": "sigmoid", "C": 1.0, "gamma": 0.01, "coef0": 0.0},
]

svc = []
for cfg in CONFIGS:
    m = SVC(**cfg).fit(Xtr, ytr)
    m_ovo = SVC(decision_function_shape="ovo", **cfg).fit(Xtr, ytr)
    svc.append({
        "options": cfg,
        "gamma": float(m._gamma),
        "predictions": m.predict(Xte).astype(int).tolist(),
        "nSupport": int(m.n_support_.sum()),
        "decisionOvoFirst10": np.round(m_ovo.decision_function(Xte[:10]), 6).tolist(),
    })

# Binary problem (digits 3 vs 8) to check the sign convention of the decision function.
mask = (ytr == 3) | (ytr == 8)
mask_te = (y[n_train:] == 3) | (y[n_train:] == 8)
b = SVC(kernel="rbf", C=1.0, gamma=0.05).fit(Xtr[mask], ytr[mask])
binary = {
    "options": {"kernel": "rbf", "C": 1.0, "gamma": 0.05},
    "trainRows": np.flatnonzero(mask).tolist(),
    "testRows": (np.flatnonzero(mask_te) + n_train).tolist(),
    "decision": np.round(b.decision_function(Xte[mask_te]), 6).tolist(),
}

lin = LinearSVC(C=0.1, tol=1e-6, max_iter=100000).fit(Xtr, ytr)
linear = {
    "options": {"C": 0.1, "loss": "squared_hinge", "tol": 1e-6},
    "predictions": lin.predict(Xte).astype(int).tolist(),
    "coef": np.round(lin.coef_, 6).tolist(),
    "intercept": np.round(lin.intercept_, 6).tolist(),
}
lin_h = LinearSVC(C=0.1, loss="hinge", tol=1e-6, max_iter=100000).fit(Xtr, ytr)
linear_hinge = {"options": {"C": 0.1, "loss": "hinge", "tol": 1e-6}, "predictions": lin_h.predict(Xte).astype(int).tolist()}

out = {
    "source": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, load_digits()/16, rows [0,1200) train, [1200,1797) test",
    "rows": int(X.shape[0]),
    "cols": int(X.shape[1]),
    "nTrain": n_train,
    "pixels16": d.data.astype(int).ravel().tolist(),
    "y": y.tolist(),
    "svc": svc,
    "binary": binary,
    "linear": [linear, linear_hinge],
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "sklearn-digits.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote", os.path.normpath(path), file=sys.stderr)
