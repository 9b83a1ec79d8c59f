package org.cleanpath.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One trust-table entry: if every condition given matches one element of a flow, the rule's action
 * applies. Lists within a condition are alternatives (any of them); conditions combine with AND.
 */
public record Rule(
        String id, String reason, Action action, Set<Element> appliesTo,
        Set<Long> asns, Pattern asOrg, Set<String> countries, Set<String> registeredCountries,
        List<Cidr> cidrs, List<String> vendors, List<DomainPattern> domains, String source, int line) {

    /** The attributes that matched, as "attribute=value" evidence, or null when the rule does not match. */
    public String[] match(Subject s) {
        // Every condition is tested before any evidence is built: a flow meets each rule of the table,
        // and nearly all of them fail on their first condition.
        if (!appliesTo.contains(s.element())) {
            return null;
        }
        if (asns != null && (s.asn() == null || !asns.contains(s.asn()))) {
            return null;
        }
        if (asOrg != null && (s.asOrg() == null || !asOrg.matcher(s.asOrg()).find())) {
            return null;
        }
        if (countries != null && (s.country() == null || !countries.contains(s.country()))) {
            return null;
        }
        if (registeredCountries != null
                && (s.registeredCountry() == null || !registeredCountries.contains(s.registeredCountry()))) {
            return null;
        }
        Cidr cidr = null;
        if (cidrs != null) {
            cidr = matchingCidr(s);
            if (cidr == null) {
                return null;
            }
        }
        String vendor = null;
        if (vendors != null) {
            vendor = matchingVendor(s);
            if (vendor == null) {
                return null;
            }
        }
        String domain = null;
        if (domains != null) {
            domain = matchingDomain(s);
            if (domain == null) {
                return null;
            }
        }
        List<String[]> hits = new ArrayList<>(2);
        if (asns != null) {
            hits.add(new String[] {"asn", Long.toString(s.asn())});
        }
        if (asOrg != null) {
            hits.add(new String[] {"as_org", s.asOrg()});
        }
        if (countries != null) {
            hits.add(new String[] {"country", s.country()});
        }
        if (registeredCountries != null) {
            hits.add(new String[] {"registered_country", s.registeredCountry()});
        }
        if (cidr != null) {
            hits.add(new String[] {"cidr", cidr.text()});
        }
        if (vendor != null) {
            hits.add(new String[] {"vendor", vendor});
        }
        if (domain != null) {
            hits.add(new String[] {"domain", domain});
        }
        String[] first = hits.get(0);
        if (hits.size() == 1) {
            return first;
        }
        StringBuilder attrs = new StringBuilder(), values = new StringBuilder();
        for (String[] h : hits) {
            attrs.append(attrs.length() == 0 ? "" : "+").append(h[0]);
            values.append(values.length() == 0 ? "" : "+").append(h[1]);
        }
        return new String[] {attrs.toString(), values.toString()};
    }

    private Cidr matchingCidr(Subject s) {
        if (s.hasAddress()) {
            for (Cidr c : cidrs) {
                if (c.contains(s.hi(), s.lo())) {
                    return c;
                }
            }
        }
        return null;
    }

    private String matchingVendor(Subject s) {
        for (String v : vendors) {
            String want = v.toLowerCase(Locale.ROOT);
            if (s.entity() != null && s.entity().toLowerCase(Locale.ROOT).equals(want)) {
                return s.entity();
            }
            if (s.vendor() != null && s.vendor().toLowerCase(Locale.ROOT).contains(want)) {
                return s.vendor();
            }
        }
        return null;
    }

    private String matchingDomain(Subject s) {
        List<String> names = s.names();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            for (DomainPattern d : domains) {
                if (d.matches(name)) {
                    return name;
                }
            }
        }
        return null;
    }
}
