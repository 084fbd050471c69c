package unsupervised.report;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import unsupervised.notebook.TableHtml;

import java.io.IOException;
import java.io.InputStream;
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

/**
 * Writes the report's index.html: one row per executed notebook (linked, with its run time and status) and the
 * date, versions and machine the run used. Reads {@code runs.tsv}, which the notebook executor appends to.
 *
 * <pre>java -cp ... unsupervised.report.ReportIndex REPORT_DIR PROFILE</pre>
 */
public final class ReportIndex {
    public static final String RUNS = "runs.tsv";

    /** One executed notebook, as recorded by the executor. */
    public record Run(String name, String title, double seconds, String status, String error) {
        static Run parse(String line) {
            String[] f = line.split("\t", -1);
            if (f.length < 5) {
                throw new IllegalArgumentException("not a run record (5 tab-separated fields): " + line);
            }
            return new Run(f[0], f[1], Double.parseDouble(f[2]), f[3], f[4]);
        }
    }

    private ReportIndex() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ReportIndex REPORT_DIR PROFILE");
            System.exit(2);
        }
        Path index = write(Path.of(args[0]), args[1], environment());
        System.out.println("report: " + index.toAbsolutePath());
    }

    public static Path write(Path reportDir, String profile, Map<String, String> environment) throws IOException {
        List<Run> runs = Files.readAllLines(reportDir.resolve(RUNS), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).map(Run::parse).toList();
        Table table = Table.create("notebooks",
                StringColumn.create("notebook", runs.stream().map(Run::name)),
                StringColumn.create("title", runs.stream().map(Run::title)),
                DoubleColumn.create("minutes", runs.stream().mapToDouble(r -> Math.round(r.seconds() / 6) / 10.0)),
                StringColumn.create("status", runs.stream().map(r -> r.error().isEmpty() ? r.status()
                        : r.status() + ": " + r.error())));
        String rows = TableHtml.of(table);
        for (Run run : runs) {
            rows = rows.replace("<td>" + run.name() + "</td>",
                    "<td><a href=\"" + run.name() + ".html\">" + run.name() + "</a></td>");
        }
        double total = runs.stream().mapToDouble(Run::seconds).sum();
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<title>Unsupervised backpropagation in Java: report</title><style>"
                + "body{font-family:sans-serif;max-width:60em;margin:2em auto}"
                + "table{border-collapse:collapse}td,th{padding:.3em .6em;text-align:left}</style></head><body>"
                + "<h1>Unsupervised backpropagation in Java</h1>");
        html.append("<p>Every notebook below was executed top to bottom in a fresh kernel, profile <b>")
                .append(profile).append("</b>, total ").append(String.format(Locale.ROOT, "%.1f", total / 60)).append(" minutes.</p>")
                .append(rows).append("<h2>Run</h2><table border=\"1\">");
        environment.forEach((key, value) -> html.append("<tr><th>").append(key).append("</th><td>").append(value)
                .append("</td></tr>"));
        html.append("</table></body></html>\n");
        return Files.writeString(reportDir.resolve("index.html"), html);
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
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
