package unsupervised.models;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import unsupervised.training.EarlyStopping;
import unsupervised.training.History;
import unsupervised.training.Profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Trained networks that several notebooks use, kept under {@code target/models/} beside the support jar (or in
 * {@code UNSUPERVISED_MODELS}) together with what produced them: the network's configuration (JSON, which holds
 * the initialisation seed), the training seed, the profile, the training settings and the data. A notebook asks
 * for a model by its {@link Recipe}; if a model made by exactly that recipe is stored it is loaded, otherwise it is
 * trained and stored. So each notebook still runs on its own, and a report run trains each model once.
 */
public final class ModelStore {
    public static final String DIRECTORY_ENV = "UNSUPERVISED_MODELS";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelStore() {
    }

    /**
     * Everything that must match for a stored model to be reused.
     *
     * @param name          the file name (letters, digits, '-', '_'), e.g. {@code "fashion-deep-autoencoder"}
     * @param configuration the untrained network's configuration as JSON
     * @param training      how it is trained, e.g. the early-stopping settings and the corruption
     * @param data          which examples it trains and validates on
     */
    public record Recipe(String name, String configuration, long seed, String profile, String training,
                         String data) {
        public Recipe {
            if (!name.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("a model name may hold letters, digits, '-' and '_' only: '"
                        + name + "'");
            }
        }
    }

    /** The recipe of {@code untrained} trained in the current profile. */
    public static Recipe recipe(String name, MultiLayerNetwork untrained, long seed, String training, String data) {
        return new Recipe(name, untrained.getLayerWiseConfigurations().toJson(), seed, Profile.describe(), training,
                data);
    }

    /**
     * The stored fit of {@code recipe}, or {@code train}'s result, stored before it is returned. A stored fit
     * comes back with its history (losses and times per epoch as they were measured) and its best epoch.
     */
    public static EarlyStopping.Fit loadOrFit(Recipe recipe, Supplier<EarlyStopping.Fit> train) {
        Path model = file(recipe, ".zip");
        Path about = file(recipe, ".json");
        EarlyStopping.Fit stored = load(recipe, model, about);
        if (stored != null) {
            System.out.println(String.format(Locale.ROOT, "%s: loaded from %s (trained %d epochs, %.1f s/epoch, "
                    + "when it was saved)", recipe.name(), model, stored.history().epochs(),
                    stored.history().secondsPerEpoch()));
            return stored;
        }
        EarlyStopping.Fit fit = train.get();
        save(recipe, fit, model, about);
        return fit;
    }

    /** Where models are kept: {@code UNSUPERVISED_MODELS}, else {@code models/} in the folder of the support jar. */
    public static Path directory() {
        String configured = System.getProperty("unsupervised.models", System.getenv(DIRECTORY_ENV));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try {
            // target/unsupervised-java.jar or target/classes: either way target/ is the parent.
            Path code = Path.of(ModelStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent().resolve("models");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the support jar is; set " + DIRECTORY_ENV, e);
        }
    }

    private static Path file(Recipe recipe, String extension) {
        return directory().resolve(recipe.name() + "-" + Profile.name() + extension);
    }

    private static EarlyStopping.Fit load(Recipe recipe, Path model, Path about) {
        if (!Files.isRegularFile(model) || !Files.isRegularFile(about)) {
            return null;
        }
        try {
            Map<?, ?> saved = JSON.readValue(about.toFile(), Map.class);
            if (!recipeMap(recipe).equals(saved.get("recipe"))) {
                System.out.println(recipe.name() + ": the model in " + model + " was made another way; training anew");
                return null;
            }
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
            History history = History.restored(doubles(saved.get("loss")), doubles(saved.get("val_loss")),
                    doubles(saved.get("seconds")));
            return new EarlyStopping.Fit(net, ((Number) saved.get("best_epoch")).intValue(), history,
                    (String) saved.get("stop_reason"));
        } catch (IOException | RuntimeException e) {
            System.out.println(recipe.name() + ": could not read " + model + " (" + e.getMessage() + "); training anew");
            return null;
        }
    }

    private static void save(Recipe recipe, EarlyStopping.Fit fit, Path model, Path about) {
        Map<String, Object> saved = new LinkedHashMap<>();
        saved.put("recipe", recipeMap(recipe));
        saved.put("saved", Instant.now().toString());
        saved.put("best_epoch", fit.bestEpoch());
        saved.put("stop_reason", fit.stopReason());
        saved.put("loss", fit.history().loss());
        saved.put("val_loss", fit.history().validationLoss());
        saved.put("seconds", fit.history().seconds());
        try {
            Files.createDirectories(model.getParent());
            // Written beside, then moved: a run killed half-way never leaves a model that looks complete.
            Path partialModel = Files.createTempFile(model.getParent(), recipe.name(), ".zip.part");
            Path partialAbout = Files.createTempFile(model.getParent(), recipe.name(), ".json.part");
            ModelSerializer.writeModel(fit.best(), partialModel.toFile(), false);
            JSON.writeValue(partialAbout.toFile(), saved);
            Files.move(partialModel, model, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(partialAbout, about, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the model " + recipe.name() + " to " + model
                    + "; set " + DIRECTORY_ENV + " to a writable folder", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> recipeMap(Recipe recipe) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", recipe.name());
        map.put("seed", recipe.seed());
        map.put("profile", recipe.profile());
        map.put("training", recipe.training());
        map.put("data", recipe.data());
        map.put("configuration", recipe.configuration());
        // Written and parsed, so that numbers compare as they will when read back from the file.
        try {
            return JSON.readValue(JSON.writeValueAsString(map), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[] doubles(Object values) {
        // Jackson writes NaN as the string "NaN".
        return ((java.util.List<?>) values).stream().mapToDouble(v -> v instanceof Number n ? n.doubleValue()
                : Double.NaN).toArray();
    }
}
