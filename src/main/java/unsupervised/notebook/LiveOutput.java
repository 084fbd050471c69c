package unsupervised.notebook;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.display.DisplayData;

import java.util.Optional;
import java.util.UUID;

/**
 * One output of the running cell that is replaced in place as it changes (Jupyter's {@code display_data}, then
 * {@code update_display_data} with the same display id), for progress while a cell runs. Only in the rapaio kernel;
 * anywhere else (unit tests, a plain JVM, another kernel) there is none and the caller prints lines instead. A saved
 * or exported notebook keeps the last state.
 */
public final class LiveOutput {
    private static final boolean IN_RAPAIO_KERNEL = "org.rapaio.jupyter.kernel.MainApp".equals(
            System.getProperty("sun.java.command", "").split(" ", 2)[0]);

    private final String id = UUID.randomUUID().toString();

    private LiveOutput() {
    }

    /** Shows {@code text} (and {@code html} where the front end renders it) in the running cell, if there is one. */
    public static Optional<LiveOutput> show(String text, String html) {
        if (!IN_RAPAIO_KERNEL) {
            return Optional.empty();
        }
        LiveOutput output = new LiveOutput();
        Kernel.display(output.id, text, html, false);
        return Optional.of(output);
    }

    /** Replaces what this output shows. */
    public void update(String text, String html) {
        Kernel.display(id, text, html, true);
    }

    /** The only code touching the kernel's classes, so that nothing else loads them outside the kernel. */
    private static final class Kernel {
        static void display(String id, String text, String html, boolean update) {
            DisplayData data = DisplayData.fromText(text);
            data.putHTML(html);
            data.setDisplayId(id);
            if (update) {
                MainApp.kernel.updateDisplay(data);
            } else {
                MainApp.kernel.display(data);
            }
        }
    }
}
