"""Writes the scikit-learn / SciPy clustering scores that ClusterScoresTest compares the Java metrics against.

Run from the repository root with Debian's python3-sklearn and python3-scipy:
    /usr/bin/python3 src/test/python/make_clustering_reference.py

Clustering accuracy is the share of points whose cluster maps to their class under the best one-to-one matching
(SciPy's linear_sum_assignment on the contingency table, as DEC-keras computes it); NMI is scikit-learn's
normalized_mutual_info_score with its default arithmetic-mean normalisation; ARI is adjusted_rand_score.
"""
import csv
import numpy as np
import scipy
import sklearn
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.metrics.cluster import contingency_matrix


def accuracy(truth, pred):
    table = contingency_matrix(truth, pred)
    rows, cols = linear_sum_assignment(-table)
    return table[rows, cols].sum() / len(truth)


rng = np.random.RandomState(2016)
cases = [
    ("perfect", np.repeat(np.arange(4), 5), np.repeat(np.arange(4), 5)),
    ("relabelled", np.repeat(np.arange(4), 5), np.repeat([2, 0, 3, 1], 5)),
    ("one cluster", np.repeat(np.arange(3), 4), np.zeros(12, dtype=int)),
]
for n, k_true, k_pred in [(30, 3, 3), (50, 4, 6), (50, 6, 4), (200, 10, 10), (500, 10, 10), (97, 5, 2)]:
    truth = rng.randint(k_true, size=n)
    # mostly agreeing clusters with a relabelling and some noise, so the scores are neither 0 nor 1
    pred = (truth * 7 + 3) % k_pred
    noisy = rng.rand(n) < 0.35
    pred[noisy] = rng.randint(k_pred, size=noisy.sum())
    cases.append((f"random n={n} classes={k_true} clusters={k_pred}", truth, pred))

with open("src/test/resources/clustering_reference.csv", "w", newline="") as out:
    out.write(f"# scikit-learn {sklearn.__version__}, SciPy {scipy.__version__}\n")
    writer = csv.writer(out)
    writer.writerow(["case", "truth", "clusters", "accuracy", "nmi", "ari"])
    for name, truth, pred in cases:
        writer.writerow([name, " ".join(map(str, truth)), " ".join(map(str, pred)),
                         repr(float(accuracy(truth, pred))),
                         repr(float(normalized_mutual_info_score(truth, pred))),
                         repr(float(adjusted_rand_score(truth, pred)))])
