"""scikit-learn side of `node bench/svm.mjs --linear-fashion`: LinearSVC on the features the JS side wrote.

usage: python3 bench/sklearn_linear_fashion.py DIR ROWS NTEST COLS C TOL MAX_ITER
Reads DIR/fashion_{Xtr,Xte}.f32 and fashion_{ytr,yte}.i32; writes DIR/sklearn-linear-fashion.json.
"""
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.svm import LinearSVC

d = sys.argv[1]
rows, n_test, cols = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
C, tol, max_iter = float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
Xtr = np.fromfile(os.path.join(d, "fashion_Xtr.f32"), dtype=np.float32).reshape(rows, cols)
Xte = np.fromfile(os.path.join(d, "fashion_Xte.f32"), dtype=np.float32).reshape(n_test, cols)
ytr = np.fromfile(os.path.join(d, "fashion_ytr.i32"), dtype=np.int32)
yte = np.fromfile(os.path.join(d, "fashion_yte.i32"), dtype=np.int32)
t, c = time.perf_counter(), time.process_time()
m = LinearSVC(C=C, tol=tol, max_iter=max_iter, dual=True, random_state=0).fit(Xtr, ytr)
fit_s, fit_cpu = time.perf_counter() - t, time.process_time() - c
p = m.predict(Xte)
res = {"sklearn": sklearn.__version__, "fitSeconds": fit_s, "fitCpuSeconds": fit_cpu, "nIter": int(m.n_iter_),
       "accuracy": float((p == yte).mean()), "predictions": p.astype(int).tolist()}
with open(os.path.join(d, "sklearn-linear-fashion.json"), "w") as f:
    json.dump(res, f)
