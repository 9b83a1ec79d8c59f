package org.cleanpath.flow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cleanpath.decode.Undecodable;

/**
 * The packet accounting every run reports: each frame read is decoded, undecodable (by reason) or
 * non-IP (by EtherType), so {@code read == decoded + undecodable + nonIp} always holds.
 */
public final class PacketCounts {
    long read, decoded, nonIp, undecodable, truncated;
    long capturedBytes, wireBytes;
    long firstNanos = Long.MAX_VALUE, lastNanos = Long.MIN_VALUE;
    final long[] nonIpByEtherType = new long[0x10000];
    final long[] undecodableByReason = new long[Undecodable.values().length];
    final Map<Integer, Long> unsupportedLinkTypes = new TreeMap<>();
    final List<String> warnings = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    int filesRead;

    public long read() { return read; }
    public long decoded() { return decoded; }
    public long nonIp() { return nonIp; }
    public long undecodable() { return undecodable; }
    public long truncated() { return truncated; }
    public long capturedBytes() { return capturedBytes; }
    public long wireBytes() { return wireBytes; }
    public int filesRead() { return filesRead; }

    /** First packet time in ns since the epoch, or -1 when no packet was read. */
    public long firstNanos() { return read == 0 ? -1 : firstNanos; }
    public long lastNanos() { return read == 0 ? -1 : lastNanos; }

    /** Non-IP frames per EtherType (802.3 frames, whose type field is a length, under "802.3/LLC"). */
    public Map<String, Long> nonIpByType() {
        Map<String, Long> out = new TreeMap<>();
        for (int t = 0; t < nonIpByEtherType.length; t++) {
            if (nonIpByEtherType[t] != 0) {
                out.merge(t < 0x600 ? "802.3/LLC" : String.format("0x%04x", t), nonIpByEtherType[t], Long::sum);
            }
        }
        return out;
    }

    public Map<String, Long> undecodableByReason() {
        Map<String, Long> out = new TreeMap<>();
        for (Undecodable u : Undecodable.values()) {
            if (undecodableByReason[u.ordinal()] != 0) {
                out.put(u.description(), undecodableByReason[u.ordinal()]);
            }
        }
        return out;
    }

    public Map<Integer, Long> unsupportedLinkTypes() {
        return Collections.unmodifiableMap(unsupportedLinkTypes);
    }

    /** Damage found in inputs (file, byte offset, what was expected); the input before it was analysed. */
    public List<String> warnings() { return Collections.unmodifiableList(warnings); }

    /** Inputs that could not be read at all. */
    public List<String> errors() { return Collections.unmodifiableList(errors); }

    public boolean inputDamaged() {
        return !warnings.isEmpty() || !errors.isEmpty();
    }
}
