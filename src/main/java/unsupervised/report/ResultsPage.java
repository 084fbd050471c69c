package unsupervised.report;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import unsupervised.notebook.TableHtml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static unsupervised.notebook.TableHtml.escape;

/**
 * The report's results page and combined CSV, from the {@code NAME.results.json} files that {@link Results} writes
 * while each notebook runs: first every result compared with an article (the article's value, this run's, mean ±
 * std where there are seeds, and the note on any gap), then each notebook's headline figures and run time. Every
 * row is shown, however long the table (a notebook's display cuts long tables; a report must not).
 */
public final class ResultsPage {
    public static final String HTML = "results.html";
    public static final String CSV = "results.csv";
    public static final String RESULTS_SUFFIX = ".results.json";

    private ResultsPage() {
    }

    /** The results a notebook recorded, in recording order; none when it recorded nothing. */
    public static List<Results.Result> read(Path reportDir, String notebook) throws IOException {
        Path file = reportDir.resolve(notebook + RESULTS_SUFFIX);
        List<Results.Result> results = new ArrayList<>();
        if (!Files.exists(file)) {
            return results;
        }
        for (JsonNode n : new ObjectMapper().readTree(file.toFile())) {
            results.add(new Results.Result(n.path("name").asText(), number(n.get("value")), number(n.get("std")),
                    n.path("runs").asInt(1), n.path("unit").asText(""),
                    n.hasNonNull("article") ? n.get("article").asDouble() : null, n.path("note").asText("")));
        }
        return results;
    }

    /** JSON null stands for NaN or infinity (JSON has neither). */
    private static double number(JsonNode node) {
        return node == null || node.isNull() ? Double.NaN : node.asDouble();
    }

    /** One row per result of every notebook: what the CSV holds and both parts of the page are cut from. */
    public static Table combined(Path reportDir, List<ReportIndex.Run> runs) throws IOException {
        Table all = Results.table(List.of()).insertColumn(0, StringColumn.create("notebook"));
        for (ReportIndex.Run run : runs) {
            Table mine = Results.table(read(reportDir, run.name()));
            all.append(mine.insertColumn(0, StringColumn.create("notebook",
                    Collections.nCopies(mine.rowCount(), run.name()))));
        }
        return all.setName("results");
    }

    public static void write(Path reportDir, List<ReportIndex.Run> runs) throws IOException {
        Table all = combined(reportDir, runs);
        all.write().csv(reportDir.resolve(CSV).toFile());

        // A note is the reason for a gap, so a result with a note but no article value (the article states
        // something without a number) belongs with the comparison too.
        Table compared = all.where(all.doubleColumn("article").isNotMissing().or(all.stringColumn("note").isNotEqualTo("")));
        StringBuilder html = new StringBuilder(ReportIndex.head("Results"))
                .append("<h1>Results</h1><p><a href=\"index.html\">Report index</a> · <a href=\"").append(CSV)
                .append("\">all results as CSV</a>. Every number below was recorded by the notebook that computed it ")
                .append("(<code>unsupervised.report.Results</code>) in this run; where a result is the mean of several ")
                .append("runs (seeds), <i>std</i> is their sample standard deviation and <i>runs</i> their number.</p>")
                .append("<h2>The articles' numbers beside this run's</h2>");
        html.append(compared.isEmpty() ? "<p>No result of this run has an article value yet.</p>"
                : TableHtml.whole(compared.selectColumns("notebook", "result", "article", "value", "std", "runs", "unit",
                "note").setName("the article's value, this run's (mean ± std over runs) and the reason for any gap")));
        html.append("<h2>Each notebook's figures</h2>");
        for (ReportIndex.Run run : runs) {
            html.append("<h3><a href=\"").append(run.name()).append(".html\">").append(escape(run.title()))
                    .append("</a></h3><p>").append(String.format(Locale.ROOT, "run time %.1f minutes", run.seconds() / 60))
                    .append(run.ok() ? "" : "; <b>" + escape(run.status()) + "</b> in "
                            + escape(String.valueOf(run.cell())) + ": the results up to that cell")
                    .append("</p>");
            Table mine = all.where(all.stringColumn("notebook").isEqualTo(run.name()));
            html.append(mine.isEmpty() ? "<p>This notebook records no results.</p>"
                    : TableHtml.whole(mine.selectColumns("result", "value", "std", "runs", "unit", "article", "note")
                    .setName(run.name())));
        }
        Files.writeString(reportDir.resolve(HTML), html.append("</body></html>\n"));
    }
}
