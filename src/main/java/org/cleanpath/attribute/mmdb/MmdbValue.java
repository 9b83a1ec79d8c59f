package org.cleanpath.attribute.mmdb;

/**
 * The MaxMind DB integer types, spelled out so that a record says which one it stores.
 *
 * <p>Readers decode each type into its own Java type (uint16 to Integer, uint32 to Long, uint64 to
 * BigInteger), and GeoIP2 model constructors expect the exact one MaxMind writes, so a plain
 * {@code Long} would be ambiguous. Everything else maps directly: String (utf8_string),
 * Boolean, Double, {@code Map<String, ?>} (map) and {@code List<?>} (array).
 */
public final class MmdbValue {
    private MmdbValue() {}

    /** An unsigned 16-bit integer. */
    public record Uint16(int value) {
        public Uint16 {
            if (value < 0 || value > 0xFFFF) throw new IllegalArgumentException("uint16 out of range: " + value);
        }
    }

    /** An unsigned 32-bit integer. */
    public record Uint32(long value) {
        public Uint32 {
            if (value < 0 || value > 0xFFFF_FFFFL) throw new IllegalArgumentException("uint32 out of range: " + value);
        }
    }

    /** An unsigned 64-bit integer, held in a long read as unsigned. */
    public record Uint64(long value) {}

    public static Uint16 u16(int value) {
        return new Uint16(value);
    }

    public static Uint32 u32(long value) {
        return new Uint32(value);
    }

    public static Uint64 u64(long value) {
        return new Uint64(value);
    }
}
