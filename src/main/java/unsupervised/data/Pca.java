package unsupervised.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dimensionalityreduction.PCA;

/** Principal component projections, with ND4J's PCA used the one way it gives correct components. */
public final class Pca {
    private Pca() {
    }

    /**
     * The rows of {@code x} centred and projected onto its first {@code k} principal components. ND4J 1.0.0-M2.1's
     * {@code pca_factor} returns wrong components for a row-major matrix, and {@code PCA.pca} multiplies by the copy
     * LAPACK has already overwritten; a column-major copy gives scikit-learn's components (up to sign).
     */
    public static INDArray project(INDArray x, int k) {
        if (k < 1 || k > x.columns()) {
            throw new IllegalArgumentException("k must lie in 1.." + x.columns() + ", not " + k);
        }
        INDArray centred = x.subRowVector(x.mean(0));
        return centred.mmul(PCA.pca_factor(centred.dup('f'), k, false));
    }
}
