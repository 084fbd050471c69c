package unsupervised.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Fréchet distance between two Gaussians fitted to two sets of feature vectors (one row each): with means
 * {@code m1, m2} and covariances {@code C1, C2},
 * {@code |m1 - m2|^2 + tr(C1 + C2 - 2 (C1 C2)^(1/2))}. On the features of an image classifier this is the FID
 * (Heusel et al., 2017); here the classifier is the course's own Fashion-MNIST network, so the numbers compare
 * models with each other, not with published FIDs on Inception features.
 *
 * <p>{@code tr((C1 C2)^(1/2))} is computed as the sum of the square roots of the eigenvalues of the symmetric
 * matrix {@code C1^(1/2) C2 C1^(1/2)}, which has the same eigenvalues as {@code C1 C2}; tiny negative eigenvalues
 * from rounding are taken as 0.
 */
public final class Frechet {
    private Frechet() {
    }

    /** The distance between the Gaussians fitted to the rows of {@code a} and of {@code b} (covariance with n - 1). */
    public static double distance(INDArray a, INDArray b) {
        if (a.columns() != b.columns()) {
            throw new IllegalArgumentException("the two sets have " + a.columns() + " and " + b.columns()
                    + " features; they must have the same");
        }
        if (a.rows() < 2 || b.rows() < 2) {
            throw new IllegalArgumentException("each set needs at least 2 rows for a covariance, got " + a.rows()
                    + " and " + b.rows());
        }
        INDArray x = a.castTo(DataType.DOUBLE);
        INDArray y = b.castTo(DataType.DOUBLE);
        INDArray meanX = x.mean(0);
        INDArray meanY = y.mean(0);
        return distance(meanX, covariance(x, meanX), meanY, covariance(y, meanY));
    }

    /** The distance between N(meanX, covX) and N(meanY, covY). */
    public static double distance(INDArray meanX, INDArray covX, INDArray meanY, INDArray covY) {
        double meanTerm = Transforms.pow(meanX.sub(meanY), 2, false).sumNumber().doubleValue();
        INDArray rootX = symmetricRoot(covX);
        INDArray product = rootX.mmul(covY).mmul(rootX);
        INDArray symmetric = product.add(product.transpose()).muli(0.5);
        double traceRoot = Transforms.sqrt(Transforms.relu(eigenvalues(symmetric), false), false)
                .sumNumber().doubleValue();
        return meanTerm + trace(covX) + trace(covY) - 2 * traceRoot;
    }

    /** The sample covariance of the rows of {@code x} around {@code mean}, divided by n - 1 (NumPy's np.cov). */
    public static INDArray covariance(INDArray x, INDArray mean) {
        INDArray centred = x.subRowVector(mean);
        return centred.transpose().mmul(centred).divi(x.rows() - 1);
    }

    /** {@code V diag(sqrt(max(lambda, 0))) V^T} for a symmetric positive semi-definite matrix. */
    static INDArray symmetricRoot(INDArray matrix) {
        INDArray vectors = matrix.dup('c');
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(vectors, true);
        INDArray roots = Transforms.sqrt(Transforms.relu(values, true), false);
        return vectors.mulRowVector(roots).mmul(vectors.transpose());
    }

    private static double trace(INDArray square) {
        return Nd4j.diag(square).sumNumber().doubleValue();
    }

    private static INDArray eigenvalues(INDArray symmetric) {
        return Eigen.symmetricGeneralizedEigenvalues(symmetric.dup('c'), false);
    }
}
