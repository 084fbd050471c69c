package unsupervised.data;

/**
 * NumPy's legacy {@code numpy.random.RandomState}: MT19937 with the exact draw order of its {@code uniform},
 * {@code normal} (polar Box-Muller with a cached second value) and {@code shuffle}. It exists so that data sets
 * built in Python with a seed can be rebuilt bit-for-bit in Java.
 */
public final class NumpyRandomState {
    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int index;
    private boolean hasGauss;
    private double gauss;

    /** Same as {@code np.random.RandomState(seed)}; NumPy accepts seeds in [0, 2^32 - 1]. */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("Seed must be between 0 and 2**32 - 1, got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    /** The next raw 32-bit output of MT19937, as an unsigned value. */
    public long nextUint32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFFFFFFL;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            mt[i] = (y & 1) == 0 ? next : next ^ 0x9908b0df;
        }
        index = 0;
    }

    /** {@code random_sample()}: a double in [0, 1) with 53 random bits. */
    public double nextDouble() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** {@code uniform(low, high)}. */
    public double uniform(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /** {@code standard_normal()} of the legacy generator. */
    public double standardNormal() {
        if (hasGauss) {
            hasGauss = false;
            return gauss;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** {@code normal(loc, scale)}. */
    public double normal(double loc, double scale) {
        return loc + scale * standardNormal();
    }

    /** A uniform integer in [0, max], by NumPy's masked rejection sampling (its 32-bit branch). */
    int interval(int max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        for (int shift = 1; shift <= 16; shift <<= 1) {
            mask |= mask >>> shift;
        }
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return (int) value;
    }

    /** {@code shuffle(x)} of a 1-d array, in place (Fisher-Yates from the end, as NumPy does). */
    public void shuffle(int[] x) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = interval(i);
            int tmp = x[i];
            x[i] = x[j];
            x[j] = tmp;
        }
    }
}
