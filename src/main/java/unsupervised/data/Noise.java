package unsupervised.data;

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
        return x.add(Nd4j.randn(seed, x.shape()).castTo(x.dataType()).muli(sigma));
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
}
