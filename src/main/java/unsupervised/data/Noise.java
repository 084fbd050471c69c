package unsupervised.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Corruptions for denoising autoencoders. The input is left untouched; every call with a seed is repeatable. */
public final class Noise {
    private Noise() {
    }

    /** {@code x + sigma * N(0, I)}, not clipped: the article's Gaussian corruption. */
    public static INDArray gaussian(INDArray x, double sigma, long seed) {
        return x.add(Nd4j.randn(seed, x.shape()).castTo(x.dataType()).muli(sigma));
    }
}
