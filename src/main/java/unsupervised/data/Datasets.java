package unsupervised.data;

import org.nd4j.linalg.factory.Nd4j;

/** MNIST and Fashion-MNIST, found and verified by {@link DatasetLocator#fromEnvironment()}. */
public final class Datasets {
    private Datasets() {
    }

    public static ImageData mnist() {
        return load(DatasetSource.MNIST, DatasetLocator.fromEnvironment());
    }

    public static ImageData fashionMnist() {
        return load(DatasetSource.FASHION_MNIST, DatasetLocator.fromEnvironment());
    }

    public static ImageData load(DatasetSource source, DatasetLocator locator) {
        IdxFile trainImages = locator.load(source, "train-images-idx3-ubyte");
        IdxFile trainLabels = locator.load(source, "train-labels-idx1-ubyte");
        IdxFile testImages = locator.load(source, "t10k-images-idx3-ubyte");
        IdxFile testLabels = locator.load(source, "t10k-labels-idx1-ubyte");
        int height = trainImages.shape()[1];
        int width = trainImages.shape()[2];
        return new ImageData(source.name(), pixels(trainImages), labels(trainLabels), pixels(testImages),
                labels(testLabels), height, width, source.classNames());
    }

    private static org.nd4j.linalg.api.ndarray.INDArray pixels(IdxFile images) {
        byte[] data = images.data();
        float[] scaled = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            scaled[i] = (data[i] & 0xff) / 255f;
        }
        int n = images.shape()[0];
        return Nd4j.create(scaled, new long[]{n, data.length / n}, 'c');
    }

    private static int[] labels(IdxFile labels) {
        byte[] data = labels.data();
        int[] out = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = data[i] & 0xff;
        }
        return out;
    }
}
