package org.cleanpath.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.cleanpath.attribute.Attributor;
import org.cleanpath.attribute.GeoDatabases;
import org.cleanpath.attribute.IpAddress;
import org.cleanpath.attribute.vendor.CoveredVendors;
import org.cleanpath.attribute.vendor.OuiRegistry;
import org.cleanpath.flow.ConnState;
import org.cleanpath.flow.FlowRecord;
import org.junit.jupiter.api.Test;

class FlowJudgeTest {
    private static final String POLICY = """
            name: t
            internal: [10.0.0.0/8]
            rules:
              - id: deny-huawei-router
                reason: Huawei next hop
                action: deny
                applies_to: [l2_next_hop]
                match: {vendor: [Huawei]}
            """;
    /** A universally administered Huawei block (00:18:82, in the shipped tables) and a locally administered MAC. */
    private static final long HUAWEI_MAC = 0x0018_8200_0001L;
    private static final long LOCAL_MAC = 0x0201_8ceb_7c27L;

    @Test
    void vendorTables_areReadOnlyForMacsThatNameTheirMaker() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        Supplier<OuiRegistry> ouis = () -> {
            asked.incrementAndGet();
            return OuiRegistry.defaults();
        };
        Supplier<CoveredVendors> covered = () -> {
            asked.incrementAndGet();
            return CoveredVendors.defaults();
        };
        try (GeoDatabases databases = GeoDatabases.open(Path.of("geodb"))) {
            FlowJudge judge = new FlowJudge(PolicyParser.parse("t.yaml", POLICY), Attributor.of(databases), ouis, covered);

            FlowJudge.JudgedFlow local = judge.judge(flow(LOCAL_MAC), null);
            assertEquals(0, asked.get(), "a locally administered next hop needs no vendor table");
            assertNull(local.nextHopVendor());
            assertEquals(Verdict.Status.CLEAN, local.verdict().status());

            FlowJudge.JudgedFlow huawei = judge.judge(flow(HUAWEI_MAC), null);
            assertEquals(2, asked.get());
            assertEquals("deny-huawei-router", huawei.verdict().ruleId());
            assertEquals(Element.L2_NEXT_HOP, huawei.verdict().element());
        }
    }

    /** A TCP flow from an internal client to 8.8.8.8 whose replies came from the router {@code respMac}. */
    private static FlowRecord flow(long respMac) {
        IpAddress client = IpAddress.parse("10.1.2.3");
        IpAddress server = IpAddress.parse("8.8.8.8");
        return new FlowRecord(1, 1_000_000_000L, 2_000_000_000L, 6,
                client.hi(), client.lo(), 40000, server.hi(), server.lo(), 443,
                3, 3, 300, 300, 100, 100, ConnState.SF, 0x1b, 0x1b, -1, -1, List.of(),
                0x0200_0000_0001L, respMac, 0, null, FlowRecord.End.CLOSED, null);
    }
}
