package unsupervised.course;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import unsupervised.report.Results;
import unsupervised.training.History;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeasuredTest {

    /** A study file as Caps and caps.sh write it: a history measured at epochs 2 and 4, and the run's record. */
    private static Path writeStudy(Path directory) throws Exception {
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put("loss", new double[] {0.5, 0.4, 0.3, 0.2, 0.1});
        columns.put("test MSE", new double[] {Double.NaN, 0.04, Double.NaN, 0.02, Double.NaN});
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("study", "deep-epochs");
        out.put("median_filter", Map.of("test PSNR", 18.6));
        out.put("linear code", Map.of("dec_updates", List.of(Map.of("iteration", 0, "ACC", 0.4))));
        out.put("dec_updates", List.of(Map.of("iteration", 0, "ACC", 0.5), Map.of("iteration", 140, "ACC", 0.55),
                Map.of("iteration", 280)));
        ModelStore.putHistory(out, History.of(columns, new double[] {1, 1, 1, 1, 1}));
        out.put("finished", "2026-12-03T05:06:07Z");
        out.put("command", "bash src/scripts/caps.sh deep-epochs 5");
        out.put("commit", "c0ffee1");
        out.put("machine", "2 cores, some CPU");
        out.put("this_run_seconds", 7500);
        Path file = directory.resolve("deep-epochs.json");
        ModelStore.JSON.writeValue(file.toFile(), out);
        return file;
    }

    @Test
    void readsTheMarkedEpochsAndSaysWhereTheyCameFrom(@TempDir Path directory) throws Exception {
        writeStudy(directory);
        Measured study = Measured.of(directory, "deep-epochs", "deep-epochs 5");
        assertTrue(study.measured());
        var table = study.marked("marks", "test MSE", "loss", "test MSE");
        assertArrayEquals(new int[] {2, 4}, table.intColumn("epoch").asIntArray());
        assertArrayEquals(new double[] {0.4, 0.2}, table.doubleColumn("loss").asDoubleArray());
        assertArrayEquals(new double[] {0.04, 0.02}, table.doubleColumn("test MSE").asDoubleArray());
        assertEquals(18.6, study.number("median_filter", "test PSNR"));
        assertTrue(Double.isNaN(study.number("median_filter", "no such field")));
        assertEquals("c0ffee1", study.text("commit"));
        assertEquals("", study.text("median_filter"));
        assertEquals("", study.text("no such field"));
        assertArrayEquals(new double[] {0, 140, 280}, study.column("dec_updates", "iteration"));
        assertArrayEquals(new double[] {0.5, 0.55, Double.NaN}, study.column("dec_updates", "ACC"));
        assertEquals(0, study.column("median_filter", "ACC").length);
        assertArrayEquals(new double[] {0.4}, study.column("linear code", "dec_updates", "ACC"));
        assertEquals(0, study.column("linear code", "no such list", "ACC").length);
        assertThrows(IllegalArgumentException.class, () -> study.column("dec_updates"));
        assertEquals("deep-epochs: measured by `bash src/scripts/caps.sh deep-epochs 5` at commit c0ffee1, 2026-12-03, "
                + "2 cores, some CPU (2 h 5 min this run)", study.note());
        assertEquals(table, study.show(table));
        var data = new LinkedHashMap<>(study.data());
        data.put("settings", "profile smoke");
        assertTrue(new Measured("deep-epochs", "deep-epochs 5", data).note().startsWith("deep-epochs: measured by "
                + "`bash src/scripts/caps.sh deep-epochs 5` (profile smoke) at commit c0ffee1"));

        Results.clear();
        study.record("PSNR of the filter", "dB", null, "median_filter", "test PSNR");
        study.record("absent", "dB", null, "median_filter", "no such field");
        assertEquals(18.6, Results.get("PSNR of the filter").value());
        assertTrue(Results.get("PSNR of the filter").note().contains("measured separately: deep-epochs: measured by"));
        assertThrows(IllegalArgumentException.class, () -> Results.get("absent"));
    }

    @Test
    void aStudyNeverRunReadsAsEmptyAndSaysHowToMeasureIt(@TempDir Path directory) {
        Measured study = Measured.of(directory, "deep-epochs", "deep-epochs 200");
        assertFalse(study.measured());
        assertTrue(study.note().contains("`bash src/scripts/caps.sh deep-epochs 200` writes "
                + "notebooks/measured/deep-epochs.json"), study.note());
        var table = study.marked("marks", "test MSE", "loss", "test MSE");
        assertEquals(0, table.rowCount());
        assertEquals(List.of("epoch", "loss", "test MSE"), table.columnNames());
        assertEquals(study.note(), study.show(table));
        assertTrue(Double.isNaN(study.number("median_filter", "test PSNR")));
        assertEquals(0, study.numbers("accuracy").length);
        assertEquals(0, study.column("dec_updates", "ACC").length);
        Results.clear();
        study.record("PSNR of the filter", "dB", null, "median_filter", "test PSNR");
        assertTrue(Results.table().isEmpty());
    }

    @Test
    void aBrokenFileIsNamedWithTheCommandThatRewritesIt(@TempDir Path directory) throws Exception {
        Path file = writeStudy(directory);
        Files.writeString(file, Files.readString(file).substring(0, 40));
        var error = assertThrows(UncheckedIOException.class, () -> Measured.of(directory, "deep-epochs",
                "deep-epochs 5"));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("bash src/scripts/caps.sh deep-epochs 5"), error.getMessage());
    }
}
