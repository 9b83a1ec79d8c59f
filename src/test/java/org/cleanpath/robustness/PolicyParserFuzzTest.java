package org.cleanpath.robustness;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.cleanpath.policy.PolicyException;
import org.cleanpath.policy.PolicyParser;

/** Fuzzes the trust-policy parser: any text is a policy or a {@link PolicyException}, nothing else. */
class PolicyParserFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void parse(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            PolicyParser.parse("fuzz.yaml", text);
        } catch (PolicyException expected) {
            // the policy file's mistake, reported with its place
        }
    }
}
