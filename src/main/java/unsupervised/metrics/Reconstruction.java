package unsupervised.metrics;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** How far a reconstruction is from its input. */
public final class Reconstruction {
    private Reconstruction() {
    }

    /** Mean squared error over every value, as Keras' {@code mse} averaged over a data set. */
    public static double mse(INDArray input, INDArray reconstruction) {
        return Transforms.pow(input.sub(reconstruction), 2, false).meanNumber().doubleValue();
    }

    /**
     * Peak signal-to-noise ratio in dB, {@code 10 log10(1 / mse)} for intensities in [0, 1], computed per image
     * (row) and averaged over the images, as image-denoising papers report it. An image reproduced exactly would be
     * infinitely good; its PSNR is capped at 100 dB so that one such image cannot swamp the mean.
     */
    public static double psnr(INDArray clean, INDArray estimate) {
        INDArray perImage = Transforms.pow(clean.sub(estimate), 2, false).mean(1);
        double total = 0;
        for (long i = 0; i < perImage.length(); i++) {
            double mse = perImage.getDouble(i);
            total += mse <= 1e-10 ? 100 : 10 * Math.log10(1 / mse);
        }
        return total / perImage.length();
    }

    /**
     * How much of a perturbation of the input reaches the output: {@code mse(f(noisy), f(clean)) /
     * mse(noisy, clean)}. 1 for a network that copies its input, 0 for one that ignores the perturbation.
     */
    public static double passThrough(MultiLayerNetwork net, INDArray clean, INDArray noisy) {
        return mse(net.output(noisy), net.output(clean)) / mse(noisy, clean);
    }

    /** The share of values outside [low, high]: what a sigmoid output (range (0, 1)) can never reproduce. */
    public static double fractionOutside(INDArray values, double low, double high) {
        long outside = values.lt(low).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue()
                + values.gt(high).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue();
        return (double) outside / values.length();
    }
}
