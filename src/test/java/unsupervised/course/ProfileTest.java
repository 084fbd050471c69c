package unsupervised.training;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileTest {

    @AfterEach
    void clear() {
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
}
