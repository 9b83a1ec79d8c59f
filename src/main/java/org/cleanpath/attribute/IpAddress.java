package org.cleanpath.attribute;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.cleanpath.decode.IpLayer;

/**
 * An IP address as two longs, the layout of {@link IpLayer}: IPv6 as-is, IPv4 as the IPv4-mapped
 * {@code ::ffff:a.b.c.d}. Also the attribution cache key, so it stays a small record.
 *
 * <p>{@link #parse} reads literal addresses only and never resolves a name.
 */
public record IpAddress(long hi, long lo) {
    private static final long V4_MASK = 0xFFFF_FFFF_0000_0000L;

    /** The IPv4 address with the given unsigned 32-bit value, in mapped form. */
    public static IpAddress ofIpv4(long value) {
        return new IpAddress(0, IpLayer.V4_MAPPED_PREFIX | (value & 0xFFFF_FFFFL));
    }

    public static IpAddress of(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) return ofIpv4(toLong(b, 0, 4));
        return new IpAddress(toLong(b, 0, 8), toLong(b, 8, 8));
    }

    /** The address as an unsigned 128-bit value (IPv4 mapped). */
    public static IpAddress of(BigInteger value) {
        return new IpAddress(value.shiftRight(64).longValue(), value.longValue());
    }

    public boolean isIpv4() {
        return isIpv4(hi, lo);
    }

    /** Whether an address in the two-long layout is IPv4 (::ffff:a.b.c.d). */
    public static boolean isIpv4(long hi, long lo) {
        return hi == 0 && (lo & V4_MASK) == IpLayer.V4_MAPPED_PREFIX;
    }

    /** The IPv4 address as an unsigned 32-bit value; meaningful only when {@link #isIpv4()}. */
    public long ipv4() {
        return lo & 0xFFFF_FFFFL;
    }

    public BigInteger toBigInteger() {
        return new BigInteger(1, toBytes16());
    }

    /** An {@link Inet4Address} for IPv4, else an Inet6Address; no name lookup. */
    public InetAddress toInetAddress() {
        try {
            if (isIpv4()) {
                long v = ipv4();
                return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
            }
            return InetAddress.getByAddress(toBytes16());
        } catch (UnknownHostException e) {
            throw new AssertionError("raw address bytes are always valid", e);
        }
    }

    private byte[] toBytes16() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return b;
    }

    private static long toLong(byte[] b, int from, int length) {
        long v = 0;
        for (int i = 0; i < length; i++) v = (v << 8) | (b[from + i] & 0xFF);
        return v;
    }

    /**
     * Parses a literal IPv4 (dotted quad) or IPv6 address; brackets and a zone ({@code %eth0}) are
     * allowed and dropped.
     *
     * @throws IllegalArgumentException when the text is not an address
     */
    public static IpAddress parse(String text) {
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1);
        int zone = s.indexOf('%');
        if (zone >= 0) s = s.substring(0, zone);
        if (s.indexOf(':') < 0) return ofIpv4(parseIpv4(s, text));
        return parseIpv6(s, text);
    }

    private static long parseIpv4(String s, String original) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) throw bad(original);
        long v = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) throw bad(original);
            int octet = Integer.parseInt(part);
            if (octet > 255) throw bad(original);
            v = (v << 8) | octet;
        }
        return v;
    }

    private static IpAddress parseIpv6(String s, String original) {
        int[] groups = new int[8];
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) throw bad(original);
        String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
        String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
        int[] headGroups = groups(head, original, doubleColon < 0);
        int[] tailGroups = groups(tail, original, true);
        int total = headGroups.length + tailGroups.length;
        if (doubleColon < 0 ? total != 8 : total > 7) throw bad(original);
        System.arraycopy(headGroups, 0, groups, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, groups, 8 - tailGroups.length, tailGroups.length);
        long hi = 0, lo = 0;
        for (int i = 0; i < 4; i++) hi = (hi << 16) | groups[i];
        for (int i = 4; i < 8; i++) lo = (lo << 16) | groups[i];
        return new IpAddress(hi, lo);
    }

    /** Colon-separated hex groups; the last may be a dotted quad (two groups) when allowed. */
    private static int[] groups(String part, String original, boolean mayEndInIpv4) {
        if (part.isEmpty()) return new int[0];
        String[] fields = part.split(":", -1);
        boolean v4 = mayEndInIpv4 && fields[fields.length - 1].indexOf('.') >= 0;
        int[] out = new int[fields.length + (v4 ? 1 : 0)];
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            if (v4 && i == fields.length - 1) {
                long v = parseIpv4(f, original);
                out[i] = (int) (v >>> 16);
                out[i + 1] = (int) (v & 0xFFFF);
                break;
            }
            if (f.isEmpty() || f.length() > 4) throw bad(original);
            int g = 0;
            for (int k = 0; k < f.length(); k++) {
                int d = Character.digit(f.charAt(k), 16);
                if (d < 0) throw bad(original);
                g = (g << 4) | d;
            }
            out[i] = g;
        }
        return out;
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("not an IP address: '" + text + "'");
    }

    /** Dotted quad for IPv4, RFC 5952 text for IPv6. */
    @Override
    public String toString() {
        if (isIpv4()) {
            long v = ipv4();
            return (v >>> 24) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xFFFF;
            g[4 + i] = (int) (lo >>> (48 - 16 * i)) & 0xFFFF;
        }
        int bestStart = -1, bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
