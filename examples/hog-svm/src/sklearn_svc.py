"""scikit-learn side of compare-sklearn.ts: SVC(rbf) on the HOG features the TypeScript side wrote.

usage: python3 sklearn_svc.py DIR COLS C GAMMA   (reads DIR/{Xtr,Xte}.f32, {ytr,yte}.i32; writes DIR/sklearn.json)
"""
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.svm import SVC

d, cols, C, gamma = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
Xtr = np.fromfile(os.path.join(d, "Xtr.f32"), dtype=np.float32).reshape(-1, cols).astype(np.float64)
Xte = np.fromfile(os.path.join(d, "Xte.f32"), dtype=np.float32).reshape(-1, cols).astype(np.float64)
ytr = np.fromfile(os.path.join(d, "ytr.i32"), dtype=np.int32)
yte = np.fromfile(os.path.join(d, "yte.i32"), dtype=np.int32)
t, c = time.perf_counter(), time.process_time()
m = SVC(kernel="rbf", C=C, gamma=gamma).fit(Xtr, ytr)
fit_s, fit_cpu = time.perf_counter() - t, time.process_time() - c
t, c = time.perf_counter(), time.process_time()
p = m.predict(Xte)
pred_s, pred_cpu = time.perf_counter() - t, time.process_time() - c
res = {"sklearn": sklearn.__version__, "fitSeconds": fit_s, "fitCpuSeconds": fit_cpu, "predictSeconds": pred_s,
       "predictCpuSeconds": pred_cpu, "accuracy": float((p == yte).mean()), "supportVectors": int(m.support_.size),
       "predictions": p.astype(int).tolist()}
with open(os.path.join(d, "sklearn.json"), "w") as f:
    json.dump(res, f)
