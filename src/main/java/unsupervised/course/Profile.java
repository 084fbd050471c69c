package unsupervised.course;

import unsupervised.data.ImageData;
import unsupervised.data.ImageSplit;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How much work a notebook run does, and where its models are kept, read in this one place: library code takes
 * these numbers as arguments. {@code UNSUPERVISED_PROFILE=smoke} runs small subsets
 * for one or two epochs (CI); {@code full} (the default) runs the article's settings, capped where they would not
 * fit the report's time budget. {@code UNSUPERVISED_EPOCHS} and {@code UNSUPERVISED_SAMPLES} override both, so a
 * bigger machine can run the article's exact settings. The same code path runs in every profile.
 */
public final class Profile {
    public static final String PROFILE_ENV = "UNSUPERVISED_PROFILE";
    public static final String EPOCHS_ENV = "UNSUPERVISED_EPOCHS";
    public static final String SAMPLES_ENV = "UNSUPERVISED_SAMPLES";
    public static final String MODELS_ENV = "UNSUPERVISED_MODELS";
    public static final String MEASURED_ENV = "UNSUPERVISED_MEASURED";
    /** With {@code UNSUPERVISED_SAMPLES} set, 1 training image in this many is held out (5,000 of 60,000). */
    public static final int HOLD_OUT_SHARE = 12;

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

    /**
     * The training images of {@code data} with the last {@code full} (smoke: {@code smoke}) held out for
     * validation; when {@code UNSUPERVISED_SAMPLES} sets the number of training images, 1 in
     * {@value #HOLD_OUT_SHARE} of them, at most that many, so that any size runs.
     */
    public static ImageSplit holdOut(ImageData data, int full, int smoke) {
        int images = data.trainLabels().length;
        int held = choose(full, smoke);
        if (setting(SAMPLES_ENV) != null) {
            held = Math.min(held, images / HOLD_OUT_SHARE);
            if (held < 1) {
                throw new IllegalArgumentException(SAMPLES_ENV + "=" + setting(SAMPLES_ENV) + " leaves " + images
                        + " training images, too few to hold 1 in " + HOLD_OUT_SHARE + " out for validation: set it "
                        + "to at least " + HOLD_OUT_SHARE + " (a few hundred for results worth reading)");
            }
        }
        return ImageSplit.holdOut(data, held);
    }

    /**
     * The course's {@link ModelStore}: in {@code UNSUPERVISED_MODELS} if set, else in {@code models/} beside the
     * support jar ({@code target/models/}), one set of files per profile. A model in training saves a checkpoint at
     * most every 5 minutes (smoke: after every epoch, so that the smoke run writes one too).
     */
    public static ModelStore modelStore() {
        return new ModelStore(modelDirectory(), name(), describe(),
                isSmoke() ? java.time.Duration.ZERO : java.time.Duration.ofMinutes(5));
    }

    static Path modelDirectory() {
        String configured = setting(MODELS_ENV);
        if (configured != null) {
            return Path.of(configured);
        }
        return buildFolder().resolve("models");
    }

    /**
     * Where the studies of {@link Caps} are read from and written to: {@code UNSUPERVISED_MEASURED} if set (the tests
     * point it at studies made in the smoke profile), else the checkout's {@code notebooks/measured/}.
     */
    public static Path measuredDirectory() {
        String configured = setting(MEASURED_ENV);
        return configured != null ? Path.of(configured)
                : buildFolder().getParent().resolve("notebooks").resolve("measured");
    }

    /**
     * The checkout's {@code target/} folder: the support jar ({@code target/unsupervised-java.jar}) or its classes
     * ({@code target/classes}) are in it, either way.
     */
    static Path buildFolder() {
        try {
            Path code = Path.of(Profile.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the support jar is; set " + MODELS_ENV, e);
        }
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
