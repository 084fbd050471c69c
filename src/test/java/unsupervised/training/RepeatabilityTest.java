package unsupervised.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import unsupervised.data.Noise;
import unsupervised.models.Autoencoders;
import unsupervised.models.Classifiers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Identical reruns start here: every random choice a notebook makes is fixed by a seed it passes, not by the state
 * of ND4J's global random generator, which whatever ran before (another cell, another notebook's code) has moved.
 * Each pair below is built with the generator in two different states and must agree to the last bit.
 */
class RepeatabilityTest {

    /** Moves ND4J's global generator (in this thread) by an amount no seed controls. */
    private static void disturb(int draws) {
        Nd4j.getRandom().setSeed(System.nanoTime());
        Nd4j.rand(draws, 3);
    }

    private static MultiLayerNetwork autoencoder() {
        return Autoencoders.dense(6, new int[] {8, 3, 8}, Activation.RELU, Activation.IDENTITY, 42);
    }

    @Test
    void initialWeightsDependOnTheSeedAlone() {
        disturb(5);
        INDArray first = autoencoder().params().dup();
        disturb(17);
        assertEquals(first, autoencoder().params());
        assertNotEquals(first, Autoencoders.dense(6, new int[] {8, 3, 8}, Activation.RELU, Activation.IDENTITY, 43)
                .params(), "another seed, other weights");
    }

    @Test
    void aHeadOnAPretrainedEncoderDependsOnTheSeedAlone() {
        MultiLayerNetwork encoderSource = autoencoder();
        disturb(5);
        INDArray first = Classifiers.onEncoder(encoderSource, 2, new int[] {4}, 3, false, 7).params().dup();
        disturb(11);
        assertEquals(first, Classifiers.onEncoder(encoderSource, 2, new int[] {4}, 3, false, 7).params());
    }

    @Test
    void trainingTwiceGivesTheSameLossesAndWeightsBitForBit() {
        INDArray x = Noise.gaussian(Nd4j.zeros(300, 6), 1.0, 3);
        disturb(5);
        MultiLayerNetwork a = autoencoder();
        double[] lossA = Training.fit(a, new DataSet(x, x), null, 3, 32, 42).loss();
        disturb(23);
        MultiLayerNetwork b = autoencoder();
        double[] lossB = Training.fit(b, new DataSet(x, x), null, 3, 32, 42).loss();
        assertArrayEquals(lossA, lossB, 0);
        assertEquals(a.params(), b.params());
    }

    @Test
    void noiseDependsOnTheSeedAlone() {
        INDArray x = Nd4j.zeros(4, 5);
        disturb(5);
        INDArray first = Noise.gaussian(x, 0.3, 9);
        disturb(2);
        assertEquals(first, Noise.gaussian(x, 0.3, 9));
    }
}
