package unsupervised.plots;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** A chart as PNG bytes: for the notebook's inline images and for figure files. */
public final class ChartPng {
    private ChartPng() {
    }

    public static byte[] bytes(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode chart '" + chart.getTitle() + "' as PNG", e);
        }
    }

    public static String base64(Chart<?, ?> chart) {
        return Base64.getEncoder().encodeToString(bytes(chart));
    }

    /** Writes the chart to {@code file} (folders are created), and returns the file. */
    public static Path save(Chart<?, ?> chart, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes(chart));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write figure " + file.toAbsolutePath(), e);
        }
    }
}
