package unsupervised.plots;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * Rows of small grey-scale images, each row labelled: originals, corrupted inputs and reconstructions one above the
 * other. XChart has no image plot, so this draws pixels directly.
 */
public final class ImageGrid {
    private static final int SCALE = 2;
    private static final int LABEL_WIDTH = 190;
    private static final int GAP = 4;

    private ImageGrid() {
    }

    /**
     * @param rows    label -> images, one per row of the matrix ({@code n x height*width}); the first
     *                {@code columns} of each are drawn. Values are clipped to [0, 1] (black to white) for display.
     */
    public static BufferedImage of(int height, int width, int columns, Map<String, INDArray> rows) {
        int cell = width * SCALE + GAP;
        int rowHeight = height * SCALE + GAP;
        BufferedImage image = new BufferedImage(LABEL_WIDTH + columns * cell, rows.size() * rowHeight + GAP,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int top = GAP;
        for (Map.Entry<String, INDArray> row : rows.entrySet()) {
            INDArray images = row.getValue();
            if (images.columns() != (long) height * width) {
                throw new IllegalArgumentException("row '" + row.getKey() + "' has images of " + images.columns()
                        + " values, not " + height + " x " + width);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(row.getKey(), GAP, top + rowHeight / 2 + 4);
            for (int c = 0; c < Math.min(columns, images.rows()); c++) {
                drawImage(image, images, c, height, width, LABEL_WIDTH + c * cell, top);
            }
            top += rowHeight;
        }
        g.dispose();
        return image;
    }

    private static void drawImage(BufferedImage target, INDArray images, int index, int height, int width,
                                  int left, int top) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double value = Math.max(0, Math.min(1, images.getDouble(index, (long) y * width + x)));
                int grey = (int) Math.round(255 * value);
                int rgb = (grey << 16) | (grey << 8) | grey;
                for (int dy = 0; dy < SCALE; dy++) {
                    for (int dx = 0; dx < SCALE; dx++) {
                        target.setRGB(left + x * SCALE + dx, top + y * SCALE + dy, rgb);
                    }
                }
            }
        }
    }
}
