package unsupervised.training;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import unsupervised.data.SeededRandom;
import unsupervised.models.Gan;

import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GanTrainingTest {
    private static final INDArray IMAGES = Nd4j.rand(SeededRandom.of(3), 70, 12).castTo(DataType.FLOAT);

    private static Gan gan() {
        return Gan.dense(4, new int[] {8}, 12, new int[] {8}, 5);
    }

    /** The step a notebook writes in view, from Gan's public pieces. */
    private static Gan.StepLosses notebookStep(Gan g, INDArray real, org.nd4j.linalg.api.rng.Random random) {
        int n = (int) real.rows();
        INDArray fake = g.generateScaled(g.noise(n, random));
        DataType type = fake.dataType();
        g.discriminator().fit(new DataSet(Nd4j.vstack(Gan.scaled(real.castTo(type)), fake),
                Nd4j.vstack(Gan.labels(n, Gan.REAL, type), Gan.labels(n, Gan.FAKE, type))));
        double dLoss = g.discriminator().score();
        g.syncDiscriminator();
        g.combined().fit(new DataSet(g.noise(n, random), Gan.labels(n, Gan.REAL, type)));
        return new Gan.StepLosses(dLoss, g.combined().score());
    }

    @Test
    void aCallersStepRunsOnEveryFullMinibatchAndMatchesTheJarsStep() {
        int[] steps = {0};
        INDArray noise = gan().noise(3, SeededRandom.of(1));
        var log = GanTraining.fit(gan(), IMAGES, IMAGES, 3, 16, noise, List.of(1, 3), 9, (g, real, random) -> {
            steps[0]++;
            assertEquals(16, real.rows(), "the last partial minibatch is left out");
            return notebookStep(g, real, random);
        });
        assertEquals(3 * 4, steps[0], "70 images: 4 full minibatches of 16 per epoch");
        var reference = GanTraining.fit(gan(), IMAGES, IMAGES, 3, 16, noise, List.of(1, 3), 9);
        assertArrayEquals(reference.column("G loss"), log.column("G loss"), 0);
        assertArrayEquals(reference.column("D accuracy, fake"), log.column("D accuracy, fake"), 0);
        assertEquals(List.of("epoch", "D loss", "G loss", "D accuracy, real", "D accuracy, fake", "seconds"),
                log.table().columnNames());
        assertTrue(java.util.Arrays.stream(log.column("seconds")).allMatch(s -> s > 0), "seconds per epoch");
        assertEquals(List.of(1, 3), List.copyOf(log.samples().keySet()));
        assertTrue(log.samples().get(3).sub(log.samples().get(1)).norm2Number().doubleValue() > 0, "G learned");
    }

    @Test
    void anInterruptedThreadStopsAfterOneStep() {
        int[] steps = {0};
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> GanTraining.fit(gan(), IMAGES, IMAGES, 100, 16,
                    gan().noise(1, SeededRandom.of(1)), List.of(), 9, (g, real, random) -> {
                        steps[0]++;
                        return g.step(real, random);
                    }));
        } finally {
            Thread.interrupted();
        }
        assertEquals(1, steps[0]);
    }
}
