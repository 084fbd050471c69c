package unsupervised.report;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The headline results of the running notebook: every number its conclusions quote is recorded here, so the
 * prose, the report's results page and the article comparison read the same value. When the notebook runner sets
 * {@code UNSUPERVISED_RESULTS_FILE}, every record rewrites that JSON file at once, so a notebook that fails later
 * keeps what it had already measured; run by hand, the results stay in memory.
 */
public final class Results {
    public static final String FILE_ENV = "UNSUPERVISED_RESULTS_FILE";

    /**
     * One result: the mean of {@code runs} values (1 for a single run) and their sample standard deviation (NaN
     * for one run); {@code article} is the article's value for the same quantity, or null where it has none.
     */
    public record Result(String name, double value, double std, int runs, String unit, Double article,
                         String note) {
        /** "0.612 ± 0.004" over several runs, "0.612" for one, with {@code decimals} digits after the point. */
        public String formatted(int decimals) {
            String number = "%." + decimals + "f";
            return runs > 1 ? String.format(Locale.ROOT, number + " ± " + number, value, std)
                    : String.format(Locale.ROOT, number, value);
        }
    }

    private static final Map<String, Result> RESULTS = new LinkedHashMap<>();

    private Results() {
    }

    /** A single measured value. */
    public static double record(String name, double value, String unit) {
        return record(name, new double[] {value}, unit, null, "");
    }

    /** A single measured value with a note, where the article has no number for it (what it says instead). */
    public static double record(String name, double value, String unit, String note) {
        return record(name, new double[] {value}, unit, null, note);
    }

    /** A single measured value beside the article's, with a one-line note on any difference. */
    public static double record(String name, double value, String unit, double article, String note) {
        return record(name, new double[] {value}, unit, article, note);
    }

    /**
     * The values of repeated runs (seeds), kept as mean and standard deviation; {@code article} may be null.
     * Returns the mean, so a cell can record and use a value in one step. Recording a name again replaces it.
     */
    public static synchronized double record(String name, double[] values, String unit, Double article,
                                             String note) {
        if (values.length == 0) {
            throw new IllegalArgumentException("result '" + name + "' has no values");
        }
        double mean = Arrays.stream(values).average().orElseThrow();
        double std = values.length < 2 ? Double.NaN : Math.sqrt(Arrays.stream(values)
                .map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1));
        RESULTS.put(name, new Result(name, mean, std, values.length, unit, article, note == null ? "" : note));
        String file = System.getProperty("unsupervised.results.file", System.getenv(FILE_ENV));
        if (file != null && !file.isBlank()) {
            write(Path.of(file));
        }
        return mean;
    }

    /** The value recorded under {@code name}, for prose that quotes it. */
    public static synchronized Result get(String name) {
        Result result = RESULTS.get(name);
        if (result == null) {
            throw new IllegalArgumentException("no result named '" + name + "'; recorded: " + RESULTS.keySet());
        }
        return result;
    }

    /** Everything recorded so far, in recording order. */
    public static synchronized Table table() {
        return table(RESULTS.values());
    }

    /** The given results as a table, one row each: result, value, std, runs, unit, article (NaN: none), note. */
    public static Table table(Collection<Result> results) {
        Table table = Table.create("results", StringColumn.create("result"), DoubleColumn.create("value"),
                DoubleColumn.create("std"), IntColumn.create("runs"), StringColumn.create("unit"),
                DoubleColumn.create("article"), StringColumn.create("note"));
        for (Result r : results) {
            table.stringColumn("result").append(r.name());
            table.doubleColumn("value").append(r.value());
            table.doubleColumn("std").append(r.std());
            table.intColumn("runs").append(r.runs());
            table.stringColumn("unit").append(r.unit());
            table.doubleColumn("article").append(r.article() == null ? Double.NaN : r.article());
            table.stringColumn("note").append(r.note());
        }
        return table;
    }

    /** Forgets every result (a test, or a notebook re-run from the top in the same kernel). */
    public static synchronized void clear() {
        RESULTS.clear();
    }

    /** Writes the results as a JSON array; doubles keep every digit so reruns compare exactly. */
    static synchronized void write(Path file) {
        String json = RESULTS.values().stream().map(Results::json)
                .collect(Collectors.joining(",\n  ", "[\n  ", "\n]\n"));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path partial = Files.createTempFile(parent, file.getFileName().toString(), ".part");
            Files.writeString(partial, RESULTS.isEmpty() ? "[]\n" : json, StandardCharsets.UTF_8);
            if (partial.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // a temporary file is private (0600); the report is read by whoever opens it, as its pages are
                Files.setPosixFilePermissions(partial, java.nio.file.attribute.PosixFilePermissions.fromString(
                        "rw-r--r--"));
            }
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the results file " + file + " (" + FILE_ENV + ")", e);
        }
    }

    private static String json(Result r) {
        return "{\"name\": " + quote(r.name()) + ", \"value\": " + number(r.value()) + ", \"std\": "
                + number(r.std()) + ", \"runs\": " + r.runs() + ", \"unit\": " + quote(r.unit())
                + ", \"article\": " + (r.article() == null ? "null" : number(r.article())) + ", \"note\": "
                + quote(r.note()) + "}";
    }

    /** JSON has no NaN or infinity: they are written as null. */
    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c < 0x20 ? String.format(java.util.Locale.ROOT, "\\u%04x", (int) c)
                        : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
