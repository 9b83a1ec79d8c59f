package org.cleanpath.decode;

/** How an IP layer is carried inside the IP layer before it. */
public enum Tunnel {
    NONE,
    GTP_U,
    GRE,
    ERSPAN,
    VXLAN,
    GENEVE,
    IP_IN_IP
}
