package org.cleanpath.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy's rules arranged so that a subject meets only the rules that could match it: those that
 * list its ASN, and those without an ASN condition whose other conditions need only facts the
 * subject has. {@link Rule#match} still decides, so the index only skips rules that cannot match and
 * the first match is the one a walk of the whole table finds.
 *
 * <p>Why: judging tests each flow's three to five subjects against the table, and walking all 50
 * rules of the default table for each was the largest per-flow cost of {@code analyze} (boxed ASN
 * set lookups, and a hot loop the JIT compiled and recompiled at length).
 *
 * <p>Domain rules are the same case for named subjects: the default table has 33, with some 80
 * suffixes, and a subject that carries a name met every one (each suffix tested against each name).
 * A rule whose domains are all plain suffixes is tried only when one of its suffixes is a suffix of
 * one of the subject's names at a label boundary, found by looking up each such suffix of each name.
 */
final class RuleIndex {
    private static final int ASN = 1, AS_ORG = 1 << 1, COUNTRY = 1 << 2, REGISTERED_COUNTRY = 1 << 3,
            ADDRESS = 1 << 4, VENDOR = 1 << 5, NAMES = 1 << 6;
    private static final int[] NONE = {};

    private final List<Rule> rules;
    /** Per rule: the facts a subject must have for the rule to possibly match. */
    private final int[] needs;
    /** Per element (by ordinal): ASN to the positions of the rules listing it, ascending. */
    private final List<Map<Long, int[]>> byAsn = new ArrayList<>();
    /** Per element (by ordinal): positions of the rules without an ASN condition, ascending. */
    private final int[][] withoutAsn;
    /** Per rule: whether it has a domain condition made of plain suffixes only (no glob). */
    private final boolean[] bySuffixOnly;
    /** Plain domain suffix (lower case, as {@link DomainPattern} keeps it) to the positions of the rules listing it. */
    private final Map<String, int[]> bySuffix;

    RuleIndex(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.needs = new int[rules.size()];
        Element[] elements = Element.values();
        this.withoutAsn = new int[elements.length][];
        this.bySuffixOnly = new boolean[rules.size()];
        Map<String, List<Integer>> suffixes = new HashMap<>();
        for (int ri = 0; ri < rules.size(); ri++) {
            Rule r = rules.get(ri);
            needs[ri] = needs(r);
            bySuffixOnly[ri] = hasOnlyPlainSuffixes(r);
            if (bySuffixOnly[ri]) {
                for (DomainPattern d : r.domains()) {
                    List<Integer> positions = suffixes.computeIfAbsent(d.text(), k -> new ArrayList<>());
                    if (positions.isEmpty() || positions.get(positions.size() - 1) != ri) {
                        positions.add(ri);
                    }
                }
            }
        }
        Map<String, int[]> suffixRules = new HashMap<>();
        suffixes.forEach((suffix, positions) -> suffixRules.put(suffix, ints(positions)));
        this.bySuffix = Map.copyOf(suffixRules);
        for (Element e : elements) {
            Map<Long, List<Integer>> keyed = new HashMap<>();
            List<Integer> other = new ArrayList<>();
            for (int ri = 0; ri < rules.size(); ri++) {
                Rule r = rules.get(ri);
                if (!r.appliesTo().contains(e)) {
                    continue;
                }
                if (r.asns() == null) {
                    other.add(ri);
                    continue;
                }
                for (Long asn : r.asns()) {
                    keyed.computeIfAbsent(asn, k -> new ArrayList<>()).add(ri); // ri ascends: lists stay sorted
                }
            }
            Map<Long, int[]> asnRules = new HashMap<>();
            keyed.forEach((asn, positions) -> asnRules.put(asn, ints(positions)));
            byAsn.add(Map.copyOf(asnRules));
            withoutAsn[e.ordinal()] = ints(other);
        }
    }

    /** The position of the first rule below {@code limit} that matches {@code s}, or -1 when none does. */
    int firstMatch(Subject s, int limit) {
        int e = s.element().ordinal();
        int have = facts(s);
        int[] keyed = s.asn() == null ? NONE : byAsn.get(e).getOrDefault(s.asn(), NONE);
        int[] other = withoutAsn[e];
        long[] suffixMatches = null; // rules one of whose suffixes names the subject; found on first need
        int i = 0, j = 0;
        while (true) {
            // Both lists ascend and never share a rule: merge them to meet rules in table order.
            int a = i < keyed.length ? keyed[i] : Integer.MAX_VALUE;
            int b = j < other.length ? other[j] : Integer.MAX_VALUE;
            int ri;
            if (a < b) {
                ri = a;
                i++;
            } else {
                ri = b;
                j++;
            }
            if (ri >= limit) {
                return -1;
            }
            if ((needs[ri] & ~have) != 0) {
                continue;
            }
            if (bySuffixOnly[ri]) {
                if (suffixMatches == null) {
                    suffixMatches = suffixMatches(s.names());
                }
                if ((suffixMatches[ri >>> 6] & (1L << ri)) == 0) {
                    continue;
                }
            }
            if (rules.get(ri).match(s) != null) {
                return ri;
            }
        }
    }

    /**
     * One bit per rule: set when one of the rule's plain suffixes is a name or follows a dot in it,
     * the test {@link DomainPattern#matches} makes, on the name as it normalizes it.
     */
    private long[] suffixMatches(List<String> names) {
        long[] bits = new long[(rules.size() + 63) >>> 6];
        for (String name : names) {
            String n = DomainPattern.normalize(name);
            for (int start = 0; start <= n.length(); ) {
                int[] positions = bySuffix.get(n.substring(start));
                if (positions != null) {
                    for (int ri : positions) {
                        bits[ri >>> 6] |= 1L << ri;
                    }
                }
                int dot = n.indexOf('.', start);
                if (dot < 0) {
                    break;
                }
                start = dot + 1;
            }
        }
        return bits;
    }

    private static int needs(Rule r) {
        return (r.asns() != null ? ASN : 0)
                | (r.asOrg() != null ? AS_ORG : 0)
                | (r.countries() != null ? COUNTRY : 0)
                | (r.registeredCountries() != null ? REGISTERED_COUNTRY : 0)
                | (r.cidrs() != null ? ADDRESS : 0)
                | (r.vendors() != null ? VENDOR : 0)
                | (r.domains() != null ? NAMES : 0);
    }

    private static int facts(Subject s) {
        return (s.asn() != null ? ASN : 0)
                | (s.asOrg() != null ? AS_ORG : 0)
                | (s.country() != null ? COUNTRY : 0)
                | (s.registeredCountry() != null ? REGISTERED_COUNTRY : 0)
                | (s.hasAddress() ? ADDRESS : 0)
                | (s.vendor() != null || s.entity() != null ? VENDOR : 0)
                | (!s.names().isEmpty() ? NAMES : 0);
    }

    private static boolean hasOnlyPlainSuffixes(Rule r) {
        if (r.domains() == null) {
            return false;
        }
        for (DomainPattern d : r.domains()) {
            if (d.glob() != null) {
                return false;
            }
        }
        return true;
    }

    // A loop, not a stream: the default table calls this some 550 times (once per ASN and element,
    // once per domain suffix) while analyze starts, when a stream pipeline still runs interpreted.
    private static int[] ints(List<Integer> values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
