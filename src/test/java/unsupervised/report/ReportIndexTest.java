package unsupervised.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportIndexTest {

    @Test
    void indexLinksEveryNotebookWithItsTimeStatusAndTheMachine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ReportIndex.RUNS),
                "01-a\t01 · A\t12.0\tok\t\n02-b\t02 · B\t300.0\tFAILED\tnb.ipynb: cell 3 failed:\n");
        Path index = ReportIndex.write(dir, "full", ReportIndex.environment());
        String html = Files.readString(index);
        assertTrue(html.contains("<a href=\"01-a.html\">01-a</a>"), html);
        assertTrue(html.contains("<a href=\"02-b.html\">02-b</a>"), html);
        assertTrue(html.contains("<td>0.2</td>") && html.contains("<td>5</td>"), "minutes: " + html);
        assertTrue(html.contains("FAILED: nb.ipynb: cell 3 failed:"), html);
        assertTrue(html.contains("profile <b>full</b>, total 5.2 minutes"), html);
        for (String key : Map.of("date", 1, "Java", 1, "Deeplearning4j", 1, "CPU", 1, "memory", 1).keySet()) {
            assertTrue(html.contains("<th>" + key + "</th>"), key);
        }
        assertTrue(html.contains("<td>1.0.0-M2.1</td>"), "DL4J version from its jar: " + html);
    }
}
