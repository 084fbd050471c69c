package unsupervised.plots;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.Arrays;
import java.util.Map;

/**
 * Distributions of scores (anomaly scores of normal and anomalous examples, say) drawn as step outlines on shared
 * bins, each as a share of its own set, so that sets of different sizes compare. XChart has no histogram of
 * several overlapping series with a log axis, so the bins are counted here.
 */
public final class Histograms {
    private Histograms() {
    }

    /**
     * @param series name -> values; every series is binned on the same {@code bins} bins between the smallest
     *               and largest value of all of them, equally wide on a log scale if {@code logScale}
     */
    public static XYChart of(String title, String xLabel, Map<String, double[]> series, int bins, boolean logScale) {
        double low = series.values().stream().flatMapToDouble(Arrays::stream).min().orElseThrow();
        double high = series.values().stream().flatMapToDouble(Arrays::stream).max().orElseThrow();
        if (logScale && low <= 0) {
            throw new IllegalArgumentException("a log scale needs positive values; the smallest is " + low);
        }
        double from = logScale ? Math.log10(low) : low;
        double width = (((logScale ? Math.log10(high) : high) - from) / bins) * (1 + 1e-9);
        XYChart chart = Plots.xy(title, xLabel, "share of the set (%)", Plots.WIDTH, Plots.HEIGHT);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setXAxisLogarithmic(logScale);
        if (!logScale) {
            Plots.roundXAxis(chart, low, high);
        }
        for (var entry : series.entrySet()) {
            double[] counts = new double[bins];
            for (double v : entry.getValue()) {
                counts[(int) Math.min(bins - 1, Math.floor(((logScale ? Math.log10(v) : v) - from) / width))]++;
            }
            // A step outline: each bin's height drawn from its left edge to its right edge.
            double[] xs = new double[2 * bins];
            double[] ys = new double[2 * bins];
            for (int b = 0; b < bins; b++) {
                for (int side = 0; side < 2; side++) {
                    double edge = from + (b + side) * width;
                    xs[2 * b + side] = logScale ? Math.pow(10, edge) : edge;
                    ys[2 * b + side] = 100 * counts[b] / entry.getValue().length;
                }
            }
            chart.addSeries(entry.getKey(), xs, ys).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }
}
