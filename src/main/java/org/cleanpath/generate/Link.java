package org.cleanpath.generate;

import java.util.List;

/** One Ethernet hop between a host and its next-hop router, with the VLAN tags seen on it (outer first). */
record Link(long hostMac, long routerMac, List<Vlan> tags) implements Carrier {

    Link {
        tags = List.copyOf(tags);
    }

    @Override
    public byte[] frame(Trace trace, boolean outbound, byte[] ip) {
        return outbound
                ? Packets.ethernet(routerMac, hostMac, tags, Packets.etherType(ip), ip)
                : Packets.ethernet(hostMac, routerMac, tags, Packets.etherType(ip), ip);
    }
}
