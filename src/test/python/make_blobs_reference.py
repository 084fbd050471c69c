"""Writes the scikit-learn make_blobs reference points that BlobsTest compares the Java port against.

Run from the repository root with Debian's python3-sklearn:
    /usr/bin/python3 src/test/python/make_blobs_reference.py
"""
import csv
import sklearn
from sklearn.datasets import make_blobs

# (n_samples, centers, n_features, random_state): the article's call for three seeds, then other shapes
# (uneven split, more features, a single center) so the draw order is checked, not only one case.
CASES = [
    (1000, 2, 2, 0),
    (1000, 2, 2, 42),
    (1000, 2, 2, 2024),
    (101, 3, 5, 7),
    (37, 4, 3, 123456),
    (10, 1, 1, 4294967295),
]

with open("src/test/resources/make_blobs_reference.csv", "w", newline="") as out:
    out.write(f"# scikit-learn {sklearn.__version__}: make_blobs(n_samples, centers, n_features, random_state)\n")
    writer = csv.writer(out)
    writer.writerow(["n_samples", "centers", "n_features", "random_state", "row", "label", "values"])
    for n, k, d, seed in CASES:
        x, y = make_blobs(n_samples=n, centers=k, n_features=d, random_state=seed)
        for i in range(n):
            writer.writerow([n, k, d, seed, i, int(y[i]), " ".join(repr(float(v)) for v in x[i])])
