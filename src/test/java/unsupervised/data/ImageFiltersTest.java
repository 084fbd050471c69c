package unsupervised.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageFiltersTest {

    @Test
    void medianMatchesScipy() throws IOException {
        // src/test/python/make_median_reference.py: scipy.ndimage.median_filter(size=3, mode="reflect")
        for (String line : Files.readAllLines(Path.of("src/test/resources/median3x3_reference.csv"))) {
            double[] v = Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
            float[] image = new float[30];
            float[] expected = new float[30];
            for (int i = 0; i < 30; i++) {
                image[i] = (float) v[1 + i];
                expected[i] = (float) v[31 + i];
            }
            var filtered = ImageFilters.median3x3(Nd4j.create(image, new long[]{1, 30}, 'c'), 6, 5);
            assertArrayEquals(expected, filtered.data().asFloat(), 1e-6f, "image " + (int) v[0]);
        }
    }

    @Test
    void filtersEachImageOnItsOwnAndChecksTheSize() {
        var images = Nd4j.zeros(DataType.FLOAT, 2, 9);
        images.putScalar(1, 4, 1f);  // one bright pixel in the second image: removed, the first stays dark
        assertArrayEquals(new float[18], ImageFilters.median3x3(images, 3, 3).data().asFloat());
        assertThrows(IllegalArgumentException.class, () -> ImageFilters.median3x3(images, 4, 3));
    }
}
