package org.cleanpath.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 prefix over addresses kept as two longs (IPv4 as IPv4-mapped IPv6). */
public record Cidr(long hi, long lo, int prefixLength, String text) {

    /** Parses "10.0.0.0/8", "2001:db8::/32" or a bare address; throws IllegalArgumentException when malformed. */
    public static Cidr parse(String s) {
        String t = s.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        if (addr.isEmpty() || !(addr.indexOf(':') >= 0 || addr.matches("[0-9.]+"))) {
            throw new IllegalArgumentException("'" + s + "' is not an IP prefix (expected e.g. 10.0.0.0/8 or 2001:db8::/32)");
        }
        byte[] b;
        try {
            b = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + s + "' is not an IP prefix (expected e.g. 10.0.0.0/8 or 2001:db8::/32)");
        }
        int max = b.length * 8;
        int len;
        try {
            len = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "': prefix length is not a number");
        }
        if (len < 0 || len > max) {
            throw new IllegalArgumentException("'" + s + "': prefix length must be 0.." + max);
        }
        long hi = 0, lo = 0;
        if (b.length == 4) {
            lo = 0x0000_ffff_0000_0000L | ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
            len += 96;
        } else {
            for (int i = 0; i < 8; i++) {
                hi = hi << 8 | (b[i] & 0xff);
                lo = lo << 8 | (b[i + 8] & 0xff);
            }
        }
        return new Cidr(hi & mask(len, 0), lo & mask(len, 64), len, t);
    }

    public boolean contains(long addrHi, long addrLo) {
        return (addrHi & HI_MASKS[prefixLength]) == hi && (addrLo & LO_MASKS[prefixLength]) == lo;
    }

    /** {@link #mask} of each prefix length for the two halves, looked up by {@link #contains}. */
    private static final long[] HI_MASKS = masks(0);
    private static final long[] LO_MASKS = masks(64);

    private static long[] masks(int start) {
        long[] masks = new long[129];
        for (int len = 0; len <= 128; len++) {
            masks[len] = mask(len, start);
        }
        return masks;
    }

    /** The bits of a 64-bit half (starting at bit {@code start} of 128) that a prefix of {@code len} covers. */
    private static long mask(int len, int start) {
        int bits = Math.max(0, Math.min(64, len - start));
        return bits == 0 ? 0 : -1L << (64 - bits);
    }

    @Override
    public String toString() {
        return text;
    }
}
