package unsupervised.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Seed 0 made ND4J 1.0.0-M2.1 draw different numbers on every call (seen here at 64 x 10 to 2048 x 10). */
class SeededRandomTest {
    @Test
    void everySeedIncludingZeroRepeats() {
        for (long seed : new long[]{0, 1, 3, -1, Long.MAX_VALUE}) {
            assertEquals(SeededRandom.normal(seed, 2048, 10), SeededRandom.normal(seed, 2048, 10), "seed " + seed);
        }
        assertNotEquals(SeededRandom.normal(0, 64, 10), SeededRandom.normal(1, 64, 10));
    }

    @Test
    void theMappingNeverGivesZero() {
        assertNotEquals(0, SeededRandom.nonZero(0));
        assertNotEquals(0, SeededRandom.nonZero(0x9E3779B97F4A7C15L));
        // Every other seed reaches DL4J unchanged, so the networks of the notebooks keep their initialisation.
        for (long seed : new long[]{1, 3, -1, 42, Long.MIN_VALUE}) {
            assertEquals(seed, SeededRandom.nonZero(seed));
        }
        assertNotEquals(SeededRandom.nonZero(0), SeededRandom.nonZero(1));
    }
}
