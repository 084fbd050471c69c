package unsupervised.course;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import unsupervised.training.History;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A study's numbers, read from {@code notebooks/measured/NAME.json}: a run the report cannot afford (see
 * {@link Caps}), measured once with the command, commit and machine the file names. A notebook shows them labelled
 * as such, never as its own run's.
 *
 * @param name the study's file name without {@code .json}
 * @param data the file's fields
 */
public record Measured(String name, Map<String, Object> data) {

    /** {@code notebooks/measured/} of the checkout whose support jar runs (the jar is in its {@code target/}). */
    public static Path directory() {
        try {
            Path code = Path.of(Measured.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent().getParent().resolve("notebooks").resolve("measured");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the support jar is", e);
        }
    }

    /** The study {@code name} from {@link #directory()}, or empty if it was never measured in this checkout. */
    public static Optional<Measured> find(String name) {
        return find(directory(), name);
    }

    /** The study {@code name} from {@code directory}; empty if there is no such file. */
    public static Optional<Measured> find(Path directory, String name) {
        Path file = directory.resolve(name + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = ModelStore.JSON.readValue(file.toFile(), Map.class);
            return Optional.of(new Measured(name, data));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the measured study " + file + " (written by "
                    + "src/scripts/caps.sh; run it again to rewrite the file)", e);
        }
    }

    /** What to run to measure a study that {@link #find} did not find. */
    public static String missing(String name, String arguments) {
        return "not measured in this checkout: `bash src/scripts/caps.sh " + arguments + "` writes notebooks/measured/"
                + name + ".json (hours on 2 cores; resumable)";
    }

    /** "measured by `bash src/scripts/caps.sh ...` at commit c0ffee1, 2026-12-03, 2 cores, CPU: 2 h 14 min". */
    public String provenance() {
        double seconds = number("this_run_seconds");
        String finished = String.valueOf(data.getOrDefault("finished", "?"));
        return String.format(Locale.ROOT, "measured by `%s` at commit %s, %s, %s (%s)", data.get("command"),
                data.get("commit"), finished.length() >= 10 ? finished.substring(0, 10) : finished,
                data.get("machine"), Double.isNaN(seconds) ? "time not recorded" : duration(seconds) + " this run");
    }

    /** A number at {@code path} (nested field names), NaN where it is absent. */
    public double number(String... path) {
        Object value = data;
        for (String key : path) {
            value = value instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The per-epoch history the study recorded. */
    public History history() {
        return ModelStore.history(data);
    }

    /** One row per epoch at which {@code column} was measured: the epoch and the given columns. */
    public Table marked(String title, String column, String... columns) {
        History history = history();
        double[] marks = history.column(column);
        int[] rows = IntStream.range(0, marks.length).filter(i -> !Double.isNaN(marks[i])).toArray();
        Table table = Table.create(title, IntColumn.create("epoch", Arrays.stream(rows).map(i -> i + 1).toArray()));
        for (String name : List.of(columns)) {
            double[] values = history.column(name);
            table.addColumns(DoubleColumn.create(name, Arrays.stream(rows).mapToDouble(i -> values[i])));
        }
        return table;
    }

    private static String duration(double seconds) {
        long minutes = Math.round(seconds / 60);
        return minutes >= 60 ? (minutes / 60) + " h " + (minutes % 60) + " min" : minutes + " min";
    }
}
