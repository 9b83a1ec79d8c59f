package org.cleanpath.attribute.mmdb;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata map at the end of a MaxMind DB file, read on its own.
 *
 * <p>The MaxMind reader keeps node count and record size to itself; {@code geodb info} shows them,
 * so this reads the (small, pointer-free) metadata section directly.
 */
public record MmdbMetadata(
        String databaseType,
        Instant buildTime,
        long nodeCount,
        int recordSize,
        int ipVersion,
        int formatMajorVersion,
        int formatMinorVersion,
        List<String> languages,
        Map<String, String> description) {

    private static final byte[] MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
            'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};
    /** The spec caps the metadata section at 128 KiB. */
    private static final int MAX_METADATA = 128 * 1024;

    /**
     * Reads the metadata of a file.
     *
     * @throws IOException when the file cannot be read or has no valid metadata section
     */
    public static MmdbMetadata read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int length = (int) Math.min(size, MAX_METADATA + MARKER.length);
            ByteBuffer buf = ByteBuffer.allocate(length);
            ch.position(size - length);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {}
            byte[] tail = buf.array();
            int marker = lastIndexOf(tail, MARKER);
            if (marker < 0) throw new IOException("no MaxMind DB metadata marker (not an .mmdb file, or truncated)");
            try {
                Object decoded = new Decoder(tail, marker + MARKER.length).next();
                if (!(decoded instanceof Map<?, ?> map)) throw new IOException("metadata is not a map");
                return of(map);
            } catch (RuntimeException e) {
                throw new IOException("damaged metadata section: " + e, e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static MmdbMetadata of(Map<?, ?> m) throws IOException {
        return new MmdbMetadata(
                String.valueOf(m.get("database_type")),
                Instant.ofEpochSecond(number(m, "build_epoch")),
                number(m, "node_count"),
                (int) number(m, "record_size"),
                (int) number(m, "ip_version"),
                (int) number(m, "binary_format_major_version"),
                (int) number(m, "binary_format_minor_version"),
                m.get("languages") instanceof List<?> l ? (List<String>) List.copyOf(l) : List.of(),
                m.get("description") instanceof Map<?, ?> d ? (Map<String, String>) Map.copyOf(d) : Map.of());
    }

    private static long number(Map<?, ?> m, String key) throws IOException {
        if (m.get(key) instanceof Number n) return n.longValue();
        throw new IOException("metadata lacks " + key);
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** Decodes the data-section types that metadata uses (no pointers). */
    static final class Decoder {
        private final byte[] b;
        private int at;

        Decoder(byte[] b, int at) {
            this.b = b;
            this.at = at;
        }

        /** Metadata is a flat map with a few small nested ones; deeper nesting is damage. */
        private static final int MAX_DEPTH = 32;
        private int depth;

        Object next() {
            if (++depth > MAX_DEPTH) {
                throw new IllegalStateException("metadata nested deeper than " + MAX_DEPTH);
            }
            try {
                return value();
            } finally {
                depth--;
            }
        }

        private Object value() {
            int control = b[at++] & 0xFF;
            int type = control >>> 5;
            if (type == 0) type = 7 + (b[at++] & 0xFF);
            int size = control & 0x1F;
            if (size == 29) size = 29 + (b[at++] & 0xFF);
            else if (size == 30) size = 285 + (int) bytes(2);
            else if (size == 31) size = 65821 + (int) bytes(3);
            switch (type) {
                case 2 -> {
                    String s = new String(b, at, size, StandardCharsets.UTF_8);
                    at += size;
                    return s;
                }
                case 3 -> {
                    return Double.longBitsToDouble(bytes(8));
                }
                case 5, 6, 8, 9 -> {
                    return bytes(size);
                }
                case 10 -> {
                    byte[] v = new byte[size];
                    System.arraycopy(b, at, v, 0, size);
                    at += size;
                    return new BigInteger(1, v);
                }
                case 7 -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < size; i++) map.put((String) next(), next());
                    return map;
                }
                case 11 -> {
                    List<Object> list = new ArrayList<>();
                    for (int i = 0; i < size; i++) list.add(next());
                    return list;
                }
                case 14 -> {
                    return size != 0;
                }
                default -> throw new IllegalStateException("unexpected type " + type + " in metadata");
            }
        }

        private long bytes(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) v = (v << 8) | (b[at++] & 0xFF);
            return v;
        }
    }
}
