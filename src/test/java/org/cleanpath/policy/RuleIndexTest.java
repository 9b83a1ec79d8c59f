package org.cleanpath.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The indexed evaluation must pick the same rule and subject as the plain reading of the table: for
 * each rule in order, for each subject in order, the first that matches.
 */
class RuleIndexTest {
    private static final Long[] ASNS = {4134L, 4837L, 15169L, 9808L, 13335L};
    private static final String[] ORGS = {"CHINANET", "Huawei Cloud", "GOOGLE", "China Mobile", "Cloudflare"};
    private static final String[] COUNTRIES = {"CN", "US", "RU", "DE"};
    private static final String[] ADDRESSES = {"202.97.1.9", "8.8.8.8", "2001:db8::1", "10.1.2.3"};
    private static final String[] CIDRS = {"202.97.0.0/16", "8.8.8.0/24", "2001:db8::/32", "10.0.0.0/8"};
    private static final String[] VENDORS = {"Huawei", "ZTE", "Cisco"};
    // Names in other cases, with trailing dots, equal to a suffix, or ending in one without a dot before it.
    private static final String[] NAMES = {"www.huawei.com", "dns.google", "cdn.hicloud.com", "example.org",
        "WWW.Huawei.COM.", "huawei.com", "nothuawei.com", "a..huawei.com", "com", "hicloud.com"};
    private static final String[] DOMAINS = {"huawei.com", "*.hicloud.*", "google", "org", "com", "www.huawei.com",
        "hicloud.com", "*.google"};

    @Test
    void indexedEvaluationPicksTheRuleAndSubjectALinearWalkPicks() {
        Random random = new Random(20261127);
        int matched = 0;
        for (int round = 0; round < 300; round++) {
            List<Rule> rules = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(12); i < n; i++) {
                rules.add(randomRule(random, "r" + i));
            }
            Policy policy = new Policy("t", "t@1", "", List.of(), Action.ALLOW, Policy.MissingAttribution.UNVERIFIED,
                    rules, "t.yaml");
            for (int flow = 0; flow < 40; flow++) {
                List<Subject> subjects = new ArrayList<>();
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    subjects.add(randomSubject(random));
                }
                Verdict indexed = policy.evaluate(subjects);
                String[] linear = linearFirstMatch(rules, subjects);
                if (linear == null) {
                    assertTrue(Set.of("default", "missing-attribution").contains(indexed.ruleId()), indexed.ruleId());
                } else {
                    matched++;
                    assertEquals(linear[0], indexed.ruleId(), () -> "rules " + rules + "\nsubjects " + subjects);
                    assertEquals(linear[1], indexed.subject());
                    assertEquals(linear[2], indexed.attribute());
                }
            }
        }
        assertTrue(matched > 1000, "the random tables matched too rarely to compare: " + matched);
    }

    /** The table read as written: rule by rule, and for each rule subject by subject. */
    private static String[] linearFirstMatch(List<Rule> rules, List<Subject> subjects) {
        for (Rule r : rules) {
            for (Subject s : subjects) {
                String[] m = r.match(s);
                if (m != null) {
                    return new String[] {r.id(), s.label(), m[0]};
                }
            }
        }
        return null;
    }

    private static Rule randomRule(Random random, String id) {
        Set<Element> appliesTo = EnumSet.noneOf(Element.class);
        for (Element e : Element.values()) {
            if (random.nextInt(3) > 0) {
                appliesTo.add(e);
            }
        }
        int kinds = 1 + random.nextInt(127); // which of the seven conditions the rule has
        Set<Long> asns = (kinds & 1) != 0 ? new HashSet<>(List.of(pick(random, ASNS), pick(random, ASNS))) : null;
        Pattern org = (kinds & 2) != 0 ? Pattern.compile(pick(random, ORGS).substring(0, 4), Pattern.CASE_INSENSITIVE) : null;
        Set<String> countries = (kinds & 4) != 0 ? Set.of(pick(random, COUNTRIES)) : null;
        Set<String> registered = (kinds & 8) != 0 ? Set.of(pick(random, COUNTRIES)) : null;
        List<Cidr> cidrs = (kinds & 16) != 0 ? List.of(Cidr.parse(pick(random, CIDRS))) : null;
        List<String> vendors = (kinds & 32) != 0 ? List.of(pick(random, VENDORS)) : null;
        List<DomainPattern> domains = null;
        if ((kinds & 64) != 0) {
            domains = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                domains.add(DomainPattern.parse(pick(random, DOMAINS)));
            }
        }
        Action action = Action.values()[random.nextInt(Action.values().length)];
        return new Rule(id, "reason " + id, action, appliesTo, asns, org, countries, registered, cidrs, vendors, domains,
                "test", 1);
    }

    private static Subject randomSubject(Random random) {
        Element element = Element.values()[random.nextInt(Element.values().length)];
        List<String> names = switch (random.nextInt(3)) {
            case 0 -> List.of();
            case 1 -> List.of(pick(random, NAMES));
            default -> List.of(pick(random, NAMES), pick(random, NAMES));
        };
        if (element == Element.L2_NEXT_HOP || element == Element.LLDP_NEIGHBOR) {
            return Subject.device(element, "00:11:22:33:44:" + random.nextInt(10),
                    random.nextBoolean() ? pick(random, VENDORS) + " Technologies" : null,
                    random.nextBoolean() ? pick(random, VENDORS) : null, names);
        }
        String address = pick(random, ADDRESSES);
        Cidr c = Cidr.parse(address);
        return Subject.endpoint(element, address, c.hi(), c.lo(),
                random.nextInt(4) > 0 ? pick(random, ASNS) : null,
                random.nextInt(4) > 0 ? pick(random, ORGS) : null,
                random.nextInt(4) > 0 ? pick(random, COUNTRIES) : null,
                random.nextInt(4) > 0 ? pick(random, COUNTRIES) : null, "public", names);
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
