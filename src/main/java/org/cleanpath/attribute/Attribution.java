package org.cleanpath.attribute;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What is known about one address: its class and, for public addresses, the AS and countries the
 * databases gave. Fields a database did not answer are null; {@code sources} names the database
 * files that answered, {@code error} says why a lookup failed (a damaged database), else null.
 */
public record Attribution(
        IpAddress address,
        AddressClass addressClass,
        Long asn,
        String asOrg,
        String country,
        String registeredCountry,
        List<String> sources,
        String error) {

    public Attribution {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(addressClass, "addressClass");
        sources = List.copyOf(sources);
    }

    /** A non-public address: labelled by its class, not looked up. */
    static Attribution special(IpAddress address, AddressClass addressClass) {
        return new Attribution(address, addressClass, null, null, null, null, List.of(), null);
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
