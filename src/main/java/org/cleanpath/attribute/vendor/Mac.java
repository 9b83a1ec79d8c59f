package org.cleanpath.attribute.vendor;

import java.util.Optional;

/** 48-bit MAC addresses kept in a {@code long}: text forms and the two flag bits of the first octet. */
public final class Mac {
    /** Stands for "no address" wherever a MAC is a {@code long}, as in {@code decode.Packet}. */
    public static final long NONE = -1;

    private static final long GROUP_BIT = 0x01_00_00_00_00_00L;
    private static final long LOCAL_BIT = 0x02_00_00_00_00_00L;

    private Mac() {}

    /** I/G bit: multicast or broadcast, never the address of one interface. */
    public static boolean isGroup(long mac48) {
        return (mac48 & GROUP_BIT) != 0;
    }

    /** U/L bit: locally administered (randomized, virtual, lab), so its prefix names no manufacturer. */
    public static boolean isLocallyAdministered(long mac48) {
        return (mac48 & LOCAL_BIT) != 0;
    }

    /** Lower-case colon form, {@code 00:18:ba:98:68:8f}, as tshark and Zeek print it. */
    public static String format(long mac48) {
        StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int b = (int) (mac48 >>> shift) & 0xff;
            sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            if (shift > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    /**
     * Reads {@code 00:18:ba:98:68:8f}, {@code 00-18-BA-98-68-8F}, {@code 0018.ba98.688f} or
     * {@code 0018ba98688f}; empty for anything else.
     */
    public static Optional<Long> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String hex = text.trim().replaceAll("[:.\\-]", "");
        if (hex.length() != 12 || !isHex(hex)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(hex, 16));
    }

    static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
