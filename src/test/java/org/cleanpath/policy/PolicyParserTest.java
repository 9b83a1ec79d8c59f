package org.cleanpath.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

    static final String VALID = """
            version: 1
            name: test
            internal: [10.0.0.0/8, "2001:db8:100::/48"]
            default: allow
            missing_attribution: unverified
            rules:
              - id: deny-4134
                reason: China Telecom
                action: deny
                match: {asn: [4134, AS4809]}
              - id: warn-cn
                reason: geolocated in China
                action: warn
                applies_to: [remote]
                match: {country: [cn]}
            """;

    @Test
    void readsAValidPolicy() throws Exception {
        Policy p = PolicyParser.parse("t.yaml", VALID);
        assertEquals(2, p.rules().size());
        assertEquals(Action.DENY, p.rules().get(0).action());
        assertTrue(p.rules().get(0).asns().contains(4809L));
        assertTrue(p.rules().get(1).countries().contains("CN"));
        assertTrue(p.version().startsWith("test@sha256:"));
        assertEquals(2, p.internal().size());
    }

    @Test
    void pointsAtLineAndColumnOfAnUnknownKey() {
        String broken = VALID.replace("match: {asn: [4134, AS4809]}", "match: {asm: [4134]}");
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyParser.parse("t.yaml", broken));
        PolicyException.Problem p = e.problems().get(0);
        assertEquals(10, p.line());
        assertEquals(13, p.column()); // "    match: {asm" -> the a of asm
        assertTrue(p.message().contains("unknown match key 'asm'"), p.message());
    }

    @Test
    void pointsAtAYamlSyntaxError() {
        String broken = VALID.replace("  - id: warn-cn", "  - id: [warn-cn");
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyParser.parse("t.yaml", broken));
        assertTrue(e.problems().get(0).message().startsWith("YAML syntax"), e.getMessage());
        assertTrue(e.problems().get(0).line() >= 11, e.getMessage());
    }

    @Test
    void reportsEveryBadValueNotJustTheFirst() {
        String broken = """
                rules:
                  - id: a
                    reason: r
                    action: block
                    match: {asn: [notanumber], cidr: [10.0.0.0/33], country: [CHN]}
                """;
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyParser.parse("t.yaml", broken));
        List<String> messages = e.problems().stream().map(PolicyException.Problem::message).toList();
        assertEquals(4, messages.size(), messages.toString());
        assertTrue(messages.get(0).contains("unknown action 'block'"));
        assertTrue(e.problems().stream().allMatch(p -> p.line() >= 4));
    }

    @Test
    void refusesRulesWithoutReasonOrIdAndDuplicates() {
        String broken = """
                rules:
                  - id: a
                    action: deny
                    match: {asn: 1}
                  - reason: x
                    action: deny
                    match: {asn: 1}
                """;
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyParser.parse("t.yaml", broken));
        assertEquals(2, e.problems().size(), e.problems().toString());
    }

    @Test
    void missingFileIsOneClearProblem() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyParser.parse(Path.of("no/such/policy.yaml")));
        assertTrue(e.getMessage().contains("no such file"));
    }

    @Test
    void shippedDefaultTrustTableIsValidAndUsesOnlyReviewedRows() throws Exception {
        Policy p = PolicyParser.parse(Path.of("geodb/trust/clean-network.yaml"));
        assertTrue(p.rules().size() > 10);
        assertTrue(p.rules().stream().anyMatch(r -> r.asns() != null && r.asns().contains(4134L)));
        assertTrue(p.rules().stream().anyMatch(r -> r.vendors() != null && r.vendors().contains("Huawei")));
        // Honor is not named by either list: its domains must not be in the default table.
        assertTrue(p.rules().stream().noneMatch(r -> r.domains() != null
                && r.domains().stream().anyMatch(d -> d.text().equals("honor.com"))));
    }
}
