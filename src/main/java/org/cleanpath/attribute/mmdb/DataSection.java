package org.cleanpath.attribute.mmdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes values in the MaxMind DB data-section format, writing each distinct value once.
 *
 * <p>A value already written (a whole record, a nested map, a repeated key or string) is replaced
 * by a pointer to its first copy when the pointer is shorter, which is what keeps a database of
 * hundreds of thousands of networks sharing a few thousand records small.
 */
final class DataSection {
    private static final int TYPE_POINTER = 1, TYPE_STRING = 2, TYPE_DOUBLE = 3, TYPE_UINT16 = 5,
            TYPE_UINT32 = 6, TYPE_MAP = 7, TYPE_UINT64 = 9, TYPE_ARRAY = 11, TYPE_BOOLEAN = 14;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    private final Map<Object, Integer> offsets = new HashMap<>();

    /** Writes the value (or finds its earlier copy) and returns its offset in the section. */
    int add(Object value) {
        Integer known = offsets.get(value);
        if (known != null) return known;
        int offset = out.size();
        encode(value, out);
        offsets.put(value, offset);
        return offset;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** Encodes a value on its own, with no pointers: the form the metadata section needs. */
    static byte[] standalone(Object value) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new DataSection().encodeInline(value, buf, false);
        return buf.toByteArray();
    }

    private void encode(Object value, ByteArrayOutputStream dst) {
        encodeInline(value, dst, true);
    }

    /** Writes a nested value: a pointer when it was written before and the pointer is shorter. */
    private void encodeNested(Object value, ByteArrayOutputStream dst, boolean share) {
        if (share) {
            Integer known = offsets.get(value);
            if (known != null) {
                byte[] pointer = pointer(known);
                if (pointer.length < encodedSizeAtMost(value, pointer.length + 1)) {
                    dst.writeBytes(pointer);
                    return;
                }
            }
            if (dst == out && worthSharing(value)) {
                int offset = out.size();
                encodeInline(value, dst, true);
                offsets.putIfAbsent(value, offset);
                return;
            }
        }
        encodeInline(value, dst, share);
    }

    private static boolean worthSharing(Object value) {
        return value instanceof Map || value instanceof List || (value instanceof String s && s.length() > 3);
    }

    /** The encoded size of a value, or at least {@code limit} when it is larger (to avoid full encodes). */
    private static int encodedSizeAtMost(Object value, int limit) {
        if (value instanceof Map || value instanceof List) return limit;
        return standalone(value).length;
    }

    @SuppressWarnings("unchecked")
    private void encodeInline(Object value, ByteArrayOutputStream dst, boolean share) {
        if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            control(dst, TYPE_STRING, utf8.length);
            dst.writeBytes(utf8);
        } else if (value instanceof Map<?, ?> map) {
            control(dst, TYPE_MAP, map.size());
            for (Object key : map.keySet()) {
                if (!(key instanceof String)) throw new IllegalArgumentException("map keys must be strings: " + key);
            }
            // Keys in sorted order: Map.of iterates in a per-run order, and a build should give the same bytes.
            for (Map.Entry<Object, Object> e : new TreeMap<>((Map<Object, Object>) map).entrySet()) {
                encodeNested(e.getKey(), dst, share);
                encodeNested(e.getValue(), dst, share);
            }
        } else if (value instanceof List<?> list) {
            control(dst, TYPE_ARRAY, list.size());
            for (Object item : list) encodeNested(item, dst, share);
        } else if (value instanceof MmdbValue.Uint16 v) {
            unsigned(dst, TYPE_UINT16, v.value());
        } else if (value instanceof MmdbValue.Uint32 v) {
            unsigned(dst, TYPE_UINT32, v.value());
        } else if (value instanceof MmdbValue.Uint64 v) {
            unsigned(dst, TYPE_UINT64, v.value());
        } else if (value instanceof Boolean b) {
            control(dst, TYPE_BOOLEAN, b ? 1 : 0);
        } else if (value instanceof Double d) {
            control(dst, TYPE_DOUBLE, 8);
            long bits = Double.doubleToLongBits(d);
            for (int shift = 56; shift >= 0; shift -= 8) dst.write((int) (bits >>> shift));
        } else {
            throw new IllegalArgumentException("no MaxMind DB type for " + (value == null ? "null" : value.getClass().getName())
                    + " (use String, Boolean, Double, Map, List or MmdbValue.u16/u32/u64)");
        }
    }

    /** Big-endian with leading zero bytes dropped, as the format allows. */
    private static void unsigned(ByteArrayOutputStream dst, int type, long value) {
        int length = value == 0 ? 0 : 8 - Long.numberOfLeadingZeros(value) / 8;
        control(dst, type, length);
        for (int i = length - 1; i >= 0; i--) dst.write((int) (value >>> (8 * i)));
    }

    /** Control byte: 3 type bits and 5 size bits, with the extended type and size bytes that follow. */
    private static void control(ByteArrayOutputStream dst, int type, int size) {
        int typeBits = type <= 7 ? type << 5 : 0;
        int sizeBits;
        byte[] sizeBytes;
        if (size < 29) {
            sizeBits = size;
            sizeBytes = new byte[0];
        } else if (size < 29 + 256) {
            sizeBits = 29;
            sizeBytes = new byte[] {(byte) (size - 29)};
        } else if (size < 285 + 65536) {
            sizeBits = 30;
            int n = size - 285;
            sizeBytes = new byte[] {(byte) (n >>> 8), (byte) n};
        } else {
            sizeBits = 31;
            int n = size - 65821;
            sizeBytes = new byte[] {(byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        }
        dst.write(typeBits | sizeBits);
        if (type > 7) dst.write(type - 7);
        dst.writeBytes(sizeBytes);
    }

    /** A pointer to an offset in the data section, in the shortest of its four forms. */
    static byte[] pointer(int offset) {
        int base = TYPE_POINTER << 5;
        if (offset < 2048) {
            return new byte[] {(byte) (base | (offset >>> 8)), (byte) offset};
        } else if (offset < 2048 + (1 << 19)) {
            int n = offset - 2048;
            return new byte[] {(byte) (base | 0x08 | (n >>> 16)), (byte) (n >>> 8), (byte) n};
        } else if ((long) offset < 526336L + (1L << 27)) {
            int n = offset - 526336;
            return new byte[] {(byte) (base | 0x10 | (n >>> 24)), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        }
        return new byte[] {(byte) (base | 0x18), (byte) (offset >>> 24), (byte) (offset >>> 16), (byte) (offset >>> 8), (byte) offset};
    }
}
