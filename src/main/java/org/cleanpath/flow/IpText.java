package org.cleanpath.flow;

/**
 * Formats addresses kept as two longs (IPv4 as IPv4-mapped IPv6, see {@code decode.IpLayer}) in
 * their usual text forms: dotted quad for IPv4, RFC 5952 compressed form for IPv6.
 */
public final class IpText {
    private static final long V4_MAPPED_MASK = 0xffff_ffff_0000_0000L;
    private static final long V4_MAPPED_PREFIX = 0x0000_ffff_0000_0000L;

    private IpText() {}

    public static boolean isV4(long hi, long lo) {
        return hi == 0 && (lo & V4_MAPPED_MASK) == V4_MAPPED_PREFIX;
    }

    public static String format(long hi, long lo) {
        StringBuilder sb = new StringBuilder(39);
        append(sb, hi, lo);
        return sb.toString();
    }

    // Kept out of its callers' compiled code by src/main/jvm.options (see there): rename it there too.
    public static void append(StringBuilder sb, long hi, long lo) {
        if (isV4(hi, lo)) {
            sb.append((lo >>> 24) & 0xff).append('.').append((lo >>> 16) & 0xff).append('.')
                    .append((lo >>> 8) & 0xff).append('.').append(lo & 0xff);
            return;
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            groups[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        // RFC 5952: compress the longest run (of at least two) of zero groups, the first one on ties.
        int bestStart = -1, bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(groups[i]));
            if (i < 7) {
                sb.append(':');
            }
        }
    }
}
