package org.cleanpath.attribute;

/**
 * What kind of address an IP is, decided from the special-purpose registries (RFC 6890 and
 * successors) before any database lookup: only {@link #PUBLIC} addresses are looked up.
 */
public enum AddressClass {
    PUBLIC("public"),
    PRIVATE("private"),
    SHARED("shared"),
    LOOPBACK("loopback"),
    LINK_LOCAL("link-local"),
    MULTICAST("multicast"),
    BROADCAST("broadcast"),
    DOCUMENTATION("documentation"),
    BENCHMARKING("benchmarking"),
    UNIQUE_LOCAL("unique-local"),
    UNSPECIFIED("unspecified"),
    RESERVED("reserved");

    private final String label;

    AddressClass(String label) {
        this.label = label;
    }

    /** The lower-case label used in output (e.g. {@code link-local}). */
    public String label() {
        return label;
    }

    public boolean isPublic() {
        return this == PUBLIC;
    }

    public static AddressClass of(IpAddress address) {
        return of(address.hi(), address.lo());
    }

    /** Classifies an address in the two-long layout (IPv4 as ::ffff:a.b.c.d). */
    public static AddressClass of(long hi, long lo) {
        if (hi == 0 && (lo >>> 32) == 0xFFFFL) return ofIpv4(lo & 0xFFFF_FFFFL);
        return ofIpv6(hi, lo);
    }

    private static boolean in(long v4, long network, int prefix) {
        return (v4 >>> (32 - prefix)) == (network >>> (32 - prefix));
    }

    private static long v4(int a, int b, int c, int d) {
        return ((long) a << 24) | (b << 16) | (c << 8) | d;
    }

    static AddressClass ofIpv4(long a) {
        if (a == 0) return UNSPECIFIED;
        if (a == 0xFFFF_FFFFL) return BROADCAST;
        if (in(a, v4(10, 0, 0, 0), 8) || in(a, v4(172, 16, 0, 0), 12) || in(a, v4(192, 168, 0, 0), 16)) return PRIVATE;
        if (in(a, v4(100, 64, 0, 0), 10)) return SHARED;
        if (in(a, v4(127, 0, 0, 0), 8)) return LOOPBACK;
        if (in(a, v4(169, 254, 0, 0), 16)) return LINK_LOCAL;
        if (in(a, v4(224, 0, 0, 0), 4)) return MULTICAST;
        if (in(a, v4(192, 0, 2, 0), 24) || in(a, v4(198, 51, 100, 0), 24) || in(a, v4(203, 0, 113, 0), 24)) return DOCUMENTATION;
        if (in(a, v4(198, 18, 0, 0), 15)) return BENCHMARKING;
        if (in(a, v4(0, 0, 0, 0), 8) || in(a, v4(240, 0, 0, 0), 4) || in(a, v4(192, 0, 0, 0), 24)) return RESERVED;
        return PUBLIC;
    }

    private static boolean in6(long hi, long network, int prefix) {
        return (hi >>> (64 - prefix)) == (network >>> (64 - prefix));
    }

    static AddressClass ofIpv6(long hi, long lo) {
        if (hi == 0 && lo == 0) return UNSPECIFIED;
        if (hi == 0 && lo == 1) return LOOPBACK;
        if (in6(hi, 0xFF00_0000_0000_0000L, 8)) return MULTICAST;
        if (in6(hi, 0xFE80_0000_0000_0000L, 10)) return LINK_LOCAL;
        if (in6(hi, 0xFC00_0000_0000_0000L, 7)) return UNIQUE_LOCAL;
        if (in6(hi, 0x2001_0DB8_0000_0000L, 32) || in6(hi, 0x3FFF_0000_0000_0000L, 20)) return DOCUMENTATION;
        if (in6(hi, 0x2001_0002_0000_0000L, 48)) return BENCHMARKING;
        // Global unicast is 2000::/3; the rest (::/8 leftovers, 100::/64 discard, fec0::/10 ...) is not routed.
        if (!in6(hi, 0x2000_0000_0000_0000L, 3)) return RESERVED;
        return PUBLIC;
    }
}
