package org.cleanpath.generate;

/** NTPv4 client request and server reply (RFC 5905), 48 bytes each. */
final class Ntp {
    static final int PORT = 123;
    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    private static final long UNIX_OFFSET = 2_208_988_800L;

    private Ntp() {}

    static byte[] request(long transmitNanos) {
        ByteSink out = new ByteSink().u8(0x23).u8(0).u8(6).u8(0xe9); // LI 0, version 4, mode 3 (client)
        out.u32(0).u32(0).u32(0); // root delay, root dispersion, reference id
        out.zeros(24); // reference, origin, receive timestamps
        timestamp(out, transmitNanos);
        return out.toByteArray();
    }

    static byte[] reply(long originNanos, long receiveNanos, long transmitNanos, String referenceId) {
        ByteSink out = new ByteSink().u8(0x24).u8(2).u8(6).u8(0xe8); // version 4, mode 4 (server), stratum 2
        out.u32(0x0000_0120L).u32(0x0000_0300L).bytes(Packets.address(referenceId));
        timestamp(out, receiveNanos - 16_000_000_000L);
        timestamp(out, originNanos);
        timestamp(out, receiveNanos);
        timestamp(out, transmitNanos);
        return out.toByteArray();
    }

    private static void timestamp(ByteSink out, long unixNanos) {
        long seconds = Math.floorDiv(unixNanos, 1_000_000_000L) + UNIX_OFFSET;
        long fraction = (Math.floorMod(unixNanos, 1_000_000_000L) << 32) / 1_000_000_000L;
        out.u32(seconds).u32(fraction);
    }
}
