package unsupervised.data;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The locator on a tiny synthetic data set: 3 images of 2x2 pixels. */
class DatasetLocatorTest {
    private static final String IMAGES = "train-images-idx3-ubyte";
    private static final byte[] PIXELS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte) 255};

    @TempDir
    Path tmp;

    static byte[] idx(int[] shape, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{0, 0, 8, (byte) shape.length});
        ByteBuffer dims = ByteBuffer.allocate(4 * shape.length);
        Arrays.stream(shape).forEach(dims::putInt);
        out.writeBytes(dims.array());
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    private DatasetSource tiny(List<String> mirrors) throws Exception {
        byte[] good = idx(new int[]{3, 2, 2}, PIXELS);
        return new DatasetSource("tiny", List.of(new DatasetSource.Expected(IMAGES, new int[]{3, 2, 2}, md5(good))),
                List.of(tmp.resolve("setup")), mirrors, "make-tiny --install", List.of("a", "b"));
    }

    private DatasetLocator offline() {
        return new DatasetLocator(tmp.resolve("user"), tmp.resolve("cache"), false);
    }

    private Path write(String folder, String name, byte[] bytes) throws IOException {
        Path file = tmp.resolve(folder).resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    @Test
    void missingFileNamesTheFileEveryPlaceLookedAndTheFix() throws Exception {
        var e = assertThrows(DatasetException.class, () -> offline().load(tiny(List.of()), IMAGES));
        String message = e.getMessage();
        assertTrue(message.contains("'" + IMAGES + "' was not found"), message);
        for (String folder : List.of("user/tiny", "user", "setup", "cache/tiny")) {
            String place = tmp.resolve(folder).resolve(IMAGES) + "[.gz]";
            assertTrue(message.contains(place), place + " in " + message);
        }
        assertTrue(message.contains("make-tiny --install"), message);
        assertTrue(message.contains(DatasetLocator.DATA_ENV), message);
    }

    @Test
    void theFolderTheSetUpReportsIsSearchedAfterTheUsersAndBeforeTheFixedOnes() throws Exception {
        var locator = new DatasetLocator(tmp.resolve("user"), tmp.resolve("cache"), false,
                java.util.Map.of("tiny", tmp.resolve("npm/lib/node_modules/tiny-data/data")));
        var missing = assertThrows(DatasetException.class, () -> locator.load(tiny(List.of()), IMAGES));
        String message = missing.getMessage();
        String reported = tmp.resolve("npm/lib/node_modules/tiny-data/data").resolve(IMAGES) + "[.gz]";
        assertTrue(message.indexOf(tmp.resolve("user").resolve(IMAGES) + "[.gz]") < message.indexOf(reported)
                && message.indexOf(reported) < message.indexOf(tmp.resolve("setup").resolve(IMAGES) + "[.gz]"),
                message);
        assertTrue(message.contains("UNSUPERVISED_TINY_DIR"), message);

        write("setup", IMAGES, idx(new int[]{3, 2, 2}, PIXELS));
        Path installed = write("npm/lib/node_modules/tiny-data/data", IMAGES, idx(new int[]{3, 2, 2}, PIXELS));
        assertEquals(installed, locator.load(tiny(List.of()), IMAGES).path());
        assertEquals("UNSUPERVISED_FASHION_MNIST_DIR", DatasetLocator.installedEnv(DatasetSource.FASHION_MNIST));
    }

    @Test
    void readsRawAndGzipFilesAlike() throws Exception {
        write("setup", IMAGES + ".gz", gzip(idx(new int[]{3, 2, 2}, PIXELS)));
        IdxFile fromGzip = offline().load(tiny(List.of()), IMAGES);
        assertArrayEquals(PIXELS, fromGzip.data());
        write("user", IMAGES, idx(new int[]{3, 2, 2}, PIXELS));
        IdxFile fromRaw = offline().load(tiny(List.of()), IMAGES);
        assertEquals(tmp.resolve("user").resolve(IMAGES), fromRaw.path(), "the user's folder comes first");
        assertArrayEquals(PIXELS, fromRaw.data());
    }

    @Test
    void truncatedFileIsReportedWithWhatTheHeaderPromised() throws Exception {
        Path file = write("setup", IMAGES, Arrays.copyOf(idx(new int[]{3, 2, 2}, PIXELS), 16 + 7));
        var e = assertThrows(DatasetException.class, () -> offline().load(tiny(List.of()), IMAGES));
        assertTrue(e.getMessage().startsWith(file + " is truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("announces 12 values, the file holds 7"), e.getMessage());
        assertTrue(e.getMessage().contains("make-tiny --install"), e.getMessage());
    }

    @Test
    void wrongMagicIsReported() throws Exception {
        byte[] bytes = idx(new int[]{3, 2, 2}, PIXELS);
        bytes[2] = 0x0D; // float data: not what the loader reads
        Path file = write("setup", IMAGES, bytes);
        var e = assertThrows(DatasetException.class, () -> offline().load(tiny(List.of()), IMAGES));
        assertTrue(e.getMessage().startsWith(file + " is not an IDX file"), e.getMessage());
        assertTrue(e.getMessage().contains("00 00 0d 03"), e.getMessage());
    }

    @Test
    void corruptGzipIsReported() throws Exception {
        byte[] gz = gzip(idx(new int[]{3, 2, 2}, PIXELS));
        Path file = write("setup", IMAGES + ".gz", Arrays.copyOf(gz, gz.length / 2));
        var e = assertThrows(DatasetException.class, () -> offline().load(tiny(List.of()), IMAGES));
        assertTrue(e.getMessage().startsWith(file + " is not a valid gzip file"), e.getMessage());
    }

    @Test
    void changedContentFailsTheChecksum() throws Exception {
        byte[] other = PIXELS.clone();
        other[5] = 99;
        Path file = write("setup", IMAGES, idx(new int[]{3, 2, 2}, other));
        var e = assertThrows(DatasetException.class, () -> offline().load(tiny(List.of()), IMAGES));
        assertTrue(e.getMessage().startsWith(file + " is corrupt: the MD5"), e.getMessage());
    }

    @Test
    void wrongShapeIsReported() throws Exception {
        write("setup", IMAGES, idx(new int[]{2, 2, 3}, PIXELS));
        var e = assertThrows(DatasetException.class, () -> offline().load(tiny(List.of()), IMAGES));
        assertTrue(e.getMessage().contains("has shape [2, 2, 3], expected [3, 2, 2]"), e.getMessage());
    }

    @Test
    void downloadsIntoTheCacheThenUsesTheCache() throws Exception {
        byte[] gz = gzip(idx(new int[]{3, 2, 2}, PIXELS));
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/broken/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.createContext("/mirror/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, gz.length);
            exchange.getResponseBody().write(gz);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            DatasetSource source = tiny(List.of(base + "/broken/", base + "/mirror/"));
            DatasetLocator online = new DatasetLocator(null, tmp.resolve("cache"), true);
            IdxFile downloaded = online.load(source, IMAGES);
            assertArrayEquals(PIXELS, downloaded.data());
            assertEquals(tmp.resolve("cache/tiny/" + IMAGES + ".gz"), downloaded.path());
            assertEquals(2, requests.get(), "the broken mirror, then the good one");
            IdxFile cached = offline().load(source, IMAGES);
            assertEquals(downloaded.path(), cached.path());
            assertEquals(2, requests.get(), "no second download");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void failedDownloadsAreListedAndLeaveNothingBehind() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            var e = assertThrows(DatasetException.class, () ->
                    new DatasetLocator(null, tmp.resolve("cache"), true).load(tiny(List.of(mirror)), IMAGES));
            assertTrue(e.getMessage().contains("download " + mirror + IMAGES + ".gz: HTTP 503"), e.getMessage());
            assertTrue(Files.notExists(tmp.resolve("cache/tiny/" + IMAGES + ".gz")));
        } finally {
            server.stop(0);
        }
    }
}
