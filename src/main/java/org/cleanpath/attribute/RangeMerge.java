package org.cleanpath.attribute;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Overlays two lists of inclusive ranges into one sequence of ranges, each with the value each list
 * has there (or null): how a country and a registered-country source become one record per network.
 *
 * <p>Within one list a later row overrides the earlier rows it overlaps, as when networks are
 * inserted into the search tree one after another: ip-location-db lists a wide whois range first
 * and the geofeed ranges inside it after, so the more specific answer wins.
 */
final class RangeMerge {
    /** An inclusive range with its value. */
    record Range(BigInteger start, BigInteger end, String value) {}

    /** Receives one merged range; at least one of {@code a}, {@code b} is non-null. */
    interface Sink {
        void accept(BigInteger start, BigInteger end, String a, String b);
    }

    private RangeMerge() {}

    /** The ranges in list order, later overriding earlier where they overlap, as sorted disjoint ranges. */
    static List<Range> flatten(List<Range> rows) {
        TreeMap<BigInteger, Range> byStart = new TreeMap<>();
        for (Range row : rows) {
            // Trim or drop the ranges this row overlaps, keeping their parts outside it.
            Map.Entry<BigInteger, Range> before = byStart.lowerEntry(row.start());
            if (before != null && before.getValue().end().compareTo(row.start()) >= 0) {
                Range old = before.getValue();
                byStart.put(old.start(), new Range(old.start(), row.start().subtract(BigInteger.ONE), old.value()));
                if (old.end().compareTo(row.end()) > 0) {
                    byStart.put(row.end().add(BigInteger.ONE), new Range(row.end().add(BigInteger.ONE), old.end(), old.value()));
                }
            }
            for (Map.Entry<BigInteger, Range> e = byStart.ceilingEntry(row.start());
                    e != null && e.getKey().compareTo(row.end()) <= 0;
                    e = byStart.ceilingEntry(row.start())) {
                Range old = byStart.remove(e.getKey());
                if (old.end().compareTo(row.end()) > 0) {
                    byStart.put(row.end().add(BigInteger.ONE), new Range(row.end().add(BigInteger.ONE), old.end(), old.value()));
                }
            }
            byStart.put(row.start(), row);
        }
        return new ArrayList<>(byStart.values());
    }

    /** Merges two sorted lists of disjoint ranges (see {@link #flatten}). */
    static void merge(List<Range> as, List<Range> bs, Sink sink) {
        int i = 0, j = 0;
        BigInteger cur = null;
        while (true) {
            while (i < as.size() && cur != null && as.get(i).end().compareTo(cur) < 0) i++;
            while (j < bs.size() && cur != null && bs.get(j).end().compareTo(cur) < 0) j++;
            if (i >= as.size() && j >= bs.size()) return;
            Range a = i < as.size() ? as.get(i) : null;
            Range b = j < bs.size() ? bs.get(j) : null;
            BigInteger first = min(a == null ? null : a.start(), b == null ? null : b.start());
            if (cur == null || cur.compareTo(first) < 0) cur = first;
            boolean aActive = a != null && a.start().compareTo(cur) <= 0;
            boolean bActive = b != null && b.start().compareTo(cur) <= 0;
            // The segment ends where an active range ends or an inactive one starts, whichever is first.
            BigInteger next = null;
            if (a != null) next = min(next, aActive ? a.end().add(BigInteger.ONE) : a.start());
            if (b != null) next = min(next, bActive ? b.end().add(BigInteger.ONE) : b.start());
            sink.accept(cur, next.subtract(BigInteger.ONE), aActive ? a.value() : null, bActive ? b.value() : null);
            cur = next;
        }
    }

    private static BigInteger min(BigInteger x, BigInteger y) {
        if (x == null) return y;
        if (y == null) return x;
        return x.min(y);
    }
}
