package org.cleanpath.attribute.vendor;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses a Cisco Discovery Protocol PDU into a {@link Neighbor}: the bytes after the LLC SNAP header
 * (OUI 00:00:0c, PID 0x2000) on Ethernet, or the GRE payload when the GRE protocol type is 0x2000.
 * Never throws on garbage: a PDU of another version or without a device ID is no neighbor; a TLV
 * running past the bytes ends the parse with what was read so far.
 */
public final class Cdp {
    /** SNAP protocol ID, and GRE protocol type, of CDP. */
    public static final int PID = 0x2000;

    private static final int DEVICE_ID = 0x0001;
    private static final int ADDRESSES = 0x0002;
    private static final int PORT_ID = 0x0003;
    private static final int CAPABILITIES = 0x0004;
    private static final int SOFTWARE_VERSION = 0x0005;
    private static final int PLATFORM = 0x0006;
    private static final int SYSTEM_NAME = 0x0014;
    private static final int MANAGEMENT_ADDRESSES = 0x0016;

    /** Capabilities bits, bit 0 first, as Wireshark's CDP dissector names them. */
    private static final String[] CAPABILITY_NAMES = {
        "router", "transparent-bridge", "source-route-bridge", "switch", "host", "igmp", "repeater",
        "phone", "remotely-managed", "cvta", "two-port-mac-relay"
    };

    /** 802.2 protocol field that marks an IPv6 address in a CDP address list. */
    private static final long SNAP_IPV6 = 0xaaaa_0300_0000_86ddL;

    private Cdp() {}

    /**
     * @param offset the CDP version byte
     * @param sourceMac the frame's source MAC, or {@link Mac#NONE}
     */
    public static Optional<Neighbor> parse(ByteBuffer buf, int offset, int length, long sourceMac) {
        try {
            return Optional.ofNullable(parseOrNull(buf, offset, Math.min(length, buf.limit() - offset), sourceMac));
        } catch (IndexOutOfBoundsException e) {
            return Optional.empty(); // offsets outside the buffer: garbage by definition
        }
    }

    private static Neighbor parseOrNull(ByteBuffer b, int offset, int length, long sourceMac) {
        if (length < 4) {
            return null;
        }
        int version = Wire.u8(b, offset);
        if (version != 1 && version != 2) {
            return null;
        }
        int ttl = Wire.u8(b, offset + 1);
        int end = offset + length;
        String deviceId = null, portId = null, software = null, platform = null, systemName = null;
        List<String> capabilities = List.of();
        Set<String> addresses = new LinkedHashSet<>();
        for (int pos = offset + 4; pos + 4 <= end; ) {
            int type = Wire.u16(b, pos);
            int len = Wire.u16(b, pos + 2);
            if (len < 4 || pos + len > end) {
                break;
            }
            int v = pos + 4;
            int vlen = len - 4;
            switch (type) {
                case DEVICE_ID -> deviceId = Wire.text(b, v, vlen);
                case ADDRESSES, MANAGEMENT_ADDRESSES -> addresses(b, v, vlen, addresses);
                case PORT_ID -> portId = Wire.text(b, v, vlen);
                case CAPABILITIES -> capabilities = vlen >= 4 ? Wire.flagNames(Wire.u32(b, v), CAPABILITY_NAMES) : capabilities;
                case SOFTWARE_VERSION -> software = Wire.text(b, v, vlen);
                case PLATFORM -> platform = Wire.text(b, v, vlen);
                case SYSTEM_NAME -> systemName = Wire.text(b, v, vlen);
                default -> { } // VTP domain, native VLAN, duplex, power ... are not reported
            }
            pos += len;
        }
        if (deviceId == null) {
            return null;
        }
        return new Neighbor("cdp", deviceId, portId, null, ttl, systemName != null ? systemName : deviceId, null, platform,
                software, capabilities, new ArrayList<>(addresses), sourceMac, sourceMac);
    }

    /**
     * An address list: a 4-byte count, then per address a protocol type (1 NLPID, 2 802.2), protocol
     * length, protocol, 2-byte address length and address. IPv4 (NLPID 0xcc) and IPv6 (802.2 SNAP
     * 0x86dd) are kept; other network protocols (CLNS, DECnet ...) are skipped.
     */
    private static void addresses(ByteBuffer b, int v, int vlen, Set<String> out) {
        int end = v + vlen;
        if (vlen < 4) {
            return;
        }
        long count = Wire.u32(b, v);
        int p = v + 4;
        for (long i = 0; i < count && p + 2 <= end; i++) {
            int protocolType = Wire.u8(b, p);
            int protocolLength = Wire.u8(b, p + 1);
            int a = p + 2 + protocolLength;
            if (a + 2 > end) {
                return;
            }
            int addressLength = Wire.u16(b, a);
            if (a + 2 + addressLength > end) {
                return;
            }
            if (protocolType == 1 && protocolLength == 1 && Wire.u8(b, p + 2) == 0xcc && addressLength == 4) {
                out.add(Wire.ipv4(b, a + 2));
            } else if (protocolType == 2 && protocolLength == 8 && Wire.u32(b, p + 2) == SNAP_IPV6 >>> 32
                    && Wire.u32(b, p + 6) == (SNAP_IPV6 & 0xffff_ffffL) && addressLength == 16) {
                out.add(Wire.ipv6(b, a + 2));
            }
            p = a + 2 + addressLength;
        }
    }
}
