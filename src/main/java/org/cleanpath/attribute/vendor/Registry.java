package org.cleanpath.attribute.vendor;

import java.util.Optional;

/** The IEEE MAC address block registries, by the name their CSV files use in the first column. */
public enum Registry {
    /** MAC Address Block Large (the classic OUI): a 24-bit prefix. */
    MA_L("MA-L", 24),
    /** MAC Address Block Medium: a 28-bit prefix inside an IEEE-held MA-L. */
    MA_M("MA-M", 28),
    /** MAC Address Block Small: a 36-bit prefix inside an IEEE-held MA-L. */
    MA_S("MA-S", 36),
    /** Individual Address Block, the retired predecessor of MA-S: also 36 bits. */
    IAB("IAB", 36);

    private final String label;
    private final int bits;

    Registry(String label, int bits) {
        this.label = label;
        this.bits = bits;
    }

    /** The name in the IEEE files, such as {@code MA-L}. */
    public String label() {
        return label;
    }

    /** Prefix length in bits. */
    public int bits() {
        return bits;
    }

    /** Hex digits of an assignment in the IEEE CSV files ({@code 0018BA} for MA-L). */
    int hexDigits() {
        return bits / 4;
    }

    public static Optional<Registry> ofLabel(String label) {
        for (Registry r : values()) {
            if (r.label.equals(label)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
