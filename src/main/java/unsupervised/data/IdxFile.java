package unsupervised.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * One IDX file (the MNIST format): unsigned bytes with a header giving their shape. Reads raw or gzip-compressed
 * files (told apart by their first bytes, not their names) and checks the header against the bytes that follow.
 *
 * @param path  where it was read from
 * @param shape the dimensions from the header, e.g. [60000, 28, 28]
 * @param data  the values, row-major
 * @param md5   MD5 of the decompressed file, header included
 */
public record IdxFile(Path path, int[] shape, byte[] data, String md5) {
    private static final int UNSIGNED_BYTE = 0x08;

    public static IdxFile read(Path path) {
        byte[] bytes;
        try {
            byte[] onDisk = Files.readAllBytes(path);
            bytes = isGzip(onDisk) ? gunzip(onDisk) : onDisk;
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new DatasetException(path + " is not a valid gzip file (" + e.getMessage() + "): it is corrupt or"
                    + " was cut short while downloading.", e);
        } catch (IOException e) {
            throw new DatasetException("Could not read " + path + ": " + e.getMessage(), e);
        }
        return parse(path, bytes);
    }

    private static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 1 << 16)) {
            return in.readAllBytes();
        }
    }

    static IdxFile parse(Path path, byte[] bytes) {
        if (bytes.length < 4 || bytes[0] != 0 || bytes[1] != 0 || bytes[2] != UNSIGNED_BYTE
                || bytes[3] < 1 || bytes[3] > 4) {
            throw new DatasetException(path + " is not an IDX file of unsigned bytes: its first four bytes are "
                    + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(4, bytes.length))
                    + ", expected 00 00 08 0N.");
        }
        int dims = bytes[3];
        int header = 4 + 4 * dims;
        if (bytes.length < header) {
            throw new DatasetException(path + " is truncated: " + bytes.length + " bytes, shorter than its header.");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 4, 4 * dims);
        int[] shape = new int[dims];
        long expected = 1;
        for (int d = 0; d < dims; d++) {
            shape[d] = buffer.getInt();
            expected *= shape[d];
        }
        long actual = bytes.length - (long) header;
        if (actual != expected) {
            throw new DatasetException(path + (actual < expected ? " is truncated" : " has trailing bytes")
                    + ": its header " + Arrays.toString(shape) + " announces " + expected + " values, the file holds "
                    + actual + ".");
        }
        return new IdxFile(path, shape, Arrays.copyOfRange(bytes, header, bytes.length), md5(bytes));
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
