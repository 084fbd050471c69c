package unsupervised.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Locale;

/**
 * The images of a data set as an unsupervised model sees them: training images, the last training images held out
 * for early stopping (the test images are kept for the final measurements only), and the test images.
 */
public record ImageSplit(ImageData data, INDArray train, INDArray validation) {

    /** Holds the last {@code validationSize} training images out. */
    public static ImageSplit holdOut(ImageData data, int validationSize) {
        int n = data.trainLabels().length;
        if (validationSize < 1 || validationSize >= n) {
            throw new IllegalArgumentException("cannot hold out " + validationSize + " of " + n + " training images");
        }
        INDArray images = data.trainImages();
        // Copies: DL4J's batching does not accept every view.
        return new ImageSplit(data, images.get(NDArrayIndex.interval(0, n - validationSize), NDArrayIndex.all()).dup(),
                images.get(NDArrayIndex.interval(n - validationSize, n), NDArrayIndex.all()).dup());
    }

    public INDArray test() {
        return data.testImages();
    }

    public int[] testLabels() {
        return data.testLabels();
    }

    /** Which images these are, for a model's recipe and the notebook's first lines. */
    public String describe() {
        return String.format(Locale.ROOT, "%s: training images 0-%d, validation %d-%d, %d test images", data.name(),
                train.rows() - 1, train.rows(), train.rows() + validation.rows() - 1, test().rows());
    }
}
