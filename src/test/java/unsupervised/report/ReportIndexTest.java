package unsupervised.report;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportIndexTest {

    /** A run record as execute_notebook.py writes it. */
    static void run(Path dir, String name, double seconds, String status, String cell, String error)
            throws Exception {
        Files.writeString(dir.resolve(name + ReportIndex.RUN_SUFFIX), "{\"name\": \"" + name + "\", \"title\": \""
                + name.substring(0, 2) + " · T<" + name + ">\", \"seconds\": " + seconds + ", \"status\": \"" + status
                + "\", \"cell\": " + (cell == null ? "null" : "\"" + cell + "\"") + ", \"error\": "
                + (error == null ? "null" : "\"" + error + "\"") + ", \"finished\": \"2026-11-28T20:00:00+00:00\", "
                + "\"stamp\": {\"settings\": \"UNSUPERVISED_PROFILE=full\"}}");
    }

    /** Results recorded the way a notebook records them, into the file the runner names. */
    static void results(Path dir, String name, Runnable records) {
        System.setProperty("unsupervised.results.file", dir.resolve(name + ResultsPage.RESULTS_SUFFIX).toString());
        try {
            records.run();
        } finally {
            Results.clear();
            System.clearProperty("unsupervised.results.file");
        }
    }

    @AfterEach
    void forget() {
        Results.clear();
    }

    @Test
    void indexLinksTheResultsFirstThenEveryNotebookWithItsTimeStatusAndTheMachine(@TempDir Path dir)
            throws Exception {
        run(dir, "01-a", 12, "ok", null, null);
        run(dir, "02-b", 300, "failed", "cell 3 (code cell 2: 'fit')",
                "java.lang.IllegalStateException: training failed\\n  at Training.fit");
        Path index = ReportIndex.write(dir, "full", ReportIndex.environment());
        String html = Files.readString(index);
        assertTrue(html.indexOf("href=\"results.html\"") < html.indexOf("href=\"01-a.html\""), html);
        assertTrue(html.contains("<a href=\"01-a.html\">01-a</a>"), html);
        assertTrue(html.contains("<a href=\"02-b.html\">02-b</a>"), html);
        assertTrue(html.contains("<td>0.2</td>") && html.contains("<td>5.0</td>"), "minutes: " + html);
        assertTrue(html.contains("<b>FAILED</b> in cell 3 (code cell 2: 'fit')<pre>java.lang.IllegalStateException: "
                + "training failed\n  at Training.fit</pre>"), "the failing cell and its error: " + html);
        assertTrue(html.contains("T&lt;01-a&gt;"), "titles are escaped: " + html);
        assertTrue(html.contains("profile <b>full</b>; their run times add up to 5.2 minutes; <b>1 failed</b>"), html);
        for (String key : Map.of("date", 1, "Java", 1, "Deeplearning4j", 1, "CPU", 1, "memory", 1).keySet()) {
            assertTrue(html.contains("<th>" + key + "</th>"), key);
        }
        assertTrue(html.contains("<td>1.0.0-M2.1</td>"), "DL4J version from its jar: " + html);
        assertEquals(List.of("01-a", "02-b"), ReportIndex.runs(dir).stream().map(ReportIndex.Run::name).toList());
    }

    @Test
    void resultsPageShowsTheArticlesNumbersThenEachNotebooksAndTheCsvKeepsEveryDigit(@TempDir Path dir)
            throws Exception {
        run(dir, "04-c", 600, "ok", null, null);
        run(dir, "05-d", 60, "ok", null, null);
        run(dir, "06-e", 6, "timeout", "cell 9 (code cell 5: 'x')", "time limit");
        results(dir, "04-c", () -> Results.record("mse", 0.1 + 0.2, "MSE"));
        results(dir, "05-d", () -> {
            Results.record("baseline accuracy", new double[] {97.0, 97.5, 98.0}, "%", 97.38, "3 seeds, capped epochs");
            Results.record("reconstruction", 0.5, "MSE", "the article gives no number");
        });
        ReportIndex.write(dir, "full", Map.of());
        String page = Files.readString(dir.resolve(ResultsPage.HTML));
        String comparison = page.substring(page.indexOf("articles' numbers"), page.indexOf("Each notebook's figures"));
        assertTrue(comparison.contains("<td>baseline accuracy</td><td>97.38</td><td>97.5</td><td>0.5</td><td>3</td>"),
                "article, mean, std, runs: " + comparison);
        assertTrue(comparison.contains("the article gives no number"), comparison);
        assertTrue(!comparison.contains("<td>mse</td>"), "no article value, no note: not a comparison: " + comparison);
        String perNotebook = page.substring(page.indexOf("Each notebook's figures"));
        assertTrue(perNotebook.indexOf("04-c.html") < perNotebook.indexOf("05-d.html"), perNotebook);
        assertTrue(perNotebook.contains("run time 10.0 minutes"), perNotebook);
        assertTrue(perNotebook.contains("<b>timeout</b> in cell 9 (code cell 5: 'x')"), perNotebook);
        assertTrue(perNotebook.contains("This notebook records no results."), perNotebook);

        List<String> csv = Files.readAllLines(dir.resolve(ResultsPage.CSV));
        assertEquals("notebook,result,value,std,runs,unit,article,note", csv.get(0));
        assertEquals(4, csv.size(), "header and one line per result: " + csv);
        assertTrue(csv.get(1).startsWith("04-c,mse," + (0.1 + 0.2) + ","), csv.get(1));
        assertEquals(0.1 + 0.2, ResultsPage.read(dir, "04-c").get(0).value(), 0, "read back exactly");
    }

    @Test
    void resultsPageShowsEveryRowOfTheCsvHoweverMany(@TempDir Path dir) throws Exception {
        run(dir, "05-many", 60, "ok", null, null);
        run(dir, "06-more", 60, "ok", null, null);
        results(dir, "05-many", () -> {
            for (int i = 0; i < 30; i++) {
                Results.record("compared " + i, i + 0.5, "%", 90.0 + i, "note " + i);
            }
        });
        results(dir, "06-more", () -> {
            for (int i = 0; i < 25; i++) {
                Results.record("own " + i, i + 0.25, "MSE");
            }
        });
        ReportIndex.write(dir, "full", Map.of());
        List<String> csv = Files.readAllLines(dir.resolve(ResultsPage.CSV));
        assertEquals(1 + 55, csv.size(), "header and every result");
        String page = Files.readString(dir.resolve(ResultsPage.HTML));
        assertTrue(!page.contains("&hellip;"), "no table is cut");
        String comparison = page.substring(page.indexOf("articles' numbers"), page.indexOf("Each notebook's figures"));
        String perNotebook = page.substring(page.indexOf("Each notebook's figures"));
        for (int i = 0; i < 30; i++) {
            assertTrue(comparison.contains("<td>compared " + i + "</td>"), "comparison row " + i);
            assertTrue(perNotebook.contains("<td>compared " + i + "</td>"), "05's row " + i);
        }
        for (int i = 0; i < 25; i++) {
            assertTrue(perNotebook.contains("<td>own " + i + "</td>"), "06's row " + i);
        }
    }

    @Test
    void indexShowsTheRunsWallTimeJobsThreadsAndWhenEachNotebookStartedAndTook(@TempDir Path dir) throws Exception {
        run(dir, "05-a", 2880, "ok", null, null);
        run(dir, "06-b", 2700, "ok", null, null);
        run(dir, "07-c", 30, "ok", null, null);
        run(dir, "09-d", 900, "interrupted", "cell 4 (code cell 2: 'x')", "stopped by kill (SIGTERM)");
        Files.writeString(dir.resolve(ReportIndex.SCHEDULE), """
                {"profile": "full", "started": "2026-11-30T10:00:00Z", "seconds": 4520, "jobs": 2, "threads": 1,
                 "threads_from": "2 cores / 2 jobs", "stopped": "SIGTERM", "notebooks": [
                  {"name": "05-a", "started": 0, "seconds": 2885, "result": "ok", "ran": true},
                  {"name": "06-b", "started": 1, "seconds": 2705, "result": "ok", "ran": true},
                  {"name": "07-c", "started": 2706, "seconds": 3, "result": "ok", "ran": false},
                  {"name": "09-d", "started": 2709, "seconds": 905, "result": "interrupted", "ran": true}
                ]}""");
        String html = Files.readString(ReportIndex.write(dir, "full", Map.of()));
        assertTrue(html.contains("This run (started 2026-11-30 10:00:00 UTC) took <b>1:15:20 wall time</b>: 2 notebooks "
                + "at a time, each with 1 OpenMP thread (2 cores / 2 jobs); 3 notebooks ran, 1 up to date kept their "
                + "last run; <b>stopped by SIGTERM</b>."), html);
        assertTrue(html.contains("<th>this run</th>"), html);
        assertTrue(html.contains("<td>started at +0:00, took 48:05</td>"), html);
        assertTrue(html.contains("<td>started at +0:01, took 45:05</td>"), html);
        assertTrue(html.contains("<td>up to date, kept</td>"), html);
        assertTrue(html.contains("<td>started at +45:09, took 15:05 (interrupted)</td>"), html);
        assertTrue(html.contains("<b>INTERRUPTED</b> in cell 4"), html);
    }
}
