package unsupervised.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Frechet} against distances computed with NumPy and SciPy (src/test/python/make_frechet_reference.py). */
class FrechetTest {

    private record Case(List<double[]> a, List<double[]> b, double[] distance) {
    }

    private static Map<String, Case> reference() throws IOException {
        Map<String, Case> cases = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                FrechetTest.class.getResourceAsStream("/frechet_reference.txt")), StandardCharsets.UTF_8))) {
            Case current = null;
            for (String line : in.lines().toList()) {
                String[] f = line.split(" ", 2);
                switch (f[0]) {
                    case "#" -> { }
                    case "case" -> cases.put(f[1], current = new Case(new ArrayList<>(), new ArrayList<>(),
                            new double[1]));
                    case "a", "b" -> (f[0].equals("a") ? current.a() : current.b()).add(java.util.Arrays
                            .stream(f[1].split(" ")).mapToDouble(Double::parseDouble).toArray());
                    case "distance" -> current.distance()[0] = Double.parseDouble(f[1]);
                    default -> throw new IllegalStateException("unexpected line: " + line);
                }
            }
        }
        return cases;
    }

    private static INDArray matrix(List<double[]> rows) {
        return Nd4j.create(rows.toArray(new double[0][]));
    }

    @Test
    void matchesScipyOnEveryReferenceCase() throws IOException {
        Map<String, Case> cases = reference();
        assertEquals(5, cases.size());
        for (var entry : cases.entrySet()) {
            Case c = entry.getValue();
            double expected = c.distance()[0];
            double actual = Frechet.distance(matrix(c.a()), matrix(c.b()));
            assertEquals(expected, actual, 1e-7 * Math.max(1, expected), entry.getKey());
        }
    }

    @Test
    void isZeroForASetAndItselfAndSymmetric() {
        INDArray a = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(3), 50, 6).castTo(DataType.DOUBLE);
        INDArray b = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(4), 40, 6).castTo(DataType.DOUBLE).muli(2);
        assertEquals(0, Frechet.distance(a, a), 1e-10);
        assertEquals(Frechet.distance(a, b), Frechet.distance(b, a), 1e-9);
        assertTrue(Frechet.distance(a, b) > 0.1);
    }

    @Test
    void refusesMismatchedOrTooSmallSets() {
        var wide = Nd4j.zeros(DataType.DOUBLE, 5, 3);
        var narrow = Nd4j.zeros(DataType.DOUBLE, 5, 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Frechet.distance(wide, narrow))
                .getMessage().contains("3 and 2 features"));
        assertThrows(IllegalArgumentException.class, () -> Frechet.distance(wide, Nd4j.zeros(DataType.DOUBLE, 1, 3)));
    }
}
