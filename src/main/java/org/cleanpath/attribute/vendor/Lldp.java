package org.cleanpath.attribute.vendor;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses an LLDP PDU (IEEE 802.1AB; EtherType 0x88cc, the bytes after the EtherType) into a
 * {@link Neighbor}. Never throws on garbage: a PDU that does not start with a chassis ID TLV is no
 * neighbor; a TLV running past the bytes ends the parse with what was read so far (snap length).
 */
public final class Lldp {
    public static final int ETHERTYPE = 0x88cc;

    private static final int END = 0;
    private static final int CHASSIS_ID = 1;
    private static final int PORT_ID = 2;
    private static final int TTL = 3;
    private static final int PORT_DESCRIPTION = 4;
    private static final int SYSTEM_NAME = 5;
    private static final int SYSTEM_DESCRIPTION = 6;
    private static final int SYSTEM_CAPABILITIES = 7;
    private static final int MANAGEMENT_ADDRESS = 8;

    /** System capabilities bits, bit 0 first (802.1AB table 8-4). */
    private static final String[] CAPABILITIES = {
        "other", "repeater", "bridge", "wlan-access-point", "router", "telephone", "docsis-cable-device",
        "station", "c-vlan", "s-vlan", "two-port-mac-relay"
    };

    private Lldp() {}

    /**
     * @param offset first byte after the EtherType
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
        int end = offset + length;
        int pos = offset;
        String chassisId = null, portId = null, portDescription = null, systemName = null, systemDescription = null;
        long chassisMac = Mac.NONE;
        int ttl = -1;
        List<String> capabilities = List.of();
        Set<String> management = new LinkedHashSet<>();
        while (pos + 2 <= end) {
            int header = Wire.u16(b, pos);
            int type = header >>> 9;
            int len = header & 0x1ff;
            int v = pos + 2;
            if (v + len > end) {
                break;
            }
            if (pos == offset && (type != CHASSIS_ID || len < 2)) {
                return null;
            }
            switch (type) {
                case END -> pos = end;
                case CHASSIS_ID -> {
                    // Only the first TLV is checked for len >= 2; a later, empty Chassis ID TLV made
                    // idText build a StringBuilder of -2 chars (NegativeArraySizeException, found by fuzzing).
                    if (len >= 1) {
                        int subtype = Wire.u8(b, v);
                        if (subtype == 4 && len == 7) {
                            chassisMac = Wire.mac(b, v + 1);
                        }
                        chassisId = idText(b, v + 1, len - 1, subtype, 4, 5);
                    }
                }
                case PORT_ID -> portId = len < 1 ? null : idText(b, v + 1, len - 1, Wire.u8(b, v), 3, 4);
                case TTL -> ttl = len >= 2 ? Wire.u16(b, v) : ttl;
                case PORT_DESCRIPTION -> portDescription = Wire.text(b, v, len);
                case SYSTEM_NAME -> systemName = Wire.text(b, v, len);
                case SYSTEM_DESCRIPTION -> systemDescription = Wire.text(b, v, len);
                case SYSTEM_CAPABILITIES -> capabilities = len >= 4 ? Wire.flagNames(Wire.u16(b, v + 2), CAPABILITIES) : capabilities;
                case MANAGEMENT_ADDRESS -> managementAddress(b, v, len).ifPresent(management::add);
                default -> { } // organizationally specific (127) and reserved TLVs carry nothing we report
            }
            if (type != END) {
                pos = v + len;
            }
        }
        if (chassisId == null) {
            return null;
        }
        return new Neighbor("lldp", chassisId, portId, portDescription, ttl, systemName, systemDescription, null, null,
                capabilities, new ArrayList<>(management), chassisMac != Mac.NONE ? chassisMac : sourceMac, sourceMac);
    }

    /**
     * Chassis and port IDs share their forms but number them differently: a MAC, a network address
     * (IANA family byte, then the address), or text for the name-like subtypes.
     */
    private static String idText(ByteBuffer b, int off, int len, int subtype, int macSubtype, int addressSubtype) {
        if (subtype == macSubtype && len == 6) {
            return Mac.format(Wire.mac(b, off));
        }
        if (subtype == addressSubtype && len >= 1) {
            return address(b, off + 1, len - 1, Wire.u8(b, off));
        }
        if (subtype >= 1 && subtype <= 7 && subtype != macSubtype && subtype != addressSubtype) {
            return Wire.text(b, off, len);
        }
        return Wire.hex(b, off, len);
    }

    /** Management address TLV: string length (subtype byte included), IANA family, address, then interface and OID. */
    private static Optional<String> managementAddress(ByteBuffer b, int v, int len) {
        if (len < 2) {
            return Optional.empty();
        }
        int stringLength = Wire.u8(b, v);
        if (stringLength < 2 || 1 + stringLength > len) {
            return Optional.empty();
        }
        return Optional.of(address(b, v + 2, stringLength - 1, Wire.u8(b, v + 1)));
    }

    /** An address of IANA address family {@code family} (1 IPv4, 2 IPv6, 6 IEEE 802 MAC); hex otherwise. */
    private static String address(ByteBuffer b, int off, int len, int family) {
        if (family == 1 && len == 4) {
            return Wire.ipv4(b, off);
        }
        if (family == 2 && len == 16) {
            return Wire.ipv6(b, off);
        }
        if (family == 6 && len == 6) {
            return Mac.format(Wire.mac(b, off));
        }
        return Wire.hex(b, off, len);
    }
}
