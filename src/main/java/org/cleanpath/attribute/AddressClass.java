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

    /**
     * Classifies an address in the two-long layout (IPv4 as ::ffff:a.b.c.d). Most addresses are
     * decided by their first byte alone (a table built from {@link Registry#ROWS}); the few first
     * bytes that hold a smaller special range walk the rows: one array read instead of some twenty
     * range tests for most addresses.
     */
    public static AddressClass of(long hi, long lo) {
        boolean v4 = IpAddress.isIpv4(hi, lo);
        int first = (int) (v4 ? lo >>> 24 : hi >>> 56) & 0xFF;
        AddressClass decided = (v4 ? Registry.BY_FIRST_V4 : Registry.BY_FIRST_V6)[first];
        return decided != null ? decided : ofByRows(hi, lo);
    }

    /**
     * Whether every address of the IPv4 block {@code top}.0.0/16 is public. Decided by the block's
     * first byte: a first byte that holds some special range (0, 10, 100, 127, 169, 172, 192, 198,
     * 203, 224 and up ...) answers false for all its blocks.
     */
    static boolean isPublicIpv4Block(int top) {
        return Registry.BY_FIRST_V4[(top >>> 8) & 0xFF] == PUBLIC;
    }

    /** The first row of the registry that holds the address; {@link #of} agrees with it by construction. */
    static AddressClass ofByRows(long hi, long lo) {
        for (Registry.Row r : Registry.ROWS) {
            if (r.contains(hi, lo)) return r.addressClass;
        }
        throw new AssertionError("the registry ends with catch-all rows");
    }

    /** The special-purpose ranges, first match wins, as IPv6 prefixes (IPv4 as ::ffff:0:0/96 + prefix). */
    private static final class Registry {
        record Row(long hi, long lo, int prefix, AddressClass addressClass) {
            boolean contains(long h, long l) {
                if (prefix <= 64) return prefix == 0 || (h ^ hi) >>> (64 - prefix) == 0;
                return h == hi && (prefix == 128 ? l == lo : (l ^ lo) >>> (128 - prefix) == 0);
            }

            boolean isV4() {
                return prefix >= 96 && hi == 0 && (lo >>> 32) == 0xFFFFL;
            }

            /** Prefix length within the row's family (IPv4: 0-32). */
            int familyPrefix() {
                return isV4() ? prefix - 96 : prefix;
            }

            /** The first byte of the row's network (IPv4: first octet). */
            int firstByte() {
                return (int) (isV4() ? lo >>> 24 : hi >>> 56) & 0xFF;
            }

            /** Whether the row holds some address whose first byte is {@code first}. */
            boolean touches(int first) {
                int p = familyPrefix();
                return p >= 8 ? firstByte() == first : (firstByte() ^ first) >>> (8 - p) == 0;
            }

            /** Whether the row holds every address whose first byte is {@code first}. */
            boolean holdsAll(int first) {
                return familyPrefix() <= 8 && touches(first);
            }
        }

        static Row v4(int a, int b, int c, int d, int prefix, AddressClass addressClass) {
            long v = ((long) a << 24) | (b << 16) | (c << 8) | d;
            return new Row(0, 0xFFFF_0000_0000L | v, 96 + prefix, addressClass);
        }

        static Row v6(long hi, long lo, int prefix, AddressClass addressClass) {
            return new Row(hi, lo, prefix, addressClass);
        }

        static final Row[] ROWS = {
            v4(0, 0, 0, 0, 32, UNSPECIFIED),
            v4(255, 255, 255, 255, 32, BROADCAST),
            v4(10, 0, 0, 0, 8, PRIVATE), v4(172, 16, 0, 0, 12, PRIVATE), v4(192, 168, 0, 0, 16, PRIVATE),
            v4(100, 64, 0, 0, 10, SHARED),
            v4(127, 0, 0, 0, 8, LOOPBACK),
            v4(169, 254, 0, 0, 16, LINK_LOCAL),
            v4(224, 0, 0, 0, 4, MULTICAST),
            v4(192, 0, 2, 0, 24, DOCUMENTATION), v4(198, 51, 100, 0, 24, DOCUMENTATION), v4(203, 0, 113, 0, 24, DOCUMENTATION),
            v4(198, 18, 0, 0, 15, BENCHMARKING),
            v4(0, 0, 0, 0, 8, RESERVED), v4(240, 0, 0, 0, 4, RESERVED), v4(192, 0, 0, 0, 24, RESERVED),
            v4(0, 0, 0, 0, 0, PUBLIC), // every other IPv4 address: IPv6 rows below never see one
            v6(0, 0, 128, UNSPECIFIED),
            v6(0, 1, 128, LOOPBACK),
            v6(0xFF00_0000_0000_0000L, 0, 8, MULTICAST),
            v6(0xFE80_0000_0000_0000L, 0, 10, LINK_LOCAL),
            v6(0xFC00_0000_0000_0000L, 0, 7, UNIQUE_LOCAL),
            v6(0x2001_0DB8_0000_0000L, 0, 32, DOCUMENTATION), v6(0x3FFF_0000_0000_0000L, 0, 20, DOCUMENTATION),
            v6(0x2001_0002_0000_0000L, 0, 48, BENCHMARKING),
            // Global unicast is 2000::/3; the rest (::/8 leftovers, 100::/64 discard, fec0::/10 ...) is not routed.
            v6(0x2000_0000_0000_0000L, 0, 3, PUBLIC),
            v6(0, 0, 0, RESERVED),
        };

        static final AddressClass[] BY_FIRST_V4 = byFirstByte(true);
        static final AddressClass[] BY_FIRST_V6 = byFirstByte(false);

        /**
         * Per first byte of one family: the class when the first row touching that byte holds all
         * of it, else null (walk the rows). Rows of the other family play no part: IPv4 addresses
         * end at the IPv4 catch-all, and the IPv4-mapped block lies under IPv6 first byte 0, which
         * the rows for :: and ::1 send to the walk anyway.
         */
        private static AddressClass[] byFirstByte(boolean v4) {
            AddressClass[] table = new AddressClass[256];
            for (int first = 0; first < 256; first++) {
                for (Row r : ROWS) {
                    if (r.isV4() == v4 && r.touches(first)) {
                        table[first] = r.holdsAll(first) ? r.addressClass : null;
                        break;
                    }
                }
            }
            return table;
        }
    }
}
