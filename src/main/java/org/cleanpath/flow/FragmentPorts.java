package org.cleanpath.flow;

import org.cleanpath.decode.IpLayer;

/**
 * Remembers the transport ports of fragmented datagrams so their later fragments count into the
 * same flow. Direct-mapped (a collision overwrites an older datagram) to stay allocation-free and
 * bounded: fragments are rare and short-lived, and a lost entry only costs the 0/0 key below.
 */
final class FragmentPorts {
    private static final int SIZE = 1 << 14;
    private final long[] srcHi = new long[SIZE], srcLo = new long[SIZE], dstHi = new long[SIZE], dstLo = new long[SIZE];
    private final long[] ids = new long[SIZE];
    private final int[] protos = new int[SIZE];
    private final int[] ports = new int[SIZE];
    private final boolean[] used = new boolean[SIZE];

    /**
     * Records a first fragment's ports; returns true when this datagram's first fragment was already
     * seen (a duplicate, which counts as an extra fragment rather than a second datagram).
     */
    boolean remember(IpLayer l, int portPair) {
        int i = slot(l);
        boolean duplicate = matches(i, l);
        srcHi[i] = l.srcHi;
        srcLo[i] = l.srcLo;
        dstHi[i] = l.dstHi;
        dstLo[i] = l.dstLo;
        ids[i] = l.fragmentId;
        protos[i] = l.protocol;
        ports[i] = portPair;
        used[i] = true;
        return duplicate;
    }

    /** Ports of the datagram this fragment belongs to, or 0 (ports 0/0) when its first fragment was not seen. */
    int lookup(IpLayer l) {
        int i = slot(l);
        return matches(i, l) ? ports[i] : 0;
    }

    private boolean matches(int i, IpLayer l) {
        return used[i] && ids[i] == l.fragmentId && protos[i] == l.protocol && srcLo[i] == l.srcLo
                && dstLo[i] == l.dstLo && srcHi[i] == l.srcHi && dstHi[i] == l.dstHi;
    }

    private static int slot(IpLayer l) {
        long h = (l.srcLo * 31 + l.dstLo) * 0x9E3779B97F4A7C15L + l.fragmentId * 0xC2B2AE3D27D4EB4FL + l.protocol;
        h ^= l.srcHi ^ l.dstHi;
        return (int) (h ^ (h >>> 32)) & (SIZE - 1);
    }
}
