package unsupervised.training;

import unsupervised.notebook.LiveOutput;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a training run reports its epochs (or updates, restarts): in a notebook, one output replaced in place (a bar,
 * epoch i of n, the named values, time elapsed and left), refreshed at most twice a second, also between epochs, and
 * shown in its final state at the end; anywhere else, plain lines at epoch ends, about {@value #MAX_LINES} at most
 * however many epochs run.
 */
final class Progress {
    static final int MAX_LINES = 25;
    private static final long MIN_REFRESH_NANOS = 500_000_000L;

    private final String unit;
    private final int planned;
    private final int first;
    private final Optional<LiveOutput> live;
    private long lastRefresh;
    private int epoch;
    private int step;
    private Map<String, Double> values = Map.of();
    private double elapsed;

    /** For a run whose first epoch is {@code first} (after 1 when it resumes from a checkpoint). */
    Progress(String unit, int planned, int first) {
        this.unit = unit;
        this.planned = planned;
        this.first = first;
        String running = (first > 1 ? "resumed after " + unit + " " + (first - 1) + " (checkpoint); " : "")
                + unit + " " + first + "/" + planned + " running";
        this.live = LiveOutput.show("training: " + running, html(first - 1, running));
        if (live.isEmpty() && first > 1) {
            System.out.println("resumed after " + unit + " " + (first - 1) + " of " + planned + " (checkpoint)");
        }
        this.lastRefresh = System.nanoTime();
    }

    /** Mid-epoch, in a notebook only: the running means of the epoch's steps so far. */
    void stepDone(int epoch, int step, Map<String, Double> runningMeans, double elapsedSeconds) {
        if (live.isPresent() && System.nanoTime() - lastRefresh >= MIN_REFRESH_NANOS) {
            this.epoch = epoch;
            this.step = step;
            this.values = runningMeans;
            this.elapsed = elapsedSeconds;
            refresh(false);
        }
    }

    void epochEnded(int epoch, Map<String, Double> values, double elapsedSeconds) {
        this.epoch = epoch;
        this.step = 0;
        this.values = values;
        this.elapsed = elapsedSeconds;
        if (live.isEmpty()) {
            int every = Math.max(1, (int) Math.ceil(planned / (double) MAX_LINES));
            if (epoch == first || epoch % every == 0 || epoch == planned) {
                System.out.println(describe(false));
            }
        } else if (epoch == planned || System.nanoTime() - lastRefresh >= MIN_REFRESH_NANOS) {
            refresh(false);
        }
    }

    /** Shows the last numbers for good, without a time left, however the run ended. */
    void finish() {
        if (live.isPresent() && epoch > 0) {
            refresh(true);
        }
    }

    private void refresh(boolean finished) {
        String text = describe(finished);
        live.get().update(text, html(step == 0 ? epoch : epoch - 1, text));
        lastRefresh = System.nanoTime();
    }

    private String describe(boolean finished) {
        int done = step == 0 ? epoch : epoch - 1;
        String end = finished && epoch < planned ? " (stopped before " + unit + " " + planned + ")"
                : finished || done == planned ? ""
                : done < first ? "" : ", about " + duration(elapsed / (done - first + 1) * (planned - done)) + " left";
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s %3d/%d", unit, epoch, planned));
        if (step > 0) {
            text.append(", step ").append(step);
        }
        values.forEach((name, value) -> text.append("  ").append(name).append(' ').append(number(value)));
        return text.append("  ").append(duration(elapsed)).append(" elapsed").append(end).toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, value == Math.rint(value) ? "%.0f" : Math.abs(value) >= 1000 ? "%.1f" : "%.5f",
                value);
    }

    private String html(int done, String text) {
        return "<div class=\"unsupervised-progress\" style=\"font-family:monospace;white-space:pre\">"
                + "<progress value=\"" + done + "\" max=\"" + planned + "\" style=\"width:12em;vertical-align:middle\">"
                + "</progress> " + text + "</div>";
    }

    private static String duration(double seconds) {
        long whole = (long) seconds;
        return seconds < 90 ? String.format(Locale.ROOT, "%.1f s", seconds)
                : whole < 5400 ? String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60)
                : String.format(Locale.ROOT, "%d h %02d min", whole / 3600, whole % 3600 / 60);
    }
}
