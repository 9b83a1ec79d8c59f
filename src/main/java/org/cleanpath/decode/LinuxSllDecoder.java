package org.cleanpath.decode;

/**
 * Linux "cooked" capture headers (tcpdump -i any): SLL (link type 113, 16 bytes) and SLL2 (276,
 * 20 bytes). Both name the payload with an EtherType; the sender's address becomes srcMac when it
 * is a 6-byte Ethernet address.
 */
final class LinuxSllDecoder {
    private static final int SLL_HEADER = 16;
    private static final int SLL2_HEADER = 20;
    private static final int ARPHRD_ETHER = 1;

    private LinuxSllDecoder() {}

    static void decodeSll(DecodeState s, int off, int end) {
        if (!s.enterL2(off, SLL_HEADER, end)) {
            return;
        }
        source(s, s.u16(off + 2), s.u16(off + 4), off + 6);
        EthernetDecoder.decodeEtherType(s, s.u16(off + 14), off + SLL_HEADER, end);
    }

    static void decodeSll2(DecodeState s, int off, int end) {
        if (!s.enterL2(off, SLL2_HEADER, end)) {
            return;
        }
        source(s, s.u16(off + 8), s.u8(off + 11), off + 12);
        EthernetDecoder.decodeEtherType(s, s.u16(off), off + SLL2_HEADER, end);
    }

    private static void source(DecodeState s, int hardwareType, int addressLength, int address) {
        if (hardwareType == ARPHRD_ETHER && addressLength == 6) {
            s.p.srcMac = s.u48(address);
        }
    }
}
