package unsupervised.report;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsTest {

    @AfterEach
    void forget() {
        Results.clear();
        System.clearProperty("unsupervised.results.file");
    }

    @Test
    void everyRecordRewritesTheFileWithMeanStdAndTheArticlesValue(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/05-x.results.json");
        System.setProperty("unsupervised.results.file", file.toString());
        Results.record("baseline accuracy", new double[] {97.0, 97.5, 98.0}, "%", 97.38, "3 seeds; \"quoted\"\n");
        JsonNode first = new ObjectMapper().readTree(file.toFile());
        assertEquals(1, first.size());
        assertEquals(97.5, first.get(0).get("value").asDouble(), 1e-12);
        assertEquals(0.5, first.get(0).get("std").asDouble(), 1e-12, "sample standard deviation");
        assertEquals(3, first.get(0).get("runs").asInt());
        assertEquals(97.38, first.get(0).get("article").asDouble(), 0);
        assertEquals("3 seeds; \"quoted\"\n", first.get(0).get("note").asText());

        Results.record("epochs", 12, "epochs");
        JsonNode second = new ObjectMapper().readTree(file.toFile());
        assertEquals(2, second.size());
        assertTrue(second.get(1).get("std").isNull(), "one run has no spread: " + second);
        assertTrue(second.get(1).get("article").isNull(), "no article value: " + second);
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(file)), "readable by whoever reads the report");
    }

    @Test
    void doublesRoundTripExactlySoRerunsCompareDigitForDigit(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.json");
        System.setProperty("unsupervised.results.file", file.toString());
        double awkward = 0.1 + 0.2;
        Results.record("sum", awkward, "");
        assertEquals(awkward, new ObjectMapper().readTree(file.toFile()).get(0).get("value").asDouble(), 0);
    }

    @Test
    void formattedShowsTheSpreadOnlyWhenThereIsOne() {
        Results.record("acc over seeds", new double[]{0.6, 0.62, 0.61}, "", null, "");
        Results.record("acc once", 0.61234, "");
        assertEquals("0.610 ± 0.010", Results.get("acc over seeds").formatted(3));
        assertEquals("0.61", Results.get("acc once").formatted(2));
    }

    @Test
    void quotingAnUnknownResultNamesTheRecordedOnes() {
        Results.record("mse", 0.25, "");
        assertEquals(0.25, Results.get("mse").value());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Results.get("msa"));
        assertTrue(e.getMessage().contains("[mse]"), e.getMessage());
        assertEquals(1, Results.table().rowCount());
    }
}
