package org.cleanpath.generate;

/** The Internet checksum (RFC 1071) and the IPv4/IPv6 pseudo-header sums that TCP, UDP and ICMPv6 use. */
final class Checksum {
    private Checksum() {}

    /** One's complement sum of {@code data} added to {@code sum}, not yet folded or inverted. */
    static long add(long sum, byte[] data, int offset, int length) {
        int end = offset + length;
        int i = offset;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
        }
        return sum;
    }

    static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    static int of(byte[] data, int offset, int length) {
        return finish(add(0, data, offset, length));
    }

    /** Checksum of a transport segment over the pseudo-header of its IPv4 or IPv6 addresses. */
    static int transport(byte[] src, byte[] dst, int protocol, byte[] segment) {
        long sum = add(0, src, 0, src.length);
        sum = add(sum, dst, 0, dst.length);
        sum += protocol;
        sum += segment.length;
        return finish(add(sum, segment, 0, segment.length));
    }
}
