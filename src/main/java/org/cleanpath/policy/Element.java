package org.cleanpath.policy;

import java.util.Locale;

/** The part of a flow (or of the capture) a rule looks at. */
public enum Element {
    /** An endpoint outside the facility's own networks. */
    REMOTE("remote endpoint"),
    /** An endpoint inside the facility's own networks (internal CIDRs or non-public addresses). */
    LOCAL("local endpoint"),
    /** An outer endpoint of the tunnel (GTP-U, GRE, VXLAN ...) that carried the flow. */
    TUNNEL_OUTER("tunnel outer endpoint"),
    /** The router the flow's frames came from or went to: its MAC address's vendor. */
    L2_NEXT_HOP("L2 next hop"),
    /** A device announcing itself by LLDP or CDP in the capture. */
    LLDP_NEIGHBOR("LLDP/CDP neighbour");

    private final String label;
    private final String key = name().toLowerCase(Locale.ROOT);

    Element(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The YAML spelling: remote, local, tunnel_outer, l2_next_hop, lldp_neighbor. */
    public String key() {
        return key;
    }
}
