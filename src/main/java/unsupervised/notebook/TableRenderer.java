package unsupervised.notebook;

import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import tech.tablesaw.api.Table;

/** Renders a Tablesaw {@link Table} as HTML, with a plain-text fallback. */
public final class TableRenderer implements DisplayRenderer {

    @Override
    public Class<?> rendererClass() {
        return Table.class;
    }

    @Override
    public boolean canRender(String mimeType) {
        return true;
    }

    @Override
    public DisplayData render(String mimeType, Object o) {
        Table table = (Table) o;
        DisplayData data = DisplayData.fromText(table.print());
        data.putHTML(TableHtml.of(table));
        return data;
    }
}
