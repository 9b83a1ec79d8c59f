package org.cleanpath.policy;

import java.util.Locale;

/**
 * The outcome for one flow or device, with the evidence: which rule, which element and which of its
 * attributes matched with what value.
 */
public record Verdict(
        Status status, String ruleId, String reason, Action action,
        Element element, String subject, String attribute, String value,
        Long asn, String asOrg, String country, String vendor, String domain) {

    public enum Status {
        CLEAN, DIRTY, UNVERIFIED;

        private final String key = name().toLowerCase(Locale.ROOT);

        public String key() {
            return key;
        }
    }

    /** A verdict no rule produced (policy default or missing attribution). */
    static Verdict of(Status status, String ruleId, String reason, Subject s) {
        return of(status, ruleId, reason, s, s == null ? null : s.label());
    }

    /** As {@link #of(Status, String, String, Subject)}, with the subject's label already at hand. */
    static Verdict of(Status status, String ruleId, String reason, Subject s, String label) {
        return new Verdict(status, ruleId, reason, null, s == null ? null : s.element(), label,
                null, null, s == null ? null : s.asn(), s == null ? null : s.asOrg(),
                s == null ? null : s.country(), s == null ? null : s.vendor(), null);
    }

    /** "tunnel outer endpoint 203.0.113.7 AS4134" — the element as an admin reads it. */
    public String evidence() {
        if (element == null) {
            return reason;
        }
        StringBuilder sb = new StringBuilder(element.label()).append(' ').append(subject);
        if (asn != null) {
            sb.append(" AS").append(asn);
        }
        if (asOrg != null) {
            sb.append(" (").append(asOrg).append(')');
        }
        if (country != null) {
            sb.append(' ').append(country);
        }
        if (vendor != null) {
            sb.append(" vendor ").append(vendor);
        }
        if (attribute != null) {
            sb.append(": ").append(attribute).append('=').append(value);
        }
        return sb.toString();
    }
}
