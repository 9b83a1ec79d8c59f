package org.cleanpath.decode;

/**
 * BSD loopback headers: NULL (link type 0, a 4-byte address family in the capturing host's byte
 * order) and LOOP (108, the same in network byte order).
 */
final class NullLoopbackDecoder {
    private static final int AF_INET = 2;
    /** AF_INET6 differs per BSD: NetBSD/OpenBSD 24, FreeBSD 28, macOS 30. */
    private static final int AF_INET6_BSD = 24;
    private static final int AF_INET6_FREEBSD = 28;
    private static final int AF_INET6_DARWIN = 30;

    private NullLoopbackDecoder() {}

    static void decode(DecodeState s, int off, int end, boolean networkOrder) {
        if (!s.enterL2(off, 4, end)) {
            return;
        }
        long family = s.u32(off);
        // Families are small numbers: a value in the high half was written little-endian.
        if (!networkOrder && family > 0xFFFF) {
            family = Integer.reverseBytes((int) family) & 0xFFFF_FFFFL;
        }
        if (family == AF_INET) {
            EthernetDecoder.decodeEtherType(s, EthernetDecoder.IPV4, off + 4, end);
        } else if (family == AF_INET6_BSD || family == AF_INET6_FREEBSD || family == AF_INET6_DARWIN) {
            EthernetDecoder.decodeEtherType(s, EthernetDecoder.IPV6, off + 4, end);
        } else if (s.u16(off + 2) >= 0x0600) {
            // Some capturing systems put an EtherType in the low-addressed half instead (Wireshark's
            // packet-null.c accepts the same).
            EthernetDecoder.decodeEtherType(s, s.u16(off + 2), off + 4, end);
        } else {
            s.nonIp = true;
        }
    }
}
