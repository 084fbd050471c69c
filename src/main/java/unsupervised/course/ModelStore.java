package unsupervised.course;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;
import unsupervised.training.Checkpoint;
import unsupervised.training.EarlyStopping;
import unsupervised.training.History;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Trained networks that several notebooks use, kept in a folder together with what produced them: the network's
 * configuration (JSON, which holds the initialisation seed), the training seed, the profile and its settings, the
 * training settings, the data and the version of the code. A notebook asks for a model by its {@link Recipe}; if a
 * model made by exactly that recipe is stored it is loaded, otherwise it is trained and stored. So each notebook
 * still runs on its own, and a report run trains each model once.
 *
 * <p><b>The code version</b> is the SHA-256 of the class files of the packages whose code decides what training
 * produces ({@link #TRAINING_PACKAGES}: the data and its noise, the builders and layers, the training loop, the
 * losses and metrics early stopping reads; not {@code clustering}, whose k-means and DEC start from a stored
 * autoencoder and are never stored), read at run time from wherever those classes were loaded: the support jar in a
 * notebook, {@code target/classes} in the tests. Not the jar's own digest: the jar also changes with the
 * report, plot and display code, which never alter a model, and it holds timestamps; the class files are the same
 * bytes in the jar and the folder, so a test can prove that the version changes when one class changes (and only
 * then). A change in those packages retrains every stored model, even one the change did not touch: safe, and
 * cheap next to loading a model trained by other code. The DL4J and ND4J versions are not in it: they change only
 * with {@code pom.xml}.
 *
 * <p><b>Files</b> per recipe, named {@code name-profile}: {@code .zip} (the network), {@code .json} (the recipe,
 * the SHA-256 of the {@code .zip}, the history), {@code .lock}; while a model trains, its {@link StoredCheckpoint}
 * ({@code .checkpoint.zip}, {@code .checkpoint-best.zip}, {@code .checkpoint.json}), removed once the model is
 * saved. Each is written as a {@code .part} file, then moved; a load checks the model file against the checksum its recipe file holds, so a model file replaced (say a
 * valid model copied under another recipe's name), truncated or corrupt is trained anew with a message saying so.
 * Files are mode 0644, readable by whoever runs the report.
 *
 * <p><b>Concurrency:</b> two processes (notebooks run side by side) that ask for one recipe at once take turns on a
 * file lock on its {@code .lock} file: the first trains and saves, the second prints that it waits, and for whom,
 * then loads what the first saved. A store that cannot be written (read-only) neither locks nor saves: the model
 * is trained and returned with a warning, so the notebook goes on.
 */
public final class ModelStore {
    /** The packages whose classes make up the code version. */
    public static final List<String> TRAINING_PACKAGES = List.of("data", "models", "training", "metrics");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();
    private static volatile String codeVersion;

    private final Path directory;
    private final String profile;
    private final String settings;
    private final String code;
    private final Duration checkpointEvery;

    /**
     * @param directory       where the models are kept (created when the first model is saved)
     * @param profile         the profile's name, part of every file name ({@code smoke}, {@code full})
     * @param settings        a one-line account of the settings that change what a run trains, part of every recipe
     * @param checkpointEvery how often a model in training saves a checkpoint (at an epoch's end; zero: every epoch)
     */
    public ModelStore(Path directory, String profile, String settings, Duration checkpointEvery) {
        this(directory, profile, settings, codeVersion(), checkpointEvery);
    }

    ModelStore(Path directory, String profile, String settings, String code, Duration checkpointEvery) {
        if (!profile.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("a profile name may hold letters, digits, '-' and '_' only: '"
                    + profile + "'");
        }
        this.directory = directory;
        this.profile = profile;
        this.settings = settings;
        this.code = code;
        this.checkpointEvery = checkpointEvery;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Everything that must match for a stored model to be reused.
     *
     * @param name          the file name (letters, digits, '-', '_'), e.g. {@code "fashion-deep-autoencoder"}
     * @param configuration the untrained network's configuration as JSON
     * @param profile       the profile and its settings
     * @param training      how it is trained, e.g. the early-stopping settings and the corruption
     * @param data          which examples it trains and validates on
     * @param code          the {@linkplain #codeVersion() code version}
     */
    public record Recipe(String name, String configuration, long seed, String profile, String training,
                         String data, String code) {
        public Recipe {
            if (!name.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("a model name may hold letters, digits, '-' and '_' only: '"
                        + name + "'");
            }
        }
    }

    /** The recipe of {@code untrained}, trained with this store's profile and code. */
    public Recipe recipe(String name, MultiLayerNetwork untrained, long seed, String training, String data) {
        return new Recipe(name, untrained.getLayerWiseConfigurations().toJson(), seed, settings, training, data,
                code);
    }

    /**
     * The stored fit of {@code recipe}, or {@code train}'s result, stored before it is returned. A stored fit
     * comes back with its history (losses and times per epoch as they were measured) and its best epoch.
     */
    public EarlyStopping.Fit loadOrFit(Recipe recipe, Supplier<EarlyStopping.Fit> train) {
        return loadOrFit(recipe, null, checkpoint -> train.get());
    }

    /**
     * As above, for a training that can resume: {@code train} gets a {@link Checkpoint} of {@code training} (the
     * network it trains) under this recipe, or null when the store cannot be written. A run ended from outside
     * (interrupt, a session's end) leaves its last checkpoint; the next call with the same recipe and code resumes
     * from it.
     */
    public EarlyStopping.Fit loadOrFit(Recipe recipe, MultiLayerNetwork training,
                                       Function<Checkpoint, EarlyStopping.Fit> train) {
        Path model = file(recipe, ".zip");
        Path about = file(recipe, ".json");
        try (Turn turn = turn(recipe)) {
            if (turn.locked()) {
                // Left by a run killed while saving; under the lock nobody else is writing them.
                deleteQuietly(part(model));
                deleteQuietly(part(about));
            }
            EarlyStopping.Fit stored = load(recipe, model, about);
            if (stored != null) {
                System.out.println(String.format(Locale.ROOT, "%s: loaded from %s (trained %d epochs, %.1f s/epoch, "
                        + "when it was saved)", recipe.name(), model, stored.history().epochs(),
                        stored.history().secondsPerEpoch()));
                return stored;
            }
            StoredCheckpoint checkpoint = training != null && turn.locked()
                    ? new StoredCheckpoint(recipe, training, file(recipe, ".checkpoint.zip"),
                    file(recipe, ".checkpoint-best.zip"), file(recipe, ".checkpoint.json"), checkpointEvery)
                    : null;
            EarlyStopping.Fit fit = train.apply(checkpoint);
            if (turn.locked()) {
                save(recipe, fit, model, about);
                if (checkpoint != null) {
                    checkpoint.remove();
                }
            }
            return fit;
        }
    }

    private Path file(Recipe recipe, String extension) {
        return directory.resolve(recipe.name() + "-" + profile + extension);
    }

    static Path part(Path file) {
        return file.resolveSibling(file.getFileName() + ".part");
    }

    /** The right to load, train and save one recipe: a file lock, or nothing if the store cannot be written. */
    private interface Turn extends AutoCloseable {
        boolean locked();

        @Override
        void close();
    }

    private Turn turn(Recipe recipe) {
        Path lockFile = file(recipe, ".lock");
        // File locks are per process: threads of this JVM queue on an in-memory lock first.
        ReentrantLock inJvm = IN_THIS_JVM.computeIfAbsent(lockFile.toAbsolutePath().normalize(),
                key -> new ReentrantLock());
        inJvm.lock();
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            boolean created = !Files.exists(lockFile);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (created) {
                readableByAll(lockFile);
            }
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = new String(Files.readAllBytes(lockFile), StandardCharsets.UTF_8).strip();
                Instant start = Instant.now();
                System.out.println(recipe.name() + ": waits for " + (holder.isEmpty() ? "another process" : holder)
                        + ", which holds " + lockFile + " (training or saving this model), then loads it");
                lock = channel.lock();
                System.out.println(recipe.name() + ": waited " + Duration.between(start, Instant.now()).toSeconds()
                        + " s");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("process " + ProcessHandle.current().pid() + " on " + host() + " since "
                    + Instant.now()).getBytes(StandardCharsets.UTF_8)), 0);
            FileChannel held = channel;
            FileLock heldLock = lock;
            return new Turn() {
                public boolean locked() {
                    return true;
                }

                public void close() {
                    try {
                        heldLock.release();
                        held.close();
                    } catch (IOException e) {
                        System.out.println("warning: could not release " + lockFile + ": " + e.getMessage());
                    } finally {
                        inJvm.unlock();
                    }
                }
            };
        } catch (IOException | UnsupportedOperationException e) {
            closeQuietly(channel);
            System.out.println("warning: " + recipe.name() + ": cannot lock " + lockFile + " (" + e
                    + "): the store is not writable, so the model is loaded if stored, else trained and not saved "
                    + "(set " + Profile.MODELS_ENV + " to a writable folder to keep it)");
            return new Turn() {
                public boolean locked() {
                    return false;
                }

                public void close() {
                    inJvm.unlock();
                }
            };
        } catch (RuntimeException | Error e) {
            closeQuietly(channel);
            inJvm.unlock();
            throw e;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this machine";
        }
    }

    private static EarlyStopping.Fit load(Recipe recipe, Path model, Path about) {
        if (!Files.isRegularFile(model) || !Files.isRegularFile(about)) {
            return null;
        }
        try {
            Map<?, ?> saved = JSON.readValue(about.toFile(), Map.class);
            Map<String, Object> wanted = recipeMap(recipe);
            if (!wanted.equals(saved.get("recipe"))) {
                System.out.println(recipe.name() + ": the model in " + model + " was made another way ("
                        + differences(wanted, saved.get("recipe")) + " differ); training anew");
                return null;
            }
            String checksum = sha256(model);
            if (!checksum.equals(saved.get("model_sha256"))) {
                System.out.println(recipe.name() + ": " + model + " is not the file its recipe " + about
                        + " was saved with (SHA-256 " + checksum + ", expected " + saved.get("model_sha256")
                        + "): replaced, truncated or corrupt; training anew");
                return null;
            }
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
            History history = history(saved);
            return new EarlyStopping.Fit(net, ((Number) saved.get("best_epoch")).intValue(), history,
                    (String) saved.get("stop_reason"));
        } catch (IOException | RuntimeException e) {
            System.out.println(recipe.name() + ": could not read " + model + " (" + e.getMessage() + "); training anew");
            return null;
        }
    }

    static String differences(Map<String, Object> wanted, Object saved) {
        List<String> keys = new ArrayList<>();
        Map<?, ?> stored = saved instanceof Map<?, ?> map ? map : Map.of();
        wanted.forEach((key, value) -> {
            if (!value.equals(stored.get(key))) {
                keys.add(key);
            }
        });
        return String.join(", ", keys);
    }

    /** Saves through {@code .part} files; a store that cannot take them leaves the notebook going, with a warning. */
    private static void save(Recipe recipe, EarlyStopping.Fit fit, Path model, Path about) {
        Path partialModel = part(model);
        Path partialAbout = part(about);
        try {
            ModelSerializer.writeModel(fit.best(), partialModel.toFile(), false);
            Map<String, Object> saved = new LinkedHashMap<>();
            saved.put("recipe", recipeMap(recipe));
            saved.put("model_sha256", sha256(partialModel));
            saved.put("saved", Instant.now().toString());
            saved.put("best_epoch", fit.bestEpoch());
            saved.put("stop_reason", fit.stopReason());
            putHistory(saved, fit.history());
            JSON.writeValue(partialAbout.toFile(), saved);
            readableByAll(partialModel);
            readableByAll(partialAbout);
            // The model first: a run killed between the moves leaves a recipe whose checksum the model fails.
            Files.move(partialModel, model, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(partialAbout, about, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(partialModel);
            deleteQuietly(partialAbout);
            System.out.println("warning: " + recipe.name() + ": could not save the model to " + model + " (" + e
                    + "); it is trained and in memory, so this notebook goes on, but the next run trains it again "
                    + "(set " + Profile.MODELS_ENV + " to a writable folder to keep it)");
        }
    }

    static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.out.println("warning: could not remove " + file + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing after a failure: the failure is what gets reported
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> recipeMap(Recipe recipe) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", recipe.name());
        map.put("seed", recipe.seed());
        map.put("profile", recipe.profile());
        map.put("training", recipe.training());
        map.put("data", recipe.data());
        map.put("code", recipe.code());
        map.put("configuration", recipe.configuration());
        // Written and parsed, so that numbers compare as they will when read back from the file.
        try {
            return JSON.readValue(JSON.writeValueAsString(map), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The history's columns and seconds into a recipe or checkpoint file's map. */
    static void putHistory(Map<String, Object> saved, History history) {
        saved.put("history", history.columns());
        saved.put("seconds", history.seconds());
    }

    /** The history {@link #putHistory} wrote, read back. */
    static History history(Map<?, ?> saved) {
        Map<String, double[]> columns = new LinkedHashMap<>();
        ((Map<?, ?>) saved.get("history")).forEach((name, values) -> columns.put((String) name, doubles(values)));
        return History.of(columns, doubles(saved.get("seconds")));
    }

    private static double[] doubles(Object values) {
        // Jackson writes NaN as the string "NaN".
        return ((List<?>) values).stream().mapToDouble(v -> v instanceof Number n ? n.doubleValue()
                : Double.NaN).toArray();
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The code version of the classes this JVM runs (the support jar, or a classes folder): computed once. */
    public static String codeVersion() {
        if (codeVersion == null) {
            try {
                Path code = Path.of(ModelStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (Files.isDirectory(code)) {
                    codeVersion = codeVersion(code);
                } else {
                    try (FileSystem jar = FileSystems.newFileSystem(code)) {
                        codeVersion = codeVersion(jar.getPath("/"));
                    }
                }
            } catch (IOException | URISyntaxException e) {
                throw new IllegalStateException("cannot read the support jar's classes to version the stored "
                        + "models: " + e.getMessage(), e);
            }
        }
        return codeVersion;
    }

    /** SHA-256 over the path and bytes of every class file of {@link #TRAINING_PACKAGES} under {@code root}. */
    static String codeVersion(Path root) throws IOException {
        MessageDigest digest = sha256();
        List<Path> classes = new ArrayList<>();
        for (String pkg : TRAINING_PACKAGES) {
            Path folder = root.resolve("unsupervised").resolve(pkg);
            if (!Files.isDirectory(folder)) {
                throw new IOException("no package unsupervised." + pkg + " in " + root);
            }
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(f -> f.toString().endsWith(".class")).forEach(classes::add);
            }
        }
        classes.stream().sorted((a, b) -> root.relativize(a).toString().compareTo(root.relativize(b).toString()))
                .forEach(file -> {
                    try {
                        digest.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                        digest.update(Files.readAllBytes(file));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }
}
