package org.cleanpath.policy;

import java.util.List;
import org.cleanpath.flow.IpText;

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

    /**
     * The subject's text: the address of an endpoint, the MAC (and name) of a device. An endpoint
     * built without one gets its address formatted here, on demand: most flows match no rule and
     * never show their subjects, so formatting two to four addresses per flow up front was waste.
     */
    @Override
    public String label() {
        return label != null || !hasAddress ? label : IpText.format(hi, lo);
    }

    /** Whether attribution says anything about this endpoint (fail-closed policies need it). */
    public boolean attributed() {
        return asn != null || country != null || registeredCountry != null;
    }
}
