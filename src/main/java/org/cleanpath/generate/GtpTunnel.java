package org.cleanpath.generate;

/**
 * A GTP-U tunnel (N3 gNB-UPF, or N9/S8 between UPFs) over {@code link}: uplink from {@code access} to
 * {@code core} with {@code uplinkTeid}, downlink back with {@code downlinkTeid}, each G-PDU tagged
 * with the QoS flow {@code qfi}.
 */
record GtpTunnel(Link link, String access, String core, long uplinkTeid, long downlinkTeid, int qfi)
        implements Carrier {

    /** The same tunnel (same TEIDs) for another QoS flow of the PDU session. */
    GtpTunnel withQfi(int otherQfi) {
        return new GtpTunnel(link, access, core, uplinkTeid, downlinkTeid, otherQfi);
    }

    @Override
    public byte[] frame(Trace trace, boolean outbound, byte[] ip) {
        byte[] src = Packets.address(outbound ? access : core);
        byte[] dst = Packets.address(outbound ? core : access);
        byte[] gtp = Packets.gtpU(outbound ? uplinkTeid : downlinkTeid, outbound, qfi, ip);
        byte[] udp = Packets.udp(src, dst, Packets.GTP_U_PORT, Packets.GTP_U_PORT, gtp);
        byte[] outer = Packets.ip(src, dst, Packets.UDP, outbound ? 64 : 63, trace.nextIpId(), udp);
        return link.frame(trace, outbound, outer);
    }
}
