package org.cleanpath.attribute.vendor;

import java.util.Locale;
import java.util.Optional;

/**
 * A MAC block: the top {@code bits} bits of the addresses in it. Its text is the Wireshark "manuf"
 * form that {@code oui-reference.tsv} uses: {@code 00:18:BA} for 24 bits,
 * {@code 70:B3:D5:0A:E0:00/36} for longer blocks.
 */
record Prefix(int bits, long value) {

    /** First address of the block. */
    long first() {
        return value << (48 - bits);
    }

    /** Last address of the block. */
    long last() {
        return first() | ((1L << (48 - bits)) - 1);
    }

    /** Reads the manuf form (any case, {@code :} or {@code -}); empty for anything else. */
    static Optional<Prefix> parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String hex = withoutSeparators(slash < 0 ? t : t.substring(0, slash));
        if (!Mac.isHex(hex) || hex.length() > 12) {
            return Optional.empty();
        }
        int bits;
        if (slash < 0) {
            if (hex.length() != 6) {
                return Optional.empty();
            }
            bits = 24;
        } else {
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (hex.length() != 12 || bits < 24 || bits > 48) {
                return Optional.empty();
            }
        }
        long mac = Long.parseLong(hex, 16) << (48 - 4 * hex.length());
        long value = mac >>> (48 - bits);
        return (value << (48 - bits)) == mac ? Optional.of(new Prefix(bits, value)) : Optional.empty();
    }

    @Override
    public String toString() {
        String mac = Mac.format(first()).toUpperCase(Locale.ROOT);
        return bits == 24 ? mac.substring(0, 8) : mac + "/" + bits;
    }

    /**
     * The text without its ':' and '-' separators. A loop, not a regex: the shipped covered table's
     * prefixes are parsed before the first flow with a maker's MAC address is judged.
     */
    private static String withoutSeparators(String text) {
        if (text.indexOf(':') < 0 && text.indexOf('-') < 0) return text;
        StringBuilder hex = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ':' && c != '-') hex.append(c);
        }
        return hex.toString();
    }
}
