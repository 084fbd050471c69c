package unsupervised.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J random generators that their seed really fixes. ND4J 1.0.0-M2.1's native generator takes seed 0 to mean
 * "seed me from the clock": {@code getNewRandomInstance(0)} and {@code Nd4j.randn(0, shape)} draw different numbers
 * on every call. Every seed therefore goes through a bijection that moves 0 elsewhere (an exclusive or with the
 * golden-ratio constant; the one seed it would send to 0 is sent to 1 instead).
 */
public final class SeededRandom {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private SeededRandom() {
    }

    /** A generator of its own, fixed by {@code seed} (any value, 0 included). */
    public static Random of(long seed) {
        return Nd4j.getRandomFactory().getNewRandomInstance(nonZero(seed));
    }

    /** Standard normal float32 values of the given shape, fixed by {@code seed}. */
    public static INDArray normal(long seed, long... shape) {
        return Nd4j.randn(shape, of(seed)).castTo(DataType.FLOAT);
    }

    static long nonZero(long seed) {
        long mixed = seed ^ GOLDEN;
        return mixed == 0 ? 1 : mixed;
    }
}
