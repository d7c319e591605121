#!/usr/bin/env python3
"""Writes test/fixtures/sklearn.json: reference values from scikit-learn for the unit tests.

Run with Debian's python (scikit-learn installed):  /usr/bin/python3 scripts/make-fixtures.py
"""
import json
import os

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.decomposition import PCA
from sklearn.manifold import trustworthiness
from sklearn.manifold._t_sne import _joint_probabilities_nn, _kl_divergence, _kl_divergence_bh
from sklearn.neighbors import NearestNeighbors
import sklearn

rng = np.random.RandomState(7)
n, d = 120, 8
centers = rng.randn(3, d) * 4
X = (centers[np.arange(n) % 3] + rng.randn(n, d)).astype(np.float32)
Y_random = rng.randn(n, 2).astype(np.float32)
Y_pca = PCA(n_components=2, svd_solver="full").fit_transform(X).astype(np.float32)
# A noisy version of the PCA map: neither perfect nor random.
Y_noisy = (Y_pca + rng.randn(n, 2).astype(np.float32) * 1.5).astype(np.float32)

trust = {}
for name, Y in [("random", Y_random), ("pca", Y_pca), ("noisy", Y_noisy)]:
    for k in (1, 5, 12):
        trust[f"{name}_k{k}"] = float(trustworthiness(X, Y, n_neighbors=k))

pca = PCA(n_components=4, svd_solver="full").fit(X)

# Sparse P as in TSNE(method='barnes-hut'): k = min(n - 1, 3 * perplexity + 1) neighbours, squared distances.
perplexity = 10.0
k = min(n - 1, int(3.0 * perplexity + 1))
nn = NearestNeighbors(n_neighbors=k).fit(X)
D = nn.kneighbors_graph(mode="distance")
D.data **= 2
P = _joint_probabilities_nn(D, perplexity, 0).tocsr()
P.sort_indices()

params = Y_noisy.astype(np.float32).ravel()
from scipy.spatial.distance import squareform
Pd = P.toarray()
Pd = np.maximum(Pd, 0)
kl_exact, grad_exact = _kl_divergence(params.astype(np.float64), squareform(Pd, checks=False), 1, n, 2)
kl_bh, grad_bh = _kl_divergence_bh(params, P, 1, n, 2, angle=0.5, compute_error=True)

out = {
    "sklearn": sklearn.__version__,
    "n": n,
    "d": d,
    "X": X.ravel().tolist(),
    "Y_random": Y_random.ravel().tolist(),
    "Y_pca": Y_pca.ravel().tolist(),
    "Y_noisy": Y_noisy.ravel().tolist(),
    "trustworthiness": trust,
    "pca": {
        "components": pca.components_.ravel().tolist(),
        "explained_variance": pca.explained_variance_.tolist(),
        "explained_variance_ratio": pca.explained_variance_ratio_.tolist(),
        "mean": pca.mean_.tolist(),
    },
    "perplexity": perplexity,
    "P": {"indptr": P.indptr.tolist(), "indices": P.indices.tolist(), "data": P.data.tolist()},
    "gradient": {
        "params": params.tolist(),
        "kl_exact": float(kl_exact),
        "grad_exact": grad_exact.tolist(),
        "kl_bh": float(kl_bh),
        "grad_bh": grad_bh.tolist(),
    },
}
path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "sklearn.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", os.path.normpath(path))
