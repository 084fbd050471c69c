"""Writes the Fréchet distances that FrechetTest compares the Java implementation against, computed the way the
reference FID code does it: means, np.cov covariances, and scipy.linalg.sqrtm of the covariance product.

Run from the repository root with Debian's python3-scipy:
    /usr/bin/python3 src/test/python/make_frechet_reference.py
"""
import numpy as np
import scipy
from scipy import linalg


def frechet(a, b):
    mu_a, mu_b = a.mean(axis=0), b.mean(axis=0)
    cov_a, cov_b = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    root = linalg.sqrtm(cov_a @ cov_b).real
    return float(((mu_a - mu_b) ** 2).sum() + np.trace(cov_a + cov_b - 2 * root))


rng = np.random.default_rng(2018)
# (rows of a, rows of b, features, how b differs): shifted, scaled, correlated, more features than rows (singular
# covariances), and two samples of one distribution.
CASES = []
a = rng.normal(size=(40, 3)); CASES.append(("shifted", a, rng.normal(size=(50, 3)) + [1.0, -2.0, 0.5]))
a = rng.normal(size=(30, 4)); CASES.append(("scaled", a, 3.0 * rng.normal(size=(30, 4))))
mix = rng.normal(size=(5, 5))
a = rng.normal(size=(60, 5)) @ mix; CASES.append(("correlated", a, rng.normal(size=(45, 5)) @ mix.T + 0.3))
a = rng.uniform(size=(6, 8)); CASES.append(("singular", a, rng.uniform(size=(7, 8)) ** 2))
a = rng.normal(size=(80, 2)); CASES.append(("same distribution", a, rng.normal(size=(80, 2))))

with open("src/test/resources/frechet_reference.txt", "w") as out:
    out.write(f"# NumPy {np.__version__}, SciPy {scipy.__version__}: case, then 'a'/'b' rows, then the distance\n")
    for name, a, b in CASES:
        out.write(f"case {name}\n")
        for label, m in (("a", a), ("b", b)):
            for row in m:
                out.write(label + " " + " ".join(repr(float(v)) for v in row) + "\n")
        out.write(f"distance {frechet(a, b)!r}\n")
