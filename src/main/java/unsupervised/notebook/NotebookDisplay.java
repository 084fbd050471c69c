package unsupervised.notebook;

import org.rapaio.jupyter.kernel.display.DisplayRenderer;
import org.rapaio.jupyter.kernel.display.DisplayTransformer;
import org.rapaio.jupyter.kernel.display.spi.DisplayProvider;

import java.util.List;

/**
 * Registers, through the kernel's ServiceLoader extension point, how our objects look in a notebook:
 * a Tablesaw table as an HTML table, an XChart chart as a PNG image. A cell can then simply end with
 * {@code table} or {@code chart}.
 */
public final class NotebookDisplay implements DisplayProvider {

    @Override
    public List<DisplayRenderer> getDisplayRenderers() {
        return List.of(new TableRenderer(), new ChartRenderer());
    }

    @Override
    public List<DisplayTransformer> getDisplayTransformers() {
        return List.of();
    }
}
