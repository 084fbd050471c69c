package unsupervised.models;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ND4J takes seed 0 as "from the clock": before every configuration seed went through
 * {@code SeededRandom.nonZero}, the same seed-0 autoencoder had parameter sums -9.497 and 13.351 in two JVMs.
 */
class SeedZeroTest {
    static MultiLayerNetwork digitAutoencoder(long seed) {
        return Autoencoders.dense(784, new int[]{64}, Activation.RELU, Activation.SIGMOID, seed);
    }

    private static void fixedBySeed(String what, LongFunction<MultiLayerNetwork> build) {
        assertEquals(build.apply(0).params(), build.apply(0).params(), what + ", seed 0 twice");
        assertNotEquals(build.apply(0).params(), build.apply(1).params(), what + ", seed 0 vs seed 1");
    }

    @Test
    void everyBuilderGivesTheSameNetworkForSeedZero() {
        fixedBySeed("dense autoencoder", SeedZeroTest::digitAutoencoder);
        fixedBySeed("classifier", seed -> Classifiers.dense(20, new int[]{8}, 3, seed));
        fixedBySeed("classifier on an encoder", seed -> Classifiers.onEncoder(digitAutoencoder(3), 1, new int[]{8},
                10, false, seed));
        fixedBySeed("VAE", seed -> VariationalAutoencoders.dense(20, new int[]{8}, 2, new int[]{8}, seed));
        fixedBySeed("GAN", seed -> Gan.dense(4, new int[]{8}, 20, new int[]{8}, seed).combined());
        // Gan builds its second network with seed + 1: seed -1 reaches DL4J as 0 there.
        assertEquals(Gan.dense(4, new int[]{8}, 20, new int[]{8}, -1).combined().params(),
                Gan.dense(4, new int[]{8}, 20, new int[]{8}, -1).combined().params());
    }

    @Test
    void seedZeroGivesTheSameParametersInAnotherJvm() throws Exception {
        String here = ParameterSum.of(digitAutoencoder(0));
        String there = SecondJvm.run(ParameterSum.class).strip();
        assertTrue(there.endsWith(here), "this JVM: " + here + ", the other: " + there);
    }

    /** Prints the parameter sum of the seed-0 digit autoencoder. */
    public static final class ParameterSum {
        static String of(MultiLayerNetwork net) {
            return "parameter sum " + net.params().sumNumber().doubleValue();
        }

        public static void main(String[] args) {
            System.out.println(of(digitAutoencoder(0)));
        }
    }
}
