#!/usr/bin/python3
"""Reference values for @dlkit/metrics, computed with scikit-learn (and PyTorch for perplexity).

Run from the package folder:  /usr/bin/python3 scripts/make-fixtures.py
Writes test/fixtures/*.json (and the 10-class report text). Deterministic (fixed seeds).

scikit-learn is a reference only, never a runtime dependency. The installed Debian
python3-sklearn is 1.2.x, which has no zero_division=np.nan; for that option the values come
from `prfs_nan` below, a line-by-line port of precision_recall_fscore_support from
scikit-learn >= 1.4 (sklearn/metrics/_classification.py) on top of the installed
multilabel_confusion_matrix.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (
    accuracy_score,
    balanced_accuracy_score,
    classification_report,
    confusion_matrix,
    f1_score,
    fbeta_score,
    multilabel_confusion_matrix,
    precision_recall_fscore_support,
    precision_score,
    recall_score,
    top_k_accuracy_score,
)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "test", "fixtures")
rng = np.random.default_rng(20240501)


def enc(x):
    """JSON-safe: numpy -> python, NaN/inf -> strings the tests decode."""
    if isinstance(x, dict):
        return {k: enc(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [enc(v) for v in x]
    if isinstance(x, np.ndarray):
        return enc(x.tolist())
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return x
    return x


def write(name, obj):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(enc(obj), f, separators=(",", ":"))
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


def run(fn):
    """Calls fn, returning (result, warnings, error-name)."""
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always")
        try:
            res = fn()
            err = None
        except (ValueError, ZeroDivisionError) as e:
            res, err = None, type(e).__name__ + ": " + str(e)
    msgs = [
        {"type": w.category.__name__, "message": str(w.message)}
        for w in rec
        if w.category.__name__ in ("UndefinedMetricWarning", "UserWarning")
    ]
    return res, msgs, err


def random_dataset(max_classes=8, max_n=60):
    """Random labels with classes never predicted / never present, non-contiguous label values."""
    k = int(rng.integers(2, max_classes + 1))
    if rng.random() < 0.3:
        universe = np.sort(rng.choice(np.arange(0, 40), size=k, replace=False))
    else:
        universe = np.arange(k)
    n = int(rng.integers(1, max_n + 1))
    true_classes = rng.choice(universe, size=int(rng.integers(1, k + 1)), replace=False)
    pred_classes = rng.choice(universe, size=int(rng.integers(1, k + 1)), replace=False)
    y_true = rng.choice(true_classes, size=n)
    y_pred = rng.choice(pred_classes, size=n)
    if rng.random() < 0.6:  # a classifier that is often right
        keep = rng.random(n) < rng.random()
        y_pred = np.where(keep, y_true, y_pred)
    weights = None
    r = rng.random()
    if r < 0.2:
        weights = rng.random(n) * 3
    elif r < 0.3:
        weights = rng.integers(0, 4, size=n).astype(float)
    return universe, y_true.astype(int), y_pred.astype(int), weights


def random_labels(universe, y_true, y_pred):
    r = rng.random()
    present = np.union1d(y_true, y_pred)
    if r < 0.55:
        return None
    if r < 0.75:  # superset, shuffled, with labels absent from the data
        extra = rng.choice(np.arange(0, 50), size=int(rng.integers(1, 4)), replace=False)
        labels = np.union1d(present, extra)
        rng.shuffle(labels)
        return labels
    if r < 0.9:  # subset
        size = int(rng.integers(1, len(present) + 1))
        return rng.choice(present, size=size, replace=False)
    labels = present.copy()
    rng.shuffle(labels)
    return labels


def lst(x):
    return None if x is None else [v for v in np.asarray(x).tolist()]


# ---------------------------------------------------------------- precision / recall / F
EDGE_SETS = [
    # (y_true, y_pred, labels): zero support among the selected labels, one class only, ...
    ([0, 1, 2, 0], [0, 1, 1, 0], [5]),
    ([0, 1, 2, 0], [0, 1, 1, 0], [5, 6]),
    ([0, 1, 2, 0], [3, 3, 3, 3], [3]),
    ([0, 1, 2, 0], [3, 3, 1, 3], [3, 4]),
    ([0, 0, 0], [0, 0, 0], None),
    ([1, 1, 1], [0, 0, 0], None),
    ([0, 0], [1, 1], None),
    ([2, 2, 2], [2, 2, 2], None),
    ([0, 1, 0, 1], [0, 0, 0, 0], None),
    ([0, 1, 2, 3], [1, 2, 3, 0], None),
    ([0, 1, 2, 3], [0, 1, 2, 3], [0, 1, 2, 3, 4]),
]


def edge_params():
    for y_true, y_pred, labels in EDGE_SETS:
        for average in [None, "micro", "macro", "weighted", "binary"]:
            for zd in ["warn", 0, 1]:
                for beta in [0.0, 1.0, 2.0]:
                    yield np.array(y_true), np.array(y_pred), None, labels, average, zd, beta, 1


def random_params(count):
    for _ in range(count):
        universe, y_true, y_pred, w = random_dataset()
        labels = random_labels(universe, y_true, y_pred)
        present = np.union1d(y_true, y_pred)
        averages = [None, "micro", "macro", "weighted"]
        if len(present) <= 2:
            averages.append("binary")
        average = averages[int(rng.integers(0, len(averages)))]
        if rng.random() < 0.05:
            average = "binary"  # also on multiclass data: an error
        zd = ["warn", 0, 1][int(rng.integers(0, 3))]
        beta = [1.0, 0.5, 2.0, 0.0, 3.0, float("inf")][int(rng.integers(0, 6))]
        pos_label = 1
        if average == "binary" and len(present) == 2 and rng.random() < 0.7:
            pos_label = int(present[int(rng.integers(0, 2))])
        yield y_true, y_pred, w, labels, average, zd, beta, pos_label


def prfs_cases(count):
    cases = []
    for y_true, y_pred, w, labels, average, zd, beta, pos_label in [*random_params(count), *edge_params()]:
        kw = dict(labels=labels, average=average, zero_division=zd, sample_weight=w)
        case = {
            "yTrue": y_true, "yPred": y_pred, "sampleWeight": lst(w), "labels": lst(labels),
            "average": average, "zeroDivision": zd, "beta": beta, "posLabel": pos_label,
        }
        res, msgs, err = run(lambda: precision_recall_fscore_support(y_true, y_pred, beta=beta, pos_label=pos_label, **kw))
        case["prfs"] = {"result": None if res is None else list(res), "warnings": msgs, "error": err}
        for name, fn in [("precision", precision_score), ("recall", recall_score), ("f1", f1_score)]:
            res, msgs, err = run(lambda: fn(y_true, y_pred, pos_label=pos_label, **kw))
            case[name] = {"result": res, "warnings": msgs, "error": err}
        res, msgs, err = run(lambda: fbeta_score(y_true, y_pred, beta=beta, pos_label=pos_label, **kw))
        case["fbeta"] = {"result": res, "warnings": msgs, "error": err}
        cases.append(case)
    return cases


def _nanaverage(a, weights=None):
    """sklearn.utils.extmath._nanaverage (scikit-learn >= 1.3)."""
    if len(a) == 0:
        return np.nan
    mask = np.isnan(a)
    if mask.all():
        return np.nan
    if weights is None:
        return np.average(a[~mask])
    weights = np.asarray(weights)
    weights = weights[~mask]
    try:
        return np.average(a[~mask], weights=weights)
    except ZeroDivisionError:
        return np.average(a[~mask])


def _prf_divide_nan(numerator, denominator):
    mask = denominator == 0.0
    denominator = denominator.copy()
    denominator[mask] = 1
    result = numerator / denominator
    result[mask] = np.nan
    return result


def prfs_nan(y_true, y_pred, *, beta, labels, average, sample_weight, pos_label=1):
    """precision_recall_fscore_support(..., zero_division=np.nan) of scikit-learn >= 1.4."""
    from sklearn.metrics._classification import _check_set_wise_labels

    labels = _check_set_wise_labels(y_true, y_pred, average, labels, pos_label)
    MCM = multilabel_confusion_matrix(y_true, y_pred, sample_weight=sample_weight, labels=labels)
    tp_sum = MCM[:, 1, 1]
    pred_sum = tp_sum + MCM[:, 0, 1]
    true_sum = tp_sum + MCM[:, 1, 0]
    if average == "micro":
        tp_sum = np.array([tp_sum.sum()])
        pred_sum = np.array([pred_sum.sum()])
        true_sum = np.array([true_sum.sum()])
    beta2 = beta**2
    precision = _prf_divide_nan(tp_sum, pred_sum)
    recall = _prf_divide_nan(tp_sum, true_sum)
    if np.isposinf(beta):
        f_score = recall
    elif beta == 0:
        f_score = precision
    else:
        denom = beta2 * true_sum + pred_sum
        f_score = _prf_divide_nan((1 + beta2) * tp_sum, denom)
    weights = true_sum if average == "weighted" else None
    if average is not None:
        precision = _nanaverage(precision, weights=weights)
        recall = _nanaverage(recall, weights=weights)
        f_score = _nanaverage(f_score, weights=weights)
        true_sum = None
    return precision, recall, f_score, true_sum


def prfs_nan_cases(count):
    cases = []
    for _ in range(count):
        universe, y_true, y_pred, w = random_dataset()
        labels = random_labels(universe, y_true, y_pred)
        average = [None, "micro", "macro", "weighted"][int(rng.integers(0, 4))]
        beta = [1.0, 0.5, 2.0, 0.0, float("inf")][int(rng.integers(0, 5))]
        res = prfs_nan(y_true, y_pred, beta=beta, labels=labels, average=average, sample_weight=w)
        cases.append({
            "yTrue": y_true, "yPred": y_pred, "sampleWeight": lst(w), "labels": lst(labels),
            "average": average, "beta": beta, "result": list(res),
        })
    for y_true, y_pred, labels in EDGE_SETS:
        for average in [None, "micro", "macro", "weighted"]:
            for beta in [0.0, 1.0, float("inf")]:
                y_true, y_pred = np.array(y_true), np.array(y_pred)
                res = prfs_nan(y_true, y_pred, beta=beta, labels=labels, average=average, sample_weight=None)
                cases.append({"yTrue": y_true, "yPred": y_pred, "sampleWeight": None, "labels": labels,
                              "average": average, "beta": beta, "result": list(res)})
    return cases


# ---------------------------------------------------------------- confusion matrix, accuracy
def confusion_cases(count):
    cases = []
    for _ in range(count):
        universe, y_true, y_pred, w = random_dataset()
        labels = random_labels(universe, y_true, y_pred)
        normalize = [None, "true", "pred", "all"][int(rng.integers(0, 4))]
        res, _, err = run(lambda: confusion_matrix(y_true, y_pred, labels=labels, sample_weight=w, normalize=normalize))
        cases.append({
            "yTrue": y_true, "yPred": y_pred, "sampleWeight": lst(w), "labels": lst(labels),
            "normalize": normalize, "result": res, "error": err,
        })
    return cases


def accuracy_cases(count):
    cases = []
    for _ in range(count):
        _, y_true, y_pred, w = random_dataset()
        normalize = bool(rng.random() < 0.7)
        res, _, err = run(lambda: accuracy_score(y_true, y_pred, normalize=normalize, sample_weight=w))
        b_adj = bool(rng.random() < 0.4)
        bres, bmsgs, berr = run(lambda: balanced_accuracy_score(y_true, y_pred, sample_weight=w, adjusted=b_adj))
        labels = random_labels(np.arange(8), y_true, y_pred)
        zd = ["warn", 0, 1][int(rng.integers(0, 3))]
        pres, _, perr = run(lambda: recall_score(y_true, y_pred, labels=labels, average=None, sample_weight=w, zero_division=zd))
        cases.append({
            "yTrue": y_true, "yPred": y_pred, "sampleWeight": lst(w),
            "accuracy": {"normalize": normalize, "result": res, "error": err},
            "balanced": {"adjusted": b_adj, "result": bres, "warnings": bmsgs, "error": berr},
            "perClass": {"labels": lst(labels), "zeroDivision": zd, "result": pres, "error": perr},
        })
    return cases


# ---------------------------------------------------------------- classification report
NAME_POOL = ["cat", "dog", "ant", "bee", "a much longer class name", "x", "truck", "ship", "über", "class 7", "frog", "négatif"]


def report_cases(count):
    cases = []
    for _ in range(count):
        universe, y_true, y_pred, w = random_dataset()
        labels = random_labels(universe, y_true, y_pred) if rng.random() < 0.6 else None
        n_labels = len(labels) if labels is not None else len(np.union1d(y_true, y_pred))
        names = None
        if rng.random() < 0.5:
            names = [NAME_POOL[int(i)] + ("" if rng.random() < 0.5 else f"-{j}") for j, i in enumerate(rng.integers(0, len(NAME_POOL), size=n_labels))]
            names = [f"{nm}#{j}" if names.count(nm) > 1 else nm for j, nm in enumerate(names)]
        digits = int(rng.integers(0, 6))
        zd = ["warn", 0, 1][int(rng.integers(0, 3))]
        kw = dict(labels=labels, target_names=names, sample_weight=w, digits=digits, zero_division=zd)
        text, msgs, err = run(lambda: classification_report(y_true, y_pred, **kw))
        d, _, _ = run(lambda: classification_report(y_true, y_pred, output_dict=True, **kw))
        cases.append({
            "yTrue": y_true, "yPred": y_pred, "sampleWeight": lst(w), "labels": lst(labels),
            "targetNames": names, "digits": digits, "zeroDivision": zd,
            "text": text, "dict": d, "warnings": msgs, "error": err,
        })
    return cases


CIFAR10 = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]


def report_10_class():
    r = np.random.default_rng(10)
    n = 1000
    y_true = r.integers(0, 10, size=n)
    skill = np.array([0.85, 0.9, 0.6, 0.5, 0.7, 0.6, 0.8, 0.8, 0.88, 0.86])
    correct = r.random(n) < skill[y_true]
    confusable = {3: 5, 5: 3, 2: 4, 4: 7, 0: 8, 1: 9, 9: 1, 6: 2, 7: 4, 8: 0}
    wrong = np.where(r.random(n) < 0.5, np.vectorize(confusable.get)(y_true), r.integers(0, 10, size=n))
    y_pred = np.where(correct, y_true, wrong)
    text2 = classification_report(y_true, y_pred, target_names=CIFAR10)
    text4 = classification_report(y_true, y_pred, target_names=CIFAR10, digits=4)
    d = classification_report(y_true, y_pred, target_names=CIFAR10, output_dict=True)
    with open(os.path.join(OUT, "report-10-class.txt"), "w") as f:
        f.write(text2)
    return {"yTrue": y_true, "yPred": y_pred, "targetNames": CIFAR10, "text": text2, "text4": text4, "dict": d,
            "confusion": confusion_matrix(y_true, y_pred)}


# ---------------------------------------------------------------- top-k
def topk_cases(count):
    cases = []
    for _ in range(count):
        c = int(rng.integers(3, 12))
        n = int(rng.integers(1, 50))
        if rng.random() < 0.4:
            scores = rng.integers(0, 4, size=(n, c)).astype(float)  # many ties
        else:
            scores = np.round(rng.random((n, c)), 4)
        present = rng.choice(np.arange(c), size=int(rng.integers(1, c + 1)), replace=False)
        y_true = rng.choice(present, size=n)
        k = int(rng.integers(1, c + 1))
        normalize = bool(rng.random() < 0.8)
        w = rng.random(n) * 2 if rng.random() < 0.3 else None
        res, msgs, err = run(lambda: top_k_accuracy_score(y_true, scores, k=k, normalize=normalize, sample_weight=w, labels=np.arange(c)))
        cases.append({"scores": scores, "yTrue": y_true, "k": k, "normalize": normalize, "sampleWeight": lst(w),
                      "result": res, "warnings": msgs, "error": err})
    return cases


# ---------------------------------------------------------------- perplexity
def perplexity_cases(count):
    import torch

    torch.manual_seed(0)
    cases = []
    for _ in range(count):
        vocab = int(rng.integers(2, 50))
        n = int(rng.integers(1, 200))
        logits = torch.randn(n, vocab, dtype=torch.float64) * float(rng.random() * 4)
        targets = torch.randint(0, vocab, (n,))
        nll = torch.nn.functional.cross_entropy(logits, targets, reduction="sum")
        logp = torch.log_softmax(logits, dim=1)[torch.arange(n), targets]
        cases.append({
            "logProbs": logp.tolist(),
            "log2Probs": (logp / math.log(2)).tolist(),
            "sumLogProb": -nll.item(),
            "tokenCount": n,
            "perplexity": torch.exp(nll / n).item(),
        })
    return cases


# ---------------------------------------------------------------- Python number formatting
def format_cases():
    values = [0.0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.375, 0.625, 2.675, 1 / 3, 2 / 3, 0.995, 0.9995, 1e-5, 1.5e-5,
              1e-4, 0.00012345, 123456.789, 1e15, 1e16, 1.2345e16, 3.0, 7.25, 1e22, 5e-324, 0.1, 0.2 + 0.1,
              float("nan"), float("inf"), -1.25, -0.005, 99.995]
    values += (rng.random(150) * 10.0 ** rng.integers(-6, 7, size=150)).tolist()
    values += (rng.integers(0, 64, size=60) / 64).tolist()  # exact binary fractions: rounding ties
    out = []
    for v in values:
        out.append({"value": v, "repr": repr(v), "fixed": ["{:.{d}f}".format(v, d=d) for d in range(6)],
                    "g": ["{:.{p}g}".format(v, p=p) for p in range(1, 5)]})
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    meta = {"sklearn": sklearn.__version__, "numpy": np.__version__, "python": sys.version.split()[0]}
    write("prfs.json", {"meta": meta, "cases": prfs_cases(400)})
    write("prfs-nan.json", {"meta": meta, "cases": prfs_nan_cases(150)})
    write("confusion.json", {"meta": meta, "cases": confusion_cases(200)})
    write("accuracy.json", {"meta": meta, "cases": accuracy_cases(200)})
    write("report.json", {"meta": meta, "cases": report_cases(200), "tenClass": report_10_class()})
    write("topk.json", {"meta": meta, "cases": topk_cases(250)})
    write("perplexity.json", {"meta": meta, "cases": perplexity_cases(40)})
    write("format.json", {"meta": meta, "cases": format_cases()})


if __name__ == "__main__":
    main()
