package unsupervised.course;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import unsupervised.data.ImageData;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileTest {

    @AfterEach
    void clear() {
        System.clearProperty("unsupervised.models");
        System.clearProperty("unsupervised.profile");
        System.clearProperty("unsupervised.epochs");
        System.clearProperty("unsupervised.samples");
    }

    @Test
    void smokeAndFullPickTheirNumbers() {
        System.setProperty("unsupervised.profile", "smoke");
        assertTrue(Profile.isSmoke());
        assertEquals(2, Profile.epochs(50, 2));
        assertEquals(500, Profile.samples(60000, 500));
        assertEquals(1, Profile.choose(3, 1));
        System.setProperty("unsupervised.profile", "FULL");
        assertEquals(50, Profile.epochs(50, 2));
        assertEquals(3, Profile.choose(3, 1));
    }

    @Test
    void overridesWinOverEitherProfile() {
        System.setProperty("unsupervised.profile", "smoke");
        System.setProperty("unsupervised.epochs", "500");
        System.setProperty("unsupervised.samples", "1234");
        assertEquals(500, Profile.epochs(50, 2));
        assertEquals(1234, Profile.samples(60000, 500));
        assertTrue(Profile.describe().contains("UNSUPERVISED_EPOCHS=500"), Profile.describe());
    }

    @Test
    void badSettingsSayWhatIsWrong() {
        System.setProperty("unsupervised.profile", "quick");
        var e = assertThrows(IllegalArgumentException.class, Profile::name);
        assertTrue(e.getMessage().contains("'smoke' or 'full'"), e.getMessage());
        System.setProperty("unsupervised.profile", "full");
        System.setProperty("unsupervised.epochs", "ten");
        e = assertThrows(IllegalArgumentException.class, () -> Profile.epochs(50, 2));
        assertTrue(e.getMessage().contains("UNSUPERVISED_EPOCHS"), e.getMessage());
    }

    private static ImageData images(int train) {
        return new ImageData("test", Nd4j.zeros(DataType.FLOAT, train, 4), new int[train], Nd4j.zeros(DataType.FLOAT,
                2, 4), new int[2], 2, 2, java.util.List.of("a", "b"));
    }

    @Test
    void theHoldOutScalesWithUnsupervisedSamples() {
        System.setProperty("unsupervised.profile", "full");
        assertEquals(5000, Profile.holdOut(images(60000), 5000, 300).validation().rows());
        System.setProperty("unsupervised.samples", "1000");
        var split = Profile.holdOut(images(1000), 5000, 300);
        assertEquals(83, split.validation().rows(), "1 in 12");
        assertEquals(917, split.train().rows());
        assertEquals(5000, Profile.holdOut(images(120000), 5000, 300).validation().rows(), "at most the profile's");
        System.setProperty("unsupervised.samples", "5");
        var e = assertThrows(IllegalArgumentException.class, () -> Profile.holdOut(images(5), 5000, 300));
        assertTrue(e.getMessage().contains("UNSUPERVISED_SAMPLES=5") && e.getMessage().contains("at least 12"),
                e.getMessage());
    }

    @Test
    void theModelStoreIsWhereUnsupervisedModelsSays() {
        System.setProperty("unsupervised.profile", "smoke");
        System.setProperty("unsupervised.models", "/tmp/some-models");
        assertEquals(Path.of("/tmp/some-models"), Profile.modelStore().directory());
        System.clearProperty("unsupervised.models");
        assertTrue(Profile.modelStore().directory().endsWith(Path.of("target", "models")),
                Profile.modelStore().directory().toString());
    }
}
