package org.cleanpath.decode;

/** IEEE 802.1Q / 802.1ad VLAN tags (TPID 0x8100, 0x88A8, 0x9100), stacked to any depth. */
final class VlanDecoder {
    private static final int TAG = 4;

    private VlanDecoder() {}

    static void decode(DecodeState s, int off, int end) {
        if (!s.enterL2(off, TAG, end)) {
            return;
        }
        s.p.addVlan(s.u16(off) & 0x0FFF);
        EthernetDecoder.decodeEtherType(s, s.u16(off + 2), off + TAG, end);
    }
}
