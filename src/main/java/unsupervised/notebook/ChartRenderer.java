package unsupervised.notebook;

import org.knowm.xchart.internal.chartpart.Chart;
import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import unsupervised.plots.ChartPng;

/** Renders any XChart chart as an inline PNG, so it survives in saved notebooks and in the HTML report. */
public final class ChartRenderer implements DisplayRenderer {

    @Override
    public Class<?> rendererClass() {
        return Chart.class;
    }

    @Override
    public boolean canRender(String mimeType) {
        return true;
    }

    @Override
    public DisplayData render(String mimeType, Object o) {
        Chart<?, ?> chart = (Chart<?, ?>) o;
        DisplayData data = DisplayData.fromText(chart.getTitle().isEmpty() ? "chart" : "chart: " + chart.getTitle());
        data.putData("image/png", ChartPng.base64(chart));
        return data;
    }
}
