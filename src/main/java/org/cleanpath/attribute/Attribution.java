package org.cleanpath.attribute;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What is known about an address: its class and, for public addresses, the AS and countries the
 * databases gave. Fields a database did not answer are null; {@code sources} names the database
 * files that answered, {@code error} says why a lookup failed (a damaged database), else null.
 *
 * <p>It does not name the address: the many addresses of one network share one attribution, so a
 * capture's tens of thousands of endpoints hold a few thousand of these, not one each.
 */
public record Attribution(
        AddressClass addressClass,
        Long asn,
        String asOrg,
        String country,
        String registeredCountry,
        List<String> sources,
        String error) {

    private static final Attribution[] SPECIAL = specials();

    public Attribution {
        Objects.requireNonNull(addressClass, "addressClass");
        sources = List.copyOf(sources);
    }

    /** A non-public address: labelled by its class, not looked up (one shared instance per class). */
    static Attribution special(AddressClass addressClass) {
        return SPECIAL[addressClass.ordinal()];
    }

    private static Attribution[] specials() {
        AddressClass[] classes = AddressClass.values();
        Attribution[] special = new Attribution[classes.length];
        for (AddressClass c : classes) {
            special[c.ordinal()] = new Attribution(c, null, null, null, null, List.of(), null);
        }
        return special;
    }

    public OptionalLong asnIfKnown() {
        return asn == null ? OptionalLong.empty() : OptionalLong.of(asn);
    }

    public Optional<String> countryIfKnown() {
        return Optional.ofNullable(country);
    }

    /** True when some database answered for this address. */
    public boolean found() {
        return !sources.isEmpty();
    }
}
