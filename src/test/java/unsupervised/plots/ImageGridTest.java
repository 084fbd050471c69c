package unsupervised.plots;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageGridTest {
    @Test
    void drawsOneLabelledRowPerEntryWithClippedGreyValues() {
        var images = Nd4j.zeros(3, 6);
        images.putScalar(0, 0, 5.0);   // clipped to white
        images.putScalar(0, 1, -2.0);  // clipped to black
        images.putScalar(0, 2, 0.5);
        Map<String, org.nd4j.linalg.api.ndarray.INDArray> rows = new LinkedHashMap<>();
        rows.put("a", images);
        rows.put("b", images);
        var grid = ImageGrid.of(2, 3, 3, rows);
        assertEquals(190 + 3 * (3 * 2 + 4), grid.getWidth());
        assertEquals(2 * (2 * 2 + 4) + 4, grid.getHeight());
        assertEquals(0xFFFFFF, grid.getRGB(190, 4) & 0xFFFFFF);
        assertEquals(0x000000, grid.getRGB(190 + 2, 4) & 0xFFFFFF);
        assertEquals(128, grid.getRGB(190 + 4, 4) & 0xFF);
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(4, 4, 3, rows));
    }
}
