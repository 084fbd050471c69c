"""Writes points and scikit-learn's KMeans results that KMeansTest compares the Java k-means against.

Run from the repository root with Debian's python3-sklearn:
    /usr/bin/python3 src/test/python/make_kmeans_reference.py
"""
import csv
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

# (name, n_samples, centers, n_features, cluster_std, random_state): separated blobs, where the optimum is clear,
# and overlapping ones, where restarts matter.
CASES = [
    ("separated", 300, 4, 3, 1.0, 11),
    ("overlapping", 400, 6, 2, 2.5, 5),
]

with open("src/test/resources/kmeans_reference.csv", "w", newline="") as out:
    out.write(f"# scikit-learn {sklearn.__version__}: KMeans(n_clusters=centers, n_init=10, random_state=0)\n")
    writer = csv.writer(out)
    writer.writerow(["case", "k", "inertia", "row", "label", "values"])
    for name, n, k, d, std, seed in CASES:
        x, _ = make_blobs(n_samples=n, centers=k, n_features=d, cluster_std=std, random_state=seed)
        model = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x)
        for i in range(n):
            writer.writerow([name, k, repr(float(model.inertia_)), i, int(model.labels_[i]),
                             " ".join(repr(float(v)) for v in x[i])])
