package unsupervised.notebook;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Image grids reach the notebook as complete PNG files (the kernel's own renderer cut off their last bytes). */
class NotebookDisplayTest {
    private static final byte[] PNG_END = {'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    @Test
    void imagesArriveAsCompletePngs() throws Exception {
        // Several sizes, so that the PNG's length hits every remainder modulo 3 (base64 works in groups of 3 bytes).
        for (int side = 10; side < 16; side++) {
            var image = new BufferedImage(side, side + 3, BufferedImage.TYPE_INT_RGB);
            image.setRGB(side / 2, side / 3, 0xFF8800);
            String base64 = (String) NotebookDisplay.image(image).data().get("image/png");
            byte[] png = Base64.getDecoder().decode(base64);
            assertArrayEquals(PNG_END, Arrays.copyOfRange(png, png.length - PNG_END.length, png.length), "side " + side);
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(back);
            assertEquals(0xFF8800, back.getRGB(side / 2, side / 3) & 0xFFFFFF);
        }
    }
}
