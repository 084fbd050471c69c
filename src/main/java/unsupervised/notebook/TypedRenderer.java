package unsupervised.notebook;

import org.rapaio.jupyter.kernel.display.DisplayData;
import org.rapaio.jupyter.kernel.display.DisplayRenderer;

import java.util.function.Function;

/** Shows every object of one type the same way, whatever MIME type the kernel asks for. */
record TypedRenderer<T>(Class<T> type, Function<T, DisplayData> display) implements DisplayRenderer {

    @Override
    public Class<?> rendererClass() {
        return type;
    }

    @Override
    public boolean canRender(String mimeType) {
        return true;
    }

    @Override
    public DisplayData render(String mimeType, Object o) {
        return display.apply(type.cast(o));
    }
}
