package org.cleanpath.policy;

import java.util.List;

/**
 * One thing a rule can look at: an endpoint of a flow (with its attribution and the names seen for
 * it) or a device (with its MAC vendor). Absent facts are null; {@code names} is never null.
 */
public record Subject(
        Element element,
        String label,
        long hi, long lo, boolean hasAddress,
        Long asn, String asOrg, String country, String registeredCountry, String addressClass,
        List<String> names,
        String vendor, String entity) {

    public Subject {
        names = names == null ? List.of() : List.copyOf(names);
    }

    /** An endpoint: address (two longs, IPv4-mapped for IPv4) and what attribution and names say about it. */
    public static Subject endpoint(Element element, String address, long hi, long lo, Long asn, String asOrg,
                                   String country, String registeredCountry, String addressClass, List<String> names) {
        return new Subject(element, address, hi, lo, true, asn, asOrg, country, registeredCountry, addressClass,
                names, null, null);
    }

    /** A device: MAC address text, its registered vendor and the covered entity it belongs to (if any). */
    public static Subject device(Element element, String mac, String vendor, String entity, List<String> names) {
        return new Subject(element, mac, 0, 0, false, null, null, null, null, null, names, vendor, entity);
    }

    /** Whether attribution says anything about this endpoint (fail-closed policies need it). */
    public boolean attributed() {
        return asn != null || country != null || registeredCountry != null;
    }
}
