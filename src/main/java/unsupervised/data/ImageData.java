package unsupervised.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

/**
 * A labelled image data set, split as published: images as rows of pixel intensities scaled to [0, 1]
 * ({@code n x (height * width)}, float), labels as class indices.
 */
public record ImageData(String name, INDArray trainImages, int[] trainLabels, INDArray testImages,
                        int[] testLabels, int height, int width, List<String> classNames) {

    public int numClasses() {
        return classNames.size();
    }

    /** The first {@code train} training and {@code test} test examples (all of them if the numbers are larger). */
    public ImageData subset(int train, int test) {
        int nTrain = Math.min(train, trainLabels.length);
        int nTest = Math.min(test, testLabels.length);
        return new ImageData(name, rows(trainImages, nTrain), java.util.Arrays.copyOf(trainLabels, nTrain),
                rows(testImages, nTest), java.util.Arrays.copyOf(testLabels, nTest), height, width, classNames);
    }

    private static INDArray rows(INDArray matrix, int n) {
        return n == matrix.rows() ? matrix : matrix.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).dup();
    }

    /** Training images with one-hot labels, for a classifier. */
    public DataSet trainSet() {
        return new DataSet(trainImages, oneHot(trainLabels, numClasses()));
    }

    public DataSet testSet() {
        return new DataSet(testImages, oneHot(testLabels, numClasses()));
    }

    public static INDArray oneHot(int[] labels, int classes) {
        INDArray out = Nd4j.zeros(DataType.FLOAT, labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            out.putScalar(i, labels[i], 1f);
        }
        return out;
    }
}
