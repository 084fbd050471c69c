package unsupervised.notebook;

import org.knowm.xchart.internal.chartpart.Chart;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;
import tech.tablesaw.api.Table;
import unsupervised.plots.ChartPng;

import javax.imageio.ImageIO;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/**
 * Registers, through the kernel's ServiceLoader extension point, how our objects look in a notebook:
 * a Tablesaw table as an HTML table, an XChart chart as a PNG image. A cell can then simply end with
 * {@code table} or {@code chart}.
 */
public final class NotebookDisplay implements DisplayProvider {

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(new TypedRenderer<>(Table.class, NotebookDisplay::table),
                new TypedRenderer<>(Chart.class, NotebookDisplay::chart),
                new TypedRenderer<>(RenderedImage.class, NotebookDisplay::image));
    }

    /** HTML, with a plain-text fallback. */
    private static DisplayData table(Table table) {
        DisplayData data = DisplayData.fromText(table.print());
        data.putHTML(TableHtml.of(table));
        return data;
    }

    /** An inline PNG, so it survives in saved notebooks and in the HTML report. */
    private static DisplayData chart(Chart<?, ?> chart) {
        DisplayData data = DisplayData.fromText(chart.getTitle().isEmpty() ? "chart" : "chart: " + chart.getTitle());
        data.putData("image/png", ChartPng.base64(chart));
        return data;
    }

    /**
     * An image grid as PNG. This replaces the kernel's own image renderer, which base64-encodes through a stream it
     * never closes and so drops the last one or two bytes of every other PNG (its end marker's checksum): browsers
     * forgive that, image tools refuse the file. Renderers registered here are tried before the kernel's.
     */
    static DisplayData image(RenderedImage image) {
        var png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode an image as PNG", e);
        }
        DisplayData data = DisplayData.fromText("image " + image.getWidth() + " x " + image.getHeight());
        data.putData("image/png", Base64.getEncoder().encodeToString(png.toByteArray()));
        return data;
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }
}
