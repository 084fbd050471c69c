package unsupervised.notebook;

import org.knowm.xchart.internal.chartpart.Chart;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;
import tech.tablesaw.api.Table;
import unsupervised.plots.ChartPng;

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
                new TypedRenderer<>(Chart.class, NotebookDisplay::chart));
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

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }
}
