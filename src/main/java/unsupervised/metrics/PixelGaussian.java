package unsupervised.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The simplest generative model of images worth comparing with: one multivariate Gaussian fitted to the pixels
 * (their mean and full covariance). Samples are {@code mean + V sqrt(Lambda) z} with {@code z ~ N(0, I)} and
 * {@code V Lambda V^T} the covariance's eigendecomposition, clipped to the pixel range [0, 1].
 */
public record PixelGaussian(INDArray mean, INDArray basis) {

    /** Fits the mean and covariance of the rows of {@code images}. */
    public static PixelGaussian fit(INDArray images) {
        INDArray x = images.castTo(DataType.DOUBLE);
        INDArray mean = x.mean(0);
        INDArray vectors = Frechet.covariance(x, mean).dup('c');
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(vectors, true);
        return new PixelGaussian(mean, vectors.mulRowVector(Transforms.sqrt(Transforms.relu(values, true), false)));
    }

    /** {@code n} images, one per row, clipped to [0, 1]. */
    public INDArray sample(int n, Random random) {
        INDArray z = Nd4j.randn(new long[] {n, basis.columns()}, random).castTo(DataType.DOUBLE);
        INDArray x = z.mmul(basis.transpose()).addiRowVector(mean);
        return Transforms.min(Transforms.max(x, 0.0, false), 1.0, false).castTo(DataType.FLOAT);
    }
}
