package unsupervised.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/** Corruptions for denoising autoencoders. The input is left untouched; every call with a seed is repeatable. */
public final class Noise {
    private Noise() {
    }

    /** {@code x + sigma * N(0, I)}, not clipped: the article's Gaussian corruption. */
    public static INDArray gaussian(INDArray x, double sigma, long seed) {
        return x.add(SeededRandom.normal(seed, x.shape()).castTo(x.dataType()).muli(sigma));
    }

    /**
     * Gaussian corruption drawn anew for every minibatch, so no two epochs see the same noisy image: the usual
     * denoising set-up (Vincent et al., 2008). Only the inputs are corrupted; the targets stay clean. The sequence of
     * draws is fixed by {@code seed}.
     */
    public static DataSetPreProcessor freshGaussian(double sigma, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        return batch -> batch.setFeatures(gaussian(batch.getFeatures(), sigma, seeds.nextLong()));
    }

    /**
     * imgaug's {@code SaltAndPepper(p)} on images scaled to [0, 1]: each value is replaced, independently with
     * probability {@code p}, by {@code round(255 * b) / 255} with {@code b ~ Beta(0.5, 0.5)}. That distribution
     * piles up near black and white but takes every grey level in between; imgaug draws it scaled to 0..255 and
     * rounds it for 8-bit images.
     */
    public static INDArray saltAndPepper(INDArray x, double p, long seed) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("a replacement probability must lie in [0, 1], not " + p);
        }
        float[] values = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < values.length; i++) {
            if (random.nextDouble() < p) {
                // Beta(1/2, 1/2) is the arcsine law: sin^2(pi u / 2) for u uniform on [0, 1).
                double s = Math.sin(Math.PI / 2 * random.nextDouble());
                values[i] = Math.round(255 * s * s) / 255f;
            }
        }
        return Nd4j.create(values, x.shape(), 'c').castTo(x.dataType());
    }

    /**
     * For training a denoising autoencoder on (clean, clean) pairs: replaces each batch's inputs with a fresh
     * salt-and-pepper corruption of its targets, so no two epochs see the same noise.
     */
    public static DataSetPreProcessor saltAndPepperInputs(double p, long seed) {
        SplittableRandom seeds = new SplittableRandom(seed);
        return batch -> batch.setFeatures(saltAndPepper(batch.getLabels(), p, seeds.nextLong()));
    }
}
