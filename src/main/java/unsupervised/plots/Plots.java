package unsupervised.plots;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;

/** The charts the notebooks draw, with one consistent look. */
public final class Plots {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 420;

    private Plots() {
    }

    static XYChart xy(String title, String xLabel, String yLabel, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE).setChartBackgroundColor(Color.WHITE)
                .setMarkerSize(5).setLocale(Locale.ROOT);  // tick labels read the same on every machine
        return chart;
    }

    /**
     * Points coloured by group: columns 0 and 1 of {@code points} are x and y, {@code groups[i]} indexes
     * {@code groupNames}.
     */
    public static XYChart scatter(String title, String xLabel, String yLabel, INDArray points, int[] groups,
                                  List<String> groupNames) {
        XYChart chart = xy(title, xLabel, yLabel, WIDTH, HEIGHT);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        for (int g = 0; g < groupNames.size(); g++) {
            final int group = g;
            int[] rows = IntStream.range(0, groups.length).filter(i -> groups[i] == group).toArray();
            if (rows.length == 0) {
                continue;
            }
            double[] xs = IntStream.of(rows).mapToDouble(i -> points.getDouble(i, 0)).toArray();
            double[] ys = IntStream.of(rows).mapToDouble(i -> points.getDouble(i, 1)).toArray();
            chart.addSeries(groupNames.get(g), xs, ys).setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /** Adds a few highlighted points (e.g. blob centers) to a scatter chart. */
    public static XYChart mark(XYChart chart, String name, double[][] points, Color color) {
        double[] xs = java.util.Arrays.stream(points).mapToDouble(p -> p[0]).toArray();
        double[] ys = java.util.Arrays.stream(points).mapToDouble(p -> p[1]).toArray();
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.DIAMOND)
                .setMarkerColor(color);
        return chart;
    }

    /**
     * One line per named series against 1, 2, 3, ... (epochs, usually). The legend keeps the order of an ordered
     * map and sorts an unordered one such as {@code Map.of}, so it reads the same on every run.
     */
    public static XYChart lines(String title, String xLabel, String yLabel, Map<String, double[]> series) {
        XYChart chart = xy(title, xLabel, yLabel, WIDTH, HEIGHT);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarkerSize(4);
        boolean ordered = series instanceof LinkedHashMap || series instanceof SortedMap;
        (ordered ? series : new TreeMap<>(series)).forEach((name, ys) -> chart.addSeries(name,
                IntStream.rangeClosed(1, ys.length).asDoubleStream().toArray(), ys));
        return chart;
    }

    /** As {@link #lines(String, String, String, Map)}, against the given x values (iterations, say). */
    public static XYChart lines(String title, String xLabel, String yLabel, double[] x, Map<String, double[]> series) {
        XYChart chart = xy(title, xLabel, yLabel, WIDTH, HEIGHT);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarkerSize(4);
        series.forEach((name, ys) -> chart.addSeries(name, x, ys));
        return chart;
    }

    /**
     * Histograms of several sets of values over the same {@code bins} equal bins from {@code min} to {@code max},
     * drawn as lines of the share of values per bin so that sets of different sizes compare.
     */
    public static XYChart histogram(String title, String xLabel, Map<String, double[]> values, int bins, double min,
                                    double max, boolean logShare) {
        XYChart chart = xy(title, xLabel, logShare ? "share of values (log)" : "share of values", WIDTH, HEIGHT);
        chart.getStyler().setYAxisLogarithmic(logShare);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarkerSize(4);
        roundXAxis(chart, min, max);
        double width = (max - min) / bins;
        double[] centres = IntStream.range(0, bins).mapToDouble(b -> min + (b + 0.5) * width).toArray();
        values.forEach((name, v) -> {
            double[] share = new double[bins];
            for (double x : v) {
                share[Math.min(bins - 1, Math.max(0, (int) ((x - min) / width)))] += 1.0 / v.length;
            }
            // A log axis cannot show empty bins; they are drawn at a floor below any single value's share.
            double floor = 0.1 / v.length;
            chart.addSeries(name, centres, logShare ? java.util.Arrays.stream(share).map(s -> Math.max(s, floor))
                    .toArray() : share).setMarker(SeriesMarkers.CIRCLE);
        });
        return chart;
    }

    /**
     * Puts the x axis's ends on round numbers around [low, high]. XChart starts its ticks at the axis minimum, so
     * an axis that starts at a data value such as 0.0037 gets ticks .0037, .0338, ... instead of 0, 0.05, ...
     */
    static void roundXAxis(XYChart chart, double low, double high) {
        if (!(high > low)) {
            return;
        }
        double step = Math.pow(10, Math.floor(Math.log10(high - low)) - 1);
        chart.getStyler().setXAxisMin(Math.floor(low / step) * step).setXAxisMax(Math.ceil(high / step) * step);
    }

    /** Named points (x, y), each its own legend entry, e.g. one per setting of a trade-off; log axes on demand. */
    public static XYChart points(String title, String xLabel, String yLabel, Map<String, double[]> points,
                                 boolean logX, boolean logY) {
        XYChart chart = xy(title, xLabel, yLabel, WIDTH, HEIGHT);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarkerSize(10);
        points.forEach((name, p) -> chart.addSeries(name, new double[]{p[0]}, new double[]{p[1]})
                .setMarker(SeriesMarkers.CIRCLE));
        return chart;
    }

    /**
     * Means with error bars of one standard deviation, one line per group, from a summary table such as Tablesaw's
     * {@code table.summarize(y, mean, stdDev).by(group, x)}; x on a log axis (label counts, data sizes).
     */
    public static XYChart meanAndSpread(String title, String xLabel, String yLabel, Table summary, String group,
                                        String x, String mean, String std) {
        XYChart chart = xy(title, xLabel, yLabel, WIDTH, HEIGHT);
        chart.getStyler().setXAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.InsideNW)
                .setMarkerSize(7);
        for (Table rows : summary.splitOn(group).asTableList()) {
            Table sorted = rows.sortAscendingOn(x);
            chart.addSeries(sorted.getString(0, group), sorted.numberColumn(x).asDoubleArray(),
                    sorted.numberColumn(mean).asDoubleArray(),
                    java.util.Arrays.stream(sorted.numberColumn(std).asDoubleArray()).map(v -> Double.isNaN(v) ? 0 : v)
                            .toArray())
                    .setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /**
     * DL4J's confusion matrix as a heat map, counts written in the cells. The colour scale stops at the largest
     * off-diagonal count, so the mistakes stand out instead of drowning next to the diagonal.
     */
    public static HeatMapChart confusion(String title, Evaluation evaluation, List<String> classNames) {
        var matrix = evaluation.getConfusionMatrix();
        List<Number[]> cells = new ArrayList<>();
        int largestError = 1;
        for (int actual = 0; actual < classNames.size(); actual++) {
            for (int predicted = 0; predicted < classNames.size(); predicted++) {
                int count = matrix.getCount(actual, predicted);
                cells.add(new Number[]{predicted, actual, count});
                if (actual != predicted) {
                    largestError = Math.max(largestError, count);
                }
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(HEIGHT + 120).height(HEIGHT + 60).title(title)
                .xAxisTitle("predicted").yAxisTitle("actual").build();
        chart.getStyler().setShowValue(true).setMin(0).setMax(largestError)
                .setRangeColors(new Color[]{Color.WHITE, new Color(0xFDAE61), new Color(0xD7191C)})
                .setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10))
                .setXAxisTickMarkSpacingHint(10).setYAxisTickMarkSpacingHint(10)
                .setChartBackgroundColor(Color.WHITE).setLegendVisible(false).setLocale(Locale.ROOT);
        if (classNames.stream().anyMatch(name -> name.length() > 2)) {
            chart.getStyler().setXAxisLabelRotation(45);
        }
        chart.addSeries("count", classNames, classNames, cells);
        return chart;
    }

    /** Charts side by side in one image, for comparisons a reader takes in at a glance. */
    public static BufferedImage row(Chart<?, ?>... charts) {
        int width = 0;
        int height = 0;
        for (Chart<?, ?> chart : charts) {
            width += chart.getWidth();
            height = Math.max(height, chart.getHeight());
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int x = 0;
        for (Chart<?, ?> chart : charts) {
            g.drawImage(BitmapEncoder.getBufferedImage(chart), x, 0, null);
            x += chart.getWidth();
        }
        g.dispose();
        return image;
    }
}
