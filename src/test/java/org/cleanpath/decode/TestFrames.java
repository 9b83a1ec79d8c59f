package org.cleanpath.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.cleanpath.capture.Frame;

/** Builds frames from hex and checks decoded addresses, for the decoder tests. */
final class TestFrames {
    /** Frames sit this far into their buffer, as in a reader's block buffer. */
    static final int LEAD = 3;

    private TestFrames() {}

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** A frame whose captured bytes are all of {@code hex}. */
    static Frame frame(int linkType, String hex) {
        byte[] b = bytes(hex);
        return frame(linkType, b, b.length);
    }

    /**
     * A frame holding {@code data} at offset {@link #LEAD} of a little-endian buffer with junk
     * around it, so decoders must honour offset, captured length and byte order.
     */
    static Frame frame(int linkType, byte[] data, int originalLength) {
        ByteBuffer buffer = ByteBuffer.allocate(LEAD + data.length + 5).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, (byte) 0x45);
        }
        buffer.put(LEAD, data);
        Frame f = new Frame();
        f.buffer = buffer;
        f.offset = LEAD;
        f.capturedLength = data.length;
        f.originalLength = originalLength;
        f.linkType = linkType;
        return f;
    }

    static Packet decode(int linkType, String hex) {
        return decode(frame(linkType, hex));
    }

    static Packet decode(Frame frame) {
        Packet p = new Packet();
        new PacketDecoder().decode(frame, p);
        return p;
    }

    static void assertSrc(String address, IpLayer l) {
        assertAddress(address, l.srcHi, l.srcLo);
    }

    static void assertDst(String address, IpLayer l) {
        assertAddress(address, l.dstHi, l.dstLo);
    }

    static void assertAddress(String address, long hi, long lo) {
        ByteBuffer expected = ByteBuffer.wrap(ipv6Bytes(address));
        String message = "expected " + address + " but was " + text(hi, lo);
        assertEquals(expected.getLong(0), hi, message);
        assertEquals(expected.getLong(8), lo, message);
    }

    /** The frame's hex from byte {@code from} on (e.g. 14 to drop an Ethernet header). */
    static String from(String frameHex, int from) {
        return frameHex.replaceAll("\\s+", "").substring(2 * from);
    }

    /**
     * A minimal IPv4 header (RFC 791) around {@code payload}: version 4, IHL 5, TOS 0, total length,
     * id 0, no fragmentation, TTL 64, protocol, checksum 0 (not verified), source, destination.
     */
    static String ipv4(int protocol, String src, String dst, String payload) {
        return "45" + "00" + String.format("%04x", 20 + payload.length() / 2) + "0000" + "0000" + "40"
                + String.format("%02x", protocol) + "0000" + src + dst + payload;
    }

    /** An IPv6 header (RFC 8200): version 6, class/flow 0, payload length, next header, hop limit 64. */
    static String ipv6(int nextHeader, String src, String dst, String payload) {
        return "60000000" + String.format("%04x", payload.length() / 2) + String.format("%02x", nextHeader) + "40"
                + src + dst + payload;
    }

    /** A UDP header (RFC 768) with checksum 0 (none) around {@code payload}. */
    static String udp(int srcPort, int dstPort, String payload) {
        return String.format("%04x%04x%04x", srcPort, dstPort, 8 + payload.length() / 2) + "0000" + payload;
    }

    /** Ethernet II header with locally administered MACs 0a:..:02 (source) and 0a:..:01. */
    static String ethernet(String etherType, String payload) {
        return "0a0000000001" + "0a0000000002" + etherType + payload;
    }

    static long mac(String colonHex) {
        return Long.parseLong(colonHex.replace(":", ""), 16);
    }

    /** The 16-byte form used by IpLayer: IPv6 as-is, IPv4 mapped into ::ffff:0:0/96. */
    private static byte[] ipv6Bytes(String address) {
        try {
            byte[] raw = InetAddress.getByName(address).getAddress();
            if (raw.length == 16) {
                return raw;
            }
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(raw, 0, mapped, 12, 4);
            return mapped;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    private static String text(long hi, long lo) {
        try {
            return InetAddress.getByAddress(ByteBuffer.allocate(16).putLong(hi).putLong(lo).array())
                    .getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
