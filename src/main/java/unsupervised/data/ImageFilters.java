package unsupervised.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/** Classical image filters, the baselines a learned denoiser has to beat. */
public final class ImageFilters {
    private ImageFilters() {
    }

    /**
     * The 3 x 3 median filter, the textbook remedy for salt-and-pepper noise, on images stored one per row
     * ({@code n x height*width}). At the border the image is mirrored with its edge repeated, as
     * {@code scipy.ndimage.median_filter(size=3)} (mode "reflect") does.
     */
    public static INDArray median3x3(INDArray images, int height, int width) {
        if (images.columns() != (long) height * width) {
            throw new IllegalArgumentException("images of " + images.columns() + " values are not " + height + " x "
                    + width);
        }
        float[] in = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] out = new float[in.length];
        float[] window = new float[9];
        int size = height * width;
        for (int base = 0; base < in.length; base += size) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int k = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        int yy = Math.min(height - 1, Math.max(0, y + dy));
                        for (int dx = -1; dx <= 1; dx++) {
                            window[k++] = in[base + yy * width + Math.min(width - 1, Math.max(0, x + dx))];
                        }
                    }
                    Arrays.sort(window);
                    out[base + y * width + x] = window[4];
                }
            }
        }
        return Nd4j.create(out, images.shape(), 'c').castTo(images.dataType());
    }
}
