"""Reference for ImageFiltersTest: scipy.ndimage.median_filter(size=3) on a few random 6 x 5 images.

    python3 src/test/python/make_median_reference.py > src/test/resources/median3x3_reference.csv

Each line: image index, then the 30 input values, then the 30 filtered values (row-major).
"""
import numpy as np
from scipy.ndimage import median_filter

rng = np.random.RandomState(7)
for index in range(4):
    image = rng.rand(6, 5).astype(np.float32)
    if index == 3:
        image = (rng.rand(6, 5) < 0.5).astype(np.float32)  # pure salt and pepper: many ties
    filtered = median_filter(image, size=3, mode="reflect")
    values = [str(index)] + ["%.8f" % v for v in image.ravel()] + ["%.8f" % v for v in filtered.ravel()]
    print(",".join(values))
