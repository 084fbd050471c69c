package unsupervised.course;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import unsupervised.report.Results;
import unsupervised.training.History;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A study's numbers, read from {@code notebooks/measured/NAME.json}: a run the report cannot afford (see
 * {@link Caps}), measured once with the command, commit and machine the file names. A notebook shows them labelled
 * as such, never as its own run's. A study never run in this checkout reads as empty: its tables have no rows and
 * {@link #note()} says which command measures it, so a notebook runs the same cells either way.
 *
 * @param name      the study's file name without {@code .json}
 * @param arguments the arguments of {@code src/scripts/caps.sh} that write it
 * @param data      the file's fields; empty if there is no file
 */
public record Measured(String name, String arguments, Map<String, Object> data) {

    /** The study {@code name}, written by {@code caps.sh ARGUMENTS}, from {@link Profile#measuredDirectory()}. */
    public static Measured of(String name, String arguments) {
        return of(Profile.measuredDirectory(), name, arguments);
    }

    /** The study {@code name} from {@code directory}; empty if there is no such file. */
    public static Measured of(Path directory, String name, String arguments) {
        Path file = directory.resolve(name + ".json");
        if (!Files.isRegularFile(file)) {
            return new Measured(name, arguments, Map.of());
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = ModelStore.JSON.readValue(file.toFile(), Map.class);
            return new Measured(name, arguments, data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the measured study " + file + ": run `bash src/scripts/caps.sh "
                    + arguments + "` again to rewrite it (a finished study rewrites its file in seconds)", e);
        }
    }

    /** Whether the study's file exists. */
    public boolean measured() {
        return !data.isEmpty();
    }

    /**
     * Where the numbers come from: "deep-epochs: measured by `bash src/scripts/caps.sh deep-epochs 200` at commit
     * c0ffee1, 2026-12-03, 2 cores, CPU (2 h 14 min this run)"; or how to measure a study never run.
     */
    public String note() {
        if (!measured()) {
            return name + ": not measured in this checkout; `bash src/scripts/caps.sh " + arguments + "` writes "
                    + "notebooks/measured/" + name + ".json (hours on 2 cores; a stopped run resumes)";
        }
        double seconds = number("this_run_seconds");
        String finished = String.valueOf(data.getOrDefault("finished", "?"));
        String settings = text("settings");  // a study made in another profile than the full one says so
        return String.format(Locale.ROOT, "%s: measured by `%s`%s at commit %s, %s, %s (%s)", name,
                data.get("command"), settings.isEmpty() || settings.equals("profile full") ? "" : " (" + settings + ")",
                data.get("commit"), finished.length() >= 10 ? finished.substring(0, 10) : finished,
                data.get("machine"), Double.isNaN(seconds) ? "time not recorded" : duration(seconds) + " this run");
    }

    /** A number at {@code path} (nested field names), NaN where it is absent. */
    public double number(String... path) {
        return at(path) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The text at {@code path} (nested field names), empty where it is absent. */
    public String text(String... path) {
        Object value = at(path);
        return value == null || value instanceof Map<?, ?> || value instanceof List<?> ? "" : value.toString();
    }

    /** The numbers of a list at {@code path} (say, one per seed); none where it is absent. */
    public double[] numbers(String... path) {
        return at(path) instanceof List<?> list ? list.stream().mapToDouble(v -> v instanceof Number n ? n.doubleValue()
                : Double.NaN).toArray() : new double[0];
    }

    /**
     * A field of each record in a list: the last name is the field, the names before it the list's path (say,
     * {@code column("sigmoid code", "dec_updates", "ACC")} for DEC's accuracy at each of its target updates); NaN where
     * a record lacks the field, none where the path leads to no list.
     *
     * @throws IllegalArgumentException if fewer than two names are given (a list's path and a field)
     */
    public double[] column(String... listThenField) {
        if (listThenField.length < 2) {
            throw new IllegalArgumentException("column needs a list's path and a field, got "
                    + Arrays.toString(listThenField));
        }
        String field = listThenField[listThenField.length - 1];
        return at(Arrays.copyOf(listThenField, listThenField.length - 1)) instanceof List<?> records
                ? records.stream().mapToDouble(record -> record instanceof Map<?, ?> map
                    && map.get(field) instanceof Number n ? n.doubleValue() : Double.NaN).toArray()
                : new double[0];
    }

    /** The per-epoch history the study recorded (no epochs if it was never measured). */
    public History history() {
        return measured() ? ModelStore.history(data) : History.of(Map.of(), new double[0]);
    }

    /** One row per epoch at which {@code column} was measured: the epoch and the given columns. */
    public Table marked(String title, String column, String... columns) {
        History history = history();
        double[] marks = history.column(column);
        int[] rows = IntStream.range(0, marks.length).filter(i -> !Double.isNaN(marks[i])).toArray();
        Table table = Table.create(title + (measured() ? " (measured separately)" : " (not measured here)"),
                IntColumn.create("epoch", Arrays.stream(rows).map(i -> i + 1).toArray()));
        for (String name : List.of(columns)) {
            double[] values = history.column(name);
            table.addColumns(DoubleColumn.create(name, Arrays.stream(rows).mapToDouble(i -> values[i])));
        }
        return table;
    }

    /**
     * What a notebook cell shows of the study: the note and {@code table} if it was measured; only the note if not
     * (a table without rows would say nothing).
     */
    public Object show(Table table) {
        if (!measured()) {
            return note();
        }
        System.out.println(note());
        return table;
    }

    /**
     * Records the number at {@code path} in the notebook's {@link Results} as {@code result}, noted as measured
     * separately, with the article's value if it has one (null if not); nothing if the study was never measured.
     */
    public void record(String result, String unit, Double article, String... path) {
        double value = number(path);
        if (measured() && !Double.isNaN(value)) {
            Results.record(result, new double[] {value}, unit, article, "measured separately: " + note());
        }
    }

    /** The value at {@code path} (nested field names), null where it is absent. */
    private Object at(String... path) {
        Object value = data;
        for (String key : path) {
            value = value instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return value;
    }

    private static String duration(double seconds) {
        long minutes = Math.round(seconds / 60);
        return minutes >= 60 ? (minutes / 60) + " h " + (minutes % 60) + " min" : minutes + " min";
    }
}
