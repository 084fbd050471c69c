package unsupervised.notebook;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.Locale;

/**
 * A Tablesaw table as an HTML table, the way notebooks show data frames: long tables show their first and last
 * rows around an ellipsis row ({@link #whole} shows every row, as a report page must), floating-point numbers are
 * shown to five significant digits (no trailing zeros), and a caption gives the table's name and shape.
 */
public final class TableHtml {
    /** Tables up to this many rows are shown whole; longer ones show {@link #EDGE_ROWS} at each end. */
    static final int MAX_FULL_ROWS = 20;
    static final int EDGE_ROWS = 5;

    private TableHtml() {
    }

    /** The table as a notebook shows it: over {@link #MAX_FULL_ROWS} rows, only the first and last rows. */
    public static String of(Table table) {
        return html(table, table.rowCount() > MAX_FULL_ROWS);
    }

    /** Every row of the table. */
    public static String whole(Table table) {
        return html(table, false);
    }

    private static String html(Table table, boolean cut) {
        StringBuilder html = new StringBuilder("<table class=\"dataframe\" border=\"1\">");
        html.append("<caption style=\"caption-side:bottom;text-align:left\">")
                .append(escape(table.name() == null ? "" : table.name())).append(" (")
                .append(table.rowCount()).append(" rows &times; ").append(table.columnCount())
                .append(" columns)</caption><thead><tr>");
        for (String name : table.columnNames()) {
            html.append("<th>").append(escape(name)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        int rows = table.rowCount();
        for (int row = 0; row < rows; row++) {
            if (cut && row == EDGE_ROWS) {
                html.append("<tr>").append("<td>&hellip;</td>".repeat(table.columnCount())).append("</tr>");
                row = rows - EDGE_ROWS;
            }
            html.append("<tr>");
            for (Column<?> column : table.columns()) {
                html.append("<td>").append(escape(cell(column, row))).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static String cell(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return "";
        }
        // Not column.type() == ColumnType.DOUBLE: a DoubleColumn made before ColumnType's class is initialised holds
        // a different DoubleColumnType instance (notebook 01's first table), so that test fails there.
        if (column instanceof DoubleColumn || column instanceof FloatColumn) {
            double value = ((Number) column.get(row)).doubleValue();
            String text = String.format(Locale.ROOT, "%.5g", value);
            // %g keeps trailing zeros ("5.0000"); a table reads better without them.
            return text.contains(".") && !text.contains("e") ? text.replaceAll("\\.?0+$", "") : text;
        }
        return column.getString(row);
    }

    /** Text safe inside HTML elements: the three characters that would start markup or an entity, escaped. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
