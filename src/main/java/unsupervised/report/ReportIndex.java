package unsupervised.report;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static unsupervised.notebook.TableHtml.escape;

/**
 * Writes the report's index.html (a link to the results page first, then one row per executed notebook: linked,
 * with its run time, when it ran, its settings and its status; a failure names its cell and error), and the
 * results page ({@link ResultsPage}). Reads the {@code NAME.run.json} records that execute_notebook.py writes beside
 * each executed notebook, so notebooks skipped as up to date keep the entry of the run that made them, and the
 * {@value #SCHEDULE} run_notebooks.sh writes: this run's wall time, how many notebooks ran at once with how many
 * threads each, and when each started and how long it took.
 *
 * <pre>java -cp ... unsupervised.report.ReportIndex REPORT_DIR PROFILE</pre>
 */
public final class ReportIndex {
    public static final String RUN_SUFFIX = ".run.json";
    public static final String SCHEDULE = "schedule.json";

    /**
     * One executed notebook, as execute_notebook.py recorded it: status is ok, failed or timeout; {@code cell} and
     * {@code error} say where and why it stopped (null when it did not); {@code settings} are its UNSUPERVISED_*
     * settings.
     */
    public record Run(String name, String title, double seconds, String status, String cell, String error,
                      String finished, String settings) {
        public boolean ok() {
            return status.equals("ok");
        }

        static Run read(Path file) {
            try {
                JsonNode n = new ObjectMapper().readTree(file.toFile());
                return new Run(n.path("name").asText(), n.path("title").asText(), n.path("seconds").asDouble(),
                        n.path("status").asText("unknown"), text(n.get("cell")), text(n.get("error")),
                        n.path("finished").asText(""), n.path("stamp").path("settings").asText(""));
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable run record " + file, e);
            }
        }

        static String text(JsonNode node) {
            return node == null || node.isNull() ? null : node.asText();
        }
    }

    /**
     * What one invocation of run_notebooks.sh did: its wall time, the notebooks run at once ({@code jobs}) and the
     * OpenMP threads of each (and where that number came from), the signal that stopped it (null when none), and per
     * notebook of this run when it started, how long it took (seconds after the start) and whether it ran or was
     * kept as up to date.
     */
    public record Schedule(String started, double seconds, int jobs, int threads, String threadsFrom, String stopped,
                           Map<String, Slot> notebooks) {
        public record Slot(double started, double seconds, String result, boolean ran) {
        }

        /** The schedule in the report folder, or null when there is none (a report from before schedules). */
        static Schedule read(Path reportDir) {
            Path file = reportDir.resolve(SCHEDULE);
            if (!Files.exists(file)) {
                return null;
            }
            try {
                JsonNode n = new ObjectMapper().readTree(file.toFile());
                Map<String, Slot> slots = new LinkedHashMap<>();
                for (JsonNode slot : n.path("notebooks")) {
                    slots.put(slot.path("name").asText(), new Slot(slot.path("started").asDouble(),
                            slot.path("seconds").asDouble(), slot.path("result").asText(), slot.path("ran").asBoolean()));
                }
                return new Schedule(n.path("started").asText(), n.path("seconds").asDouble(), n.path("jobs").asInt(),
                        n.path("threads").asInt(), n.path("threads_from").asText(), Run.text(n.get("stopped")), slots);
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable schedule " + file + " (written by run_notebooks.sh)", e);
            }
        }
    }

    private ReportIndex() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ReportIndex REPORT_DIR PROFILE");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        write(dir, args[1], environment());
        for (Run run : runs(dir)) {
            System.out.printf(Locale.ROOT, "%-45s %7.1f min  %s%n", run.name(), run.seconds() / 60,
                    run.ok() ? "ok" : run.status() + " in " + run.cell());
        }
        Schedule schedule = Schedule.read(dir);
        if (schedule != null) {
            System.out.printf(Locale.ROOT, "wall time %s: %d at a time, %d thread(s) each (%s)%n",
                    clock(schedule.seconds()), schedule.jobs(), schedule.threads(), schedule.threadsFrom());
        }
    }

    /** Every run record in the report folder, in notebook order. */
    public static List<Run> runs(Path reportDir) throws IOException {
        try (Stream<Path> files = Files.list(reportDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(RUN_SUFFIX)).sorted().map(Run::read).toList();
        }
    }

    /** Writes index.html and the results page; returns the index. */
    public static Path write(Path reportDir, String profile, Map<String, String> environment) throws IOException {
        List<Run> runs = runs(reportDir);
        if (runs.isEmpty()) {
            throw new IllegalStateException("no notebook run records (*" + RUN_SUFFIX + ") in " + reportDir);
        }
        ResultsPage.write(reportDir, runs);
        double total = runs.stream().mapToDouble(Run::seconds).sum();
        long failed = runs.stream().filter(r -> !r.ok()).count();
        Schedule schedule = Schedule.read(reportDir);
        StringBuilder html = new StringBuilder(head("Unsupervised backpropagation in Java: report"))
                .append("<h1>Unsupervised backpropagation in Java</h1>")
                .append("<p><b><a href=\"").append(ResultsPage.HTML).append("\">Results</a></b>: every headline ")
                .append("number beside the articles' (also as <a href=\"").append(ResultsPage.CSV)
                .append("\">CSV</a>).</p>")
                .append("<p>Every notebook below was executed top to bottom in a fresh kernel, profile <b>")
                .append(escape(profile)).append("</b>; their run times add up to ")
                .append(String.format(Locale.ROOT, "%.1f", total / 60)).append(" minutes")
                .append(failed == 0 ? "." : "; <b>" + failed + " failed</b>.").append("</p>")
                .append(schedule == null ? "" : scheduleLine(schedule))
                .append("<table border=\"1\"><thead><tr><th>notebook</th><th>title</th><th>minutes</th>")
                .append(schedule == null ? "" : "<th>this run</th>")
                .append("<th>ran at (UTC)</th><th>settings</th><th>status</th></tr></thead><tbody>");
        for (Run run : runs) {
            html.append("<tr><td><a href=\"").append(run.name()).append(".html\">").append(escape(run.name()))
                    .append("</a></td><td>").append(escape(run.title())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f", run.seconds() / 60)).append("</td><td>")
                    .append(schedule == null ? "" : slot(schedule.notebooks().get(run.name())) + "</td><td>")
                    .append(escape(run.finished().replace('T', ' ').replace("+00:00", ""))).append("</td><td>")
                    .append(escape(run.settings())).append("</td><td>").append(status(run)).append("</td></tr>");
        }
        html.append("</tbody></table><h2>Run</h2><table border=\"1\">");
        environment.forEach((key, value) -> html.append("<tr><th>").append(escape(key)).append("</th><td>")
                .append(escape(value)).append("</td></tr>"));
        html.append("</table></body></html>\n");
        return Files.writeString(reportDir.resolve("index.html"), html);
    }

    /** This run as a whole: its wall time, jobs and threads, and how many notebooks ran or were kept. */
    static String scheduleLine(Schedule schedule) {
        long ran = schedule.notebooks().values().stream().filter(Schedule.Slot::ran).count();
        long kept = schedule.notebooks().size() - ran;
        return String.format(Locale.ROOT, "<p id=\"schedule\">This run (started %s UTC) took <b>%s wall time</b>: "
                        + "%d notebook%s at a time, each with %d OpenMP thread%s (%s); %d notebook%s ran%s%s.</p>",
                escape(schedule.started().replace('T', ' ').replace("Z", "")), clock(schedule.seconds()),
                schedule.jobs(), schedule.jobs() == 1 ? "" : "s", schedule.threads(),
                schedule.threads() == 1 ? "" : "s", escape(schedule.threadsFrom()), ran, ran == 1 ? "" : "s",
                kept == 0 ? "" : ", " + kept + " up to date kept their last run",
                schedule.stopped() == null ? "" : "; <b>stopped by " + escape(schedule.stopped()) + "</b>");
    }

    /** When a notebook started in this run and how long it took, or that this run did not run it. */
    private static String slot(Schedule.Slot slot) {
        if (slot == null) {
            return "not in this run";
        }
        return slot.ran() ? "started at +" + clock(slot.started()) + ", took " + clock(slot.seconds())
                + (slot.result().equals("ok") ? "" : " (" + escape(slot.result()) + ")")
                : "up to date, kept";
    }

    /** m:ss, or h:mm:ss from an hour. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** ok, or what failed where, with the error under it. */
    private static String status(Run run) {
        if (run.ok()) {
            return "ok";
        }
        return "<b>" + escape(run.status().toUpperCase(Locale.ROOT)) + "</b> in " + escape(String.valueOf(run.cell()))
                + (run.error() == null ? "" : "<pre>" + escape(run.error()) + "</pre>");
    }

    static String head(String title) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title><style>"
                + "body{font-family:sans-serif;max-width:70em;margin:2em auto}table{border-collapse:collapse}"
                + "td,th{padding:.3em .6em;text-align:left;vertical-align:top}pre{white-space:pre-wrap;margin:.3em 0}"
                + "</style></head><body>";
    }

    /** Date, versions and machine, as this JVM sees them. */
    public static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("date", ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
        env.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        env.put("Deeplearning4j", mavenVersion("org.deeplearning4j", "deeplearning4j-nn"));
        env.put("ND4J backend", mavenVersion("org.nd4j", "nd4j-native"));
        env.put("Tablesaw", mavenVersion("tech.tablesaw", "tablesaw-core"));
        env.put("XChart", mavenVersion("org.knowm.xchart", "xchart"));
        env.put("Jupyter kernel", System.getProperty("unsupervised.kernel", "unknown"));
        env.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        env.put("memory", String.format(Locale.ROOT, "%.1f GiB", os.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
        return env;
    }

    private static String mavenVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = ReportIndex.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
