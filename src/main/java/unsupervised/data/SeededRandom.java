package unsupervised.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one place where a seed becomes a seed ND4J honours. ND4J 1.0.0-M2.1's native generator takes seed 0 to mean
 * "seed me from the clock": {@code getNewRandomInstance(0)}, {@code Nd4j.randn(0, shape)} and a DL4J configuration
 * built with {@code .seed(0)} draw different numbers on every call. Every seed that reaches ND4J or DL4J therefore
 * goes through {@link #nonZero}: generators here, and the builders' configuration seeds in {@code models}.
 */
public final class SeededRandom {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private SeededRandom() {
    }

    /** A generator of its own, fixed by {@code seed} (any value, 0 included). */
    public static Random of(long seed) {
        // Mixed with the golden-ratio constant first, as the course's generators always were, so that every draw
        // (noise, samples) stays what it was; only the mixed value 0 needs moving.
        return Nd4j.getRandomFactory().getNewRandomInstance(nonZero(seed ^ GOLDEN));
    }

    /** Standard normal float32 values of the given shape, fixed by {@code seed}. */
    public static INDArray normal(long seed, long... shape) {
        return Nd4j.randn(shape, of(seed)).castTo(DataType.FLOAT);
    }

    /**
     * The seed to hand ND4J or DL4J for {@code seed}: itself, except 0 (the clock, to ND4J), which becomes the
     * golden-ratio constant, a seed no caller writes by hand. So seed 0 is as fixed as any other and differs from 1.
     */
    public static long nonZero(long seed) {
        return seed == 0 ? GOLDEN : seed;
    }
}
