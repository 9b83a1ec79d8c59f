package org.cleanpath.decode;

/** VXLAN (RFC 7348, UDP port 4789): 8-byte header with the VNI, then an Ethernet frame. */
final class VxlanDecoder {
    private static final int HEADER = 8;
    private static final int VNI_VALID = 0x08;

    private VxlanDecoder() {}

    static void decode(DecodeState s, int off, int end) {
        if (!s.has(off, HEADER, end) || (s.u8(off) & VNI_VALID) == 0) {
            return;
        }
        s.tunnel(Tunnel.VXLAN, s.u32(off + 4) >>> 8, -1);
        EthernetDecoder.decode(s, off + HEADER, end);
    }
}
