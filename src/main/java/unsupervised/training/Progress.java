package unsupervised.training;

import unsupervised.notebook.LiveOutput;

import java.util.Locale;
import java.util.Optional;

/**
 * How a training run reports its epochs: in a notebook, one output replaced in place (a bar, epoch i of n, the losses,
 * time elapsed and left), refreshed at most twice a second and shown in its final state at the end; anywhere else,
 * plain lines, about {@value #MAX_LINES} at most however many epochs run.
 */
final class Progress {
    static final int MAX_LINES = 25;
    private static final long MIN_REFRESH_NANOS = 500_000_000L;

    private final int plannedEpochs;
    private final boolean hasValidation;
    private final Optional<LiveOutput> live;
    private long lastRefresh;
    private String[] unshown;

    Progress(int plannedEpochs, boolean hasValidation) {
        this.plannedEpochs = plannedEpochs;
        this.hasValidation = hasValidation;
        this.live = LiveOutput.show("training: epoch 1/" + plannedEpochs + " running",
                html(0, "epoch 1/" + plannedEpochs + " running"));
        this.lastRefresh = System.nanoTime();
    }

    void epochEnded(int epoch, double loss, double validationLoss, double elapsedSeconds) {
        double left = elapsedSeconds / epoch * (plannedEpochs - epoch);
        String text = String.format(Locale.ROOT, "epoch %3d/%d  loss %.5f%s  %s elapsed%s", epoch, plannedEpochs, loss,
                hasValidation ? String.format(Locale.ROOT, "  val_loss %.5f", validationLoss) : "",
                duration(elapsedSeconds), epoch < plannedEpochs ? ", about " + duration(left) + " left" : "");
        if (live.isEmpty()) {
            int every = Math.max(1, (int) Math.ceil(plannedEpochs / (double) MAX_LINES));
            if (epoch == 1 || epoch % every == 0 || epoch == plannedEpochs) {
                System.out.println(text);
            }
            return;
        }
        unshown = new String[] {text, html(epoch, text)};
        if (epoch == plannedEpochs || System.nanoTime() - lastRefresh >= MIN_REFRESH_NANOS) {
            refresh();
        }
    }

    /** Shows the last epoch's numbers, whether or not the run went to its planned end. */
    void finish() {
        if (unshown != null) {
            refresh();
        }
    }

    private void refresh() {
        live.get().update(unshown[0], unshown[1]);
        unshown = null;
        lastRefresh = System.nanoTime();
    }

    private String html(int epoch, String text) {
        return "<div class=\"unsupervised-progress\" style=\"font-family:monospace;white-space:pre\">"
                + "<progress value=\"" + epoch + "\" max=\"" + plannedEpochs + "\" style=\"width:12em;vertical-align:middle\">"
                + "</progress> " + text + "</div>";
    }

    private static String duration(double seconds) {
        return seconds < 90 ? String.format(Locale.ROOT, "%.1f s", seconds)
                : String.format(Locale.ROOT, "%d min %02d s", (long) seconds / 60, (long) seconds % 60);
    }
}
