package org.cleanpath.generate;

/** LLDPDUs (IEEE 802.1AB) as a router sends them: mandatory TLVs plus name, description and capabilities. */
final class Lldp {
    /** Nearest-bridge group address that LLDP frames go to. */
    static final long MULTICAST = 0x0180_c200_000eL;

    private static final int CHASSIS_ID = 1;
    private static final int PORT_ID = 2;
    private static final int TTL = 3;
    private static final int PORT_DESCRIPTION = 4;
    private static final int SYSTEM_NAME = 5;
    private static final int SYSTEM_DESCRIPTION = 6;
    private static final int CAPABILITIES = 7;
    private static final int MANAGEMENT_ADDRESS = 8;

    private Lldp() {}

    /** The LLDPDU: chassis id = {@code chassisMac}, port id = interface name. */
    static byte[] pdu(long chassisMac, String port, String portDescription, String systemName,
            String systemDescription, byte[] managementIpv4, int ifIndex) {
        ByteSink out = new ByteSink();
        int start = open(out, CHASSIS_ID);
        out.u8(4).u16((int) (chassisMac >>> 32)).u32(chassisMac & 0xffff_ffffL); // subtype 4: MAC address
        close(out, CHASSIS_ID, start);
        start = open(out, PORT_ID);
        out.u8(5).ascii(port); // subtype 5: interface name
        close(out, PORT_ID, start);
        start = open(out, TTL);
        out.u16(120);
        close(out, TTL, start);
        text(out, PORT_DESCRIPTION, portDescription);
        text(out, SYSTEM_NAME, systemName);
        text(out, SYSTEM_DESCRIPTION, systemDescription);
        start = open(out, CAPABILITIES);
        out.u16(0x0014).u16(0x0010); // bridge and router; router enabled
        close(out, CAPABILITIES, start);
        start = open(out, MANAGEMENT_ADDRESS);
        out.u8(1 + managementIpv4.length).u8(1).bytes(managementIpv4); // address subtype 1: IPv4
        out.u8(2).u32(ifIndex).u8(0); // interface numbering: ifIndex; no OID
        close(out, MANAGEMENT_ADDRESS, start);
        out.u16(0); // End of LLDPDU
        return out.toByteArray();
    }

    private static void text(ByteSink out, int type, String value) {
        int start = open(out, type);
        out.ascii(value);
        close(out, type, start);
    }

    private static int open(ByteSink out, int type) {
        out.u16(type << 9);
        return out.size();
    }

    /** Fills in the 9-bit length of the TLV opened at {@code start}. */
    private static void close(ByteSink out, int type, int start) {
        out.setU16(start - 2, (type << 9) | (out.size() - start));
    }
}
