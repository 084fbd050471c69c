package unsupervised.plots;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Histogram axes end on round numbers, so the ticks that XChart counts from the axis minimum are round too. */
class AxisTicksTest {
    private static Map<String, double[]> scores() {
        var series = new LinkedHashMap<String, double[]>();
        series.put("normal", new double[]{0.0001, 0.004, 0.02});
        series.put("anomalous", new double[]{0.03, 0.4, 1.5577});
        return series;
    }

    @Test
    void histogramOfDataStartsAndEndsOnRoundNumbers() {
        var styler = Histograms.of("scores", "score", scores(), 40, false).getStyler();
        assertEquals(0.0, styler.getXAxisMin(), 1e-12);
        assertEquals(1.6, styler.getXAxisMax(), 1e-12);
        assertEquals(Locale.ROOT, styler.getLocale());
    }

    @Test
    void histogramOnGivenRangeKeepsRoundEnds() {
        var styler = Plots.histogram("scores", "score", scores(), 30, 0.0037, 0.2737, false).getStyler();
        assertEquals(0.0, styler.getXAxisMin(), 1e-12);
        assertEquals(0.28, styler.getXAxisMax(), 1e-12);
    }

    @Test
    void logScaleHistogramIsLeftToXChart() {
        assertEquals(null, Histograms.of("scores", "score", scores(), 40, true).getStyler().getXAxisMin());
    }
}
