package org.cleanpath.policy;

import java.util.List;

/**
 * A trust table: ordered rules (first match wins, like a firewall ACL), the facility's own networks,
 * the action when nothing matches, and what to do when attribution is missing. {@code ruleIndex} is
 * derived from {@code rules} (the shorter constructor builds it) and only speeds up {@link #evaluate}.
 */
public record Policy(
        String name, String version, String description, List<Cidr> internal,
        Action defaultAction, MissingAttribution missingAttribution, List<Rule> rules, String source,
        RuleIndex ruleIndex) {

    private static final String DEFAULT_DENY = "no rule allowed this traffic (default: deny)";
    private static final String DEFAULT_ALLOW = "no rule matched";
    private static final Verdict DEFAULT_DENY_VERDICT = Verdict.of(Verdict.Status.DIRTY, "default", DEFAULT_DENY, null);
    private static final Verdict DEFAULT_ALLOW_VERDICT = Verdict.of(Verdict.Status.CLEAN, "default", DEFAULT_ALLOW, null);

    public Policy(String name, String version, String description, List<Cidr> internal, Action defaultAction,
                  MissingAttribution missingAttribution, List<Rule> rules, String source) {
        this(name, version, description, internal, defaultAction, missingAttribution, rules, source,
                new RuleIndex(rules));
    }

    /** What happens to a flow whose remote end has no attribution and matched no rule. */
    public enum MissingAttribution { UNVERIFIED, ALLOW, DENY }

    /** Whether an address belongs to the facility's own networks. */
    public boolean isInternal(long hi, long lo) {
        // By index, not by iterator: a judge asks this up to four times per flow, and each iterator
        // the compiler inlines there is more code to compile than the loop it serves.
        for (int i = 0, n = internal.size(); i < n; i++) {
            if (internal.get(i).contains(hi, lo)) {
                return true;
            }
        }
        return false;
    }

    /** The verdict for a flow (or device) described by its subjects. */
    public Verdict evaluate(List<Subject> subjects) {
        // First match wins: the rule that comes first in the table, and for that rule the first subject.
        int first = rules.size(), firstSubject = -1;
        for (int si = 0; si < subjects.size(); si++) {
            int ri = ruleIndex.firstMatch(subjects.get(si), first);
            if (ri >= 0) {
                first = ri;
                firstSubject = si;
            }
        }
        if (firstSubject >= 0) {
            Rule r = rules.get(first);
            Subject s = subjects.get(firstSubject);
            String[] m = r.match(s);
            Verdict.Status status = r.action() == Action.DENY ? Verdict.Status.DIRTY : Verdict.Status.CLEAN;
            String domain = m[0].contains("domain") ? m[1].substring(m[1].lastIndexOf('+') + 1) : null;
            return new Verdict(status, r.id(), r.reason(), r.action(), s.element(), s.label(), m[0], m[1],
                    s.asn(), s.asOrg(), s.country(), s.vendor() != null && s.entity() != null
                            ? s.entity() + " (" + s.vendor() + ")" : s.vendor(), domain);
        }
        for (Subject s : subjects) {
            // Remote endpoints must be attributed; so must a tunnel's outer endpoint when it is public
            // (a gNB on the facility's own addressing is not).
            boolean needsAttribution = s.element() == Element.REMOTE
                    || (s.element() == Element.TUNNEL_OUTER && "public".equals(s.addressClass()));
            if (needsAttribution && !s.attributed()) {
                return unattributed(s);
            }
        }
        if (defaultAction == Action.DENY) {
            return DEFAULT_DENY_VERDICT;
        }
        // A lone subject (a device) keeps its facts on the verdict, so reports can name its vendor;
        // flows, most of them, share one verdict.
        return subjects.size() == 1 ? Verdict.of(Verdict.Status.CLEAN, "default", DEFAULT_ALLOW, subjects.get(0))
                : DEFAULT_ALLOW_VERDICT;
    }

    /** The verdict for a subject that needed attribution and has none. */
    private Verdict unattributed(Subject s) {
        // Subject.label() formats an address on each call: once per verdict here.
        String label = s.label();
        return switch (missingAttribution) {
            case UNVERIFIED -> Verdict.of(Verdict.Status.UNVERIFIED, "missing-attribution",
                    "no ASN or country known for " + label, s, label);
            case DENY -> Verdict.of(Verdict.Status.DIRTY, "missing-attribution",
                    "no ASN or country known for " + label + " (policy fails closed)", s, label);
            case ALLOW -> Verdict.of(Verdict.Status.CLEAN, "missing-attribution", "attribution missing, allowed by policy", s, label);
        };
    }
}
