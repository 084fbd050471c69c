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
    /** Epoch, loss, validation loss, seconds since training started: the last epoch's numbers. */
    private double[] last;

    Progress(int plannedEpochs, boolean hasValidation) {
        this.plannedEpochs = plannedEpochs;
        this.hasValidation = hasValidation;
        this.live = LiveOutput.show("training: epoch 1/" + plannedEpochs + " running",
                html(0, "epoch 1/" + plannedEpochs + " running"));
        this.lastRefresh = System.nanoTime();
    }

    void epochEnded(int epoch, double loss, double validationLoss, double elapsedSeconds) {
        last = new double[] {epoch, loss, validationLoss, elapsedSeconds};
        if (live.isEmpty()) {
            int every = Math.max(1, (int) Math.ceil(plannedEpochs / (double) MAX_LINES));
            if (epoch == 1 || epoch % every == 0 || epoch == plannedEpochs) {
                System.out.println(describe(false));
            }
        } else if (epoch == plannedEpochs || System.nanoTime() - lastRefresh >= MIN_REFRESH_NANOS) {
            refresh(false);
        }
    }

    /** Shows the last epoch's numbers for good, without a time left, however the run ended. */
    void finish() {
        if (live.isPresent() && last != null) {
            refresh(true);
        }
    }

    private void refresh(boolean finished) {
        String text = describe(finished);
        live.get().update(text, html((int) last[0], text));
        lastRefresh = System.nanoTime();
    }

    private String describe(boolean finished) {
        int epoch = (int) last[0];
        double elapsed = last[3];
        String end = finished && epoch < plannedEpochs ? " (stopped before epoch " + plannedEpochs + ")"
                : finished || epoch == plannedEpochs ? ""
                : ", about " + duration(elapsed / epoch * (plannedEpochs - epoch)) + " left";
        return String.format(Locale.ROOT, "epoch %3d/%d  loss %.5f%s  %s elapsed%s", epoch, plannedEpochs, last[1],
                hasValidation ? String.format(Locale.ROOT, "  val_loss %.5f", last[2]) : "", duration(elapsed), end);
    }

    private String html(int epoch, String text) {
        return "<div class=\"unsupervised-progress\" style=\"font-family:monospace;white-space:pre\">"
                + "<progress value=\"" + epoch + "\" max=\"" + plannedEpochs + "\" style=\"width:12em;vertical-align:middle\">"
                + "</progress> " + text + "</div>";
    }

    private static String duration(double seconds) {
        long whole = (long) seconds;
        return seconds < 90 ? String.format(Locale.ROOT, "%.1f s", seconds)
                : whole < 5400 ? String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60)
                : String.format(Locale.ROOT, "%d h %02d min", whole / 3600, whole % 3600 / 60);
    }
}
