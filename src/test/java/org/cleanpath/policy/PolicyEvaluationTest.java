package org.cleanpath.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEvaluationTest {
    static final String POLICY = """
            name: t
            internal: [10.0.0.0/8]
            rules:
              - id: allow-partner
                reason: our partner's block inside a denied AS
                action: allow
                match: {cidr: [202.97.1.0/24]}
              - id: deny-4134
                reason: China Telecom
                action: deny
                match: {asn: [4134]}
              - id: deny-huawei-org
                reason: Huawei AS by name
                action: deny
                match: {as_org: "huawei"}
              - id: deny-reg-cn
                reason: registered in CN
                action: deny
                match: {registered_country: [CN]}
              - id: warn-ru
                reason: geolocated in RU
                action: warn
                match: {country: [RU]}
              - id: deny-zte-router
                reason: ZTE router
                action: deny
                applies_to: [l2_next_hop]
                match: {vendor: [ZTE]}
              - id: deny-huawei-domain
                reason: Huawei service
                action: deny
                applies_to: [remote]
                match: {domain: [huawei.com, "*.hicloud.*"]}
            """;

    final Policy policy = parse();

    static Policy parse() {
        try {
            return PolicyParser.parse("t.yaml", POLICY);
        } catch (PolicyException e) {
            throw new AssertionError(e);
        }
    }

    static Subject remote(String addr, Long asn, String org, String cc, String reg, List<String> names) {
        Cidr c = Cidr.parse(addr);
        return Subject.endpoint(Element.REMOTE, addr, c.hi(), c.lo(), asn, org, cc, reg, "public", names);
    }

    @Test
    void denyByAsnNamesRuleElementAndValue() {
        Verdict v = policy.evaluate(List.of(remote("202.97.2.1", 4134L, "CHINANET", "CN", null, List.of())));
        assertEquals(Verdict.Status.DIRTY, v.status());
        assertEquals("deny-4134", v.ruleId());
        assertEquals(Element.REMOTE, v.element());
        assertEquals("asn", v.attribute());
        assertEquals("4134", v.value());
        assertEquals("remote endpoint 202.97.2.1 AS4134 (CHINANET) CN: asn=4134", v.evidence());
    }

    @Test
    void firstMatchWinsSoAnEarlierAllowBeatsALaterDeny() {
        Verdict v = policy.evaluate(List.of(remote("202.97.1.9", 4134L, "CHINANET", "CN", null, List.of())));
        assertEquals(Verdict.Status.CLEAN, v.status());
        assertEquals("allow-partner", v.ruleId());
    }

    @Test
    void asOrgRegexAndRegisteredCountryAndWarn() {
        assertEquals("deny-huawei-org", policy.evaluate(List.of(
                remote("1.2.3.4", 136907L, "HUAWEI CLOUDS", "SG", null, List.of()))).ruleId());
        assertEquals("deny-reg-cn", policy.evaluate(List.of(
                remote("1.2.3.4", 1L, "X", "US", "CN", List.of()))).ruleId());
        Verdict warn = policy.evaluate(List.of(remote("1.2.3.4", 2L, "Y", "RU", null, List.of())));
        assertEquals(Verdict.Status.CLEAN, warn.status());
        assertEquals(Action.WARN, warn.action());
    }

    @Test
    void vendorRuleAppliesOnlyToTheElementsItNames() {
        Subject router = Subject.device(Element.L2_NEXT_HOP, "00:19:c6:00:00:01", "ZTE Corporation", "ZTE", List.of());
        Subject neighbour = Subject.device(Element.LLDP_NEIGHBOR, "00:19:c6:00:00:01", "ZTE Corporation", "ZTE", List.of());
        assertEquals("deny-zte-router", policy.evaluate(List.of(router)).ruleId());
        assertEquals(Verdict.Status.CLEAN, policy.evaluate(List.of(neighbour)).status());
    }

    @Test
    void domainSuffixAndGlob() {
        assertEquals("deny-huawei-domain", policy.evaluate(List.of(
                remote("8.8.8.8", 15169L, "GOOGLE", "US", "US", List.of("consumer.huawei.com")))).ruleId());
        assertEquals("deny-huawei-domain", policy.evaluate(List.of(
                remote("8.8.8.8", 15169L, "GOOGLE", "US", "US", List.of("dl.hicloud.com")))).ruleId());
        assertEquals(Verdict.Status.CLEAN, policy.evaluate(List.of(
                remote("8.8.8.8", 15169L, "GOOGLE", "US", "US", List.of("nothuawei.com")))).status());
    }

    @Test
    void missingAttributionIsUnverifiedByDefault() {
        Verdict v = policy.evaluate(List.of(remote("203.0.113.5", null, null, null, null, List.of())));
        assertEquals(Verdict.Status.UNVERIFIED, v.status());
        assertEquals("missing-attribution", v.ruleId());
    }

    @Test
    void missingAttribution_namesTheEndpoint_underEachSetting() throws PolicyException {
        Cidr c = Cidr.parse("2001:db8::7");
        // No label given: the verdict formats the address itself.
        Subject unknown = Subject.endpoint(Element.REMOTE, null, c.hi(), c.lo(), null, null, null, null, "public", List.of());
        Verdict unverified = policy.evaluate(List.of(unknown));
        assertEquals("2001:db8::7", unverified.subject());
        assertEquals("no ASN or country known for 2001:db8::7", unverified.reason());

        Verdict denied = withoutRules("deny").evaluate(List.of(unknown));
        assertEquals(Verdict.Status.DIRTY, denied.status());
        assertEquals("missing-attribution", denied.ruleId());
        assertEquals("2001:db8::7", denied.subject());
        assertEquals("no ASN or country known for 2001:db8::7 (policy fails closed)", denied.reason());

        Verdict allowed = withoutRules("allow").evaluate(List.of(unknown));
        assertEquals(Verdict.Status.CLEAN, allowed.status());
        assertEquals("2001:db8::7", allowed.subject());
    }

    private static Policy withoutRules(String missingAttribution) throws PolicyException {
        return PolicyParser.parse("m.yaml", "name: m\nmissing_attribution: " + missingAttribution + "\nrules: []\n");
    }

    @Test
    void internalNetworksAreKnownToThePolicy() {
        Cidr a = Cidr.parse("10.45.0.7");
        assertEquals(true, policy.isInternal(a.hi(), a.lo()));
        Cidr b = Cidr.parse("11.0.0.1");
        assertEquals(false, policy.isInternal(b.hi(), b.lo()));
    }

    @Test
    void cleanWhenNothingMatches() {
        Verdict v = policy.evaluate(List.of(remote("8.8.8.8", 15169L, "GOOGLE", "US", "US", List.of("dns.google"))));
        assertEquals(Verdict.Status.CLEAN, v.status());
        assertEquals("default", v.ruleId());
        assertNull(v.attribute());
    }
}
