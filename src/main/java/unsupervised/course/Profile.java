package unsupervised.training;

import java.util.Locale;

/**
 * How much work a notebook run does, read in this one place. {@code UNSUPERVISED_PROFILE=smoke} runs small subsets
 * for one or two epochs (CI); {@code full} (the default) runs the article's settings, capped where they would not
 * fit the report's time budget. {@code UNSUPERVISED_EPOCHS} and {@code UNSUPERVISED_SAMPLES} override both, so a
 * bigger machine can run the article's exact settings. The same code path runs in every profile.
 */
public final class Profile {
    public static final String PROFILE_ENV = "UNSUPERVISED_PROFILE";
    public static final String EPOCHS_ENV = "UNSUPERVISED_EPOCHS";
    public static final String SAMPLES_ENV = "UNSUPERVISED_SAMPLES";

    private Profile() {
    }

    /** {@code "smoke"} or {@code "full"}. */
    public static String name() {
        String value = setting(PROFILE_ENV);
        if (value == null) {
            return "full";
        }
        value = value.toLowerCase(Locale.ROOT);
        if (!value.equals("smoke") && !value.equals("full")) {
            throw new IllegalArgumentException(PROFILE_ENV + " must be 'smoke' or 'full', not '" + value + "'");
        }
        return value;
    }

    public static boolean isSmoke() {
        return name().equals("smoke");
    }

    /** Epochs to train: {@code UNSUPERVISED_EPOCHS} if set, else the profile's number. */
    public static int epochs(int full, int smoke) {
        return override(EPOCHS_ENV, isSmoke() ? smoke : full);
    }

    /** Training examples to use: {@code UNSUPERVISED_SAMPLES} if set, else the profile's number. */
    public static int samples(int full, int smoke) {
        return override(SAMPLES_ENV, isSmoke() ? smoke : full);
    }

    /** Any other size that differs between the profiles (repeats, validation examples): the profile's number. */
    public static int choose(int full, int smoke) {
        return isSmoke() ? smoke : full;
    }

    /** A one-line account of what this run does, for the top of a notebook. */
    public static String describe() {
        return "profile " + name()
                + (setting(EPOCHS_ENV) != null ? ", " + EPOCHS_ENV + "=" + setting(EPOCHS_ENV) : "")
                + (setting(SAMPLES_ENV) != null ? ", " + SAMPLES_ENV + "=" + setting(SAMPLES_ENV) : "");
    }

    private static int override(String key, int otherwise) {
        String value = setting(key);
        if (value == null) {
            return otherwise;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a positive whole number, not '" + value + "'");
        }
    }

    /** A system property (unsupervised.profile, ...) wins over the environment, which tests cannot change. */
    private static String setting(String envKey) {
        String property = envKey.toLowerCase(Locale.ROOT).replace('_', '.');
        String value = System.getProperty(property, System.getenv(envKey));
        return value == null || value.isBlank() ? null : value;
    }
}
