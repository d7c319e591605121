#!/usr/bin/env python3
"""Peer run for bench/tsne.mjs: scikit-learn's TSNE on a raw float32 matrix.

usage: sklearn_tsne.py X.f32 rows cols labels.u8 out.f32  → prints JSON {seconds, trustworthiness, knn_accuracy, kl, n_iter, sklearn}
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.manifold import TSNE, trustworthiness
from sklearn.neighbors import KNeighborsClassifier
from sklearn.model_selection import cross_val_score

path, rows, cols, labels_path, out_path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
X = np.fromfile(path, dtype=np.float32).reshape(rows, cols)
y = np.fromfile(labels_path, dtype=np.uint8)
t0 = time.perf_counter()
c0 = time.process_time()
tsne = TSNE(n_components=2, perplexity=30.0, early_exaggeration=12.0, learning_rate="auto", n_iter=1000,
            init="pca", method="barnes_hut", angle=0.5, random_state=0)
Y = tsne.fit_transform(X)
seconds = time.perf_counter() - t0
cpu_seconds = time.process_time() - c0
Y.astype(np.float32).tofile(out_path)
print(json.dumps({
    "sklearn": sklearn.__version__,
    "seconds": seconds,
    "cpu_seconds": cpu_seconds,
    "trustworthiness": float(trustworthiness(X, Y, n_neighbors=5)),
    "kl": float(tsne.kl_divergence_),
    "n_iter": int(tsne.n_iter_),
}))
