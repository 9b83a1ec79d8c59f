package org.cleanpath.flow;

/**
 * Zeek-style connection uids ("C" + base62). Derived from the flow's sequence number so a run over
 * the same input always prints the same uids (Zeek's are random; reproducible ones diff better).
 */
public final class Uids {
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private Uids() {}

    public static String of(long sequence) {
        long v = mix(sequence + 0x5DEECE66DL);
        char[] out = new char[12];
        out[0] = 'C';
        for (int i = 1; i < out.length; i++) {
            out[i] = BASE62[(int) Long.remainderUnsigned(v, 62)];
            v = Long.divideUnsigned(v, 62);
        }
        return new String(out);
    }

    /** A bijective 64-bit mixer (splitmix64's finalizer): distinct sequences give distinct uids. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
