package unsupervised.notebook;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableHtmlTest {

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void shortTableIsShownWholeWithHeaderCaptionAndRoundedNumbers() {
        Table table = Table.create("results", StringColumn.create("model", "a<b", "c"),
                DoubleColumn.create("mse", 0.123456789, 22.887678146362305));
        String html = TableHtml.of(table);
        assertTrue(html.contains("<th>model</th><th>mse</th>"), html);
        assertTrue(html.contains("<caption"), html);
        assertTrue(html.contains("results (2 rows &times; 2 columns)"), html);
        assertTrue(html.contains("<td>a&lt;b</td><td>0.12346</td>"), html);
        assertTrue(html.contains("<td>22.888</td>"), html);
        assertEquals(3, count(html, "<tr>"), "header + 2 rows");
        assertTrue(TableHtml.of(Table.create("t", DoubleColumn.create("v", 5.0, 1.5e-5, 1200.0)))
                .contains("<td>5</td></tr><tr><td>1.5000e-05</td></tr><tr><td>1200</td>"));
    }

    @Test
    void longTableShowsBothEndsAroundAnEllipsisRow() {
        Table table = Table.create("long", IntColumn.create("i", IntStream.range(0, 1000).toArray()));
        String html = TableHtml.of(table);
        assertEquals(1 + 2 * TableHtml.EDGE_ROWS + 1, count(html, "<tr>"));
        assertTrue(html.contains("<td>0</td>") && html.contains("<td>999</td>") && html.contains("&hellip;"));
        assertFalse(html.contains("<td>500</td>"));
    }

    @Test
    void wholeShowsEveryRowOfALongTable() {
        String html = TableHtml.whole(Table.create("long", IntColumn.create("i", IntStream.range(0, 1000).toArray())));
        assertEquals(1 + 1000, count(html, "<tr>"));
        assertTrue(html.contains("<td>500</td>") && !html.contains("&hellip;"), "no row left out");
        assertTrue(html.contains("long (1000 rows &times; 1 columns)"), html);
    }

    @Test
    void missingValuesAreEmptyCells() {
        DoubleColumn values = DoubleColumn.create("v", 1.0);
        values.appendMissing();
        assertTrue(TableHtml.of(Table.create("t", values)).contains("<tr><td></td></tr>"));
    }

    /** Notebook 01's first table, built in a fresh class loader so Tablesaw's classes initialise in its order. */
    public static String notebook01FirstTable() {
        return TableHtml.of(unsupervised.data.Blobs.make(1000, 2, 2, 42).toTable().first(8));
    }

    @Test
    void notebook01sFirstTableShowsRoundedNumbersWhateverOrderTablesawInitialisedIn() throws Exception {
        // java.class.path may be surefire's manifest-only jar: URLClassLoader follows its Class-Path entries.
        var urls = new java.util.ArrayList<java.net.URL>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            urls.add(java.nio.file.Path.of(entry).toUri().toURL());
        }
        try (var fresh = new java.net.URLClassLoader(urls.toArray(new java.net.URL[0]),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> test = Class.forName(TableHtmlTest.class.getName(), true, fresh);
            assertTrue(test.getClassLoader() == fresh, "the test class must come from the fresh loader");
            var build = test.getMethod("notebook01FirstTable");
            build.setAccessible(true);
            String html = (String) build.invoke(null);
            assertTrue(html.contains("<td>-1.6735</td><td>7.8846</td><td>0</td>"), html);
            assertFalse(html.matches("(?s).*\\d{7,}.*"), "no cell with seven or more digits in a row: " + html);
        }
    }
}
