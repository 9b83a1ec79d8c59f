package org.cleanpath.decode;

/** Reasons a frame could not be decoded, as counted in the summary. */
public enum Undecodable {
    UNSUPPORTED_LINK_TYPE("unsupported link type"),
    TRUNCATED_LINK_HEADER("link header truncated"),
    TRUNCATED_IP_HEADER("IP header truncated"),
    BAD_IP_VERSION("IP version field is neither 4 nor 6"),
    BAD_IP_HEADER("IP header length or total length invalid"),
    BAD_IPV6_EXTENSION("IPv6 extension header chain invalid"),
    TOO_MANY_LAYERS("encapsulation nested too deep"),
    BAD_TUNNEL_HEADER("tunnel header invalid"),
    BAD_MPLS("MPLS label stack invalid");

    private final String description;

    Undecodable(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
