package org.cleanpath.attribute.vendor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Longest-prefix match of 48-bit MAC addresses over a few fixed prefix lengths (24, 28, 36): one
 * sorted {@code long[]} of prefixes per length and a parallel array of values, searched from the
 * longest length down. About 12 bytes an entry, so the full IEEE registry (46,000 blocks) stays
 * well under a megabyte of heap. Immutable.
 */
final class PrefixTable<T> {
    /** Distinct prefix lengths, longest first. */
    private final int[] bits;
    private final long[][] keys;
    private final Object[][] values;

    private PrefixTable(int[] bits, long[][] keys, Object[][] values) {
        this.bits = bits;
        this.keys = keys;
        this.values = values;
    }

    /** The value of the longest prefix that contains {@code mac48}, with that prefix's length. */
    Optional<Hit<T>> longest(long mac48) {
        for (int i = 0; i < bits.length; i++) {
            int at = Arrays.binarySearch(keys[i], mac48 >>> (48 - bits[i]));
            if (at >= 0) {
                @SuppressWarnings("unchecked")
                T value = (T) values[i][at];
                return Optional.of(new Hit<>(value, bits[i], keys[i][at]));
            }
        }
        return Optional.empty();
    }

    int size() {
        int n = 0;
        for (long[] k : keys) {
            n += k.length;
        }
        return n;
    }

    /** A match: the value, and the prefix (its top {@code bits} bits) it was stored under. */
    record Hit<T>(T value, int bits, long prefix) {}

    static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** Collects prefixes; the first value put for a prefix is kept. */
    static final class Builder<T> {
        private final Map<Integer, Map<Long, T>> byBits = new TreeMap<>((a, b) -> b - a);

        /** @return false when the prefix was already present (the earlier value stays) */
        boolean put(int bits, long prefix, T value) {
            if (bits < 1 || bits > 48 || prefix < 0 || prefix >>> bits != 0) {
                throw new IllegalArgumentException("prefix " + Long.toHexString(prefix) + "/" + bits);
            }
            // Hashed, sorted once in build: a tree map per length was a tenth of loading the full registry.
            return byBits.computeIfAbsent(bits, b -> new HashMap<>()).putIfAbsent(prefix, value) == null;
        }

        PrefixTable<T> build() {
            List<Integer> lengths = new ArrayList<>(byBits.keySet());
            int[] bits = new int[lengths.size()];
            long[][] keys = new long[bits.length][];
            Object[][] values = new Object[bits.length][];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = lengths.get(i);
                Map<Long, T> m = byBits.get(bits[i]);
                keys[i] = new long[m.size()];
                values[i] = new Object[m.size()];
                int j = 0;
                for (Long k : m.keySet()) {
                    keys[i][j++] = k;
                }
                Arrays.sort(keys[i]);
                for (j = 0; j < keys[i].length; j++) {
                    values[i][j] = m.get(keys[i][j]);
                }
            }
            return new PrefixTable<>(bits, keys, values);
        }
    }
}
