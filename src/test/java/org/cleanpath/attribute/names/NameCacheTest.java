package org.cleanpath.attribute.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameCacheTest {
    private static final long SEC = 1_000_000_000L;
    private static final long T0 = 1_300_475_168L * SEC; // packet time of zeek/wikipedia.pcap
    private static final long HI = 0;
    private static final long LO = 0x0000_ffff_d050_9803L; // 208.80.152.3

    private static NameCache cache(Duration minTtl) {
        return new NameCache(new PacketTicker(), 1000, minTtl, Duration.ofDays(1));
    }

    @Test
    void dnsResponse_makesAddressKnownUnderItsWholeChain() {
        NameCache c = cache(Duration.ZERO);
        c.advanceTo(T0);
        c.add(DnsMessages.parse(Samples.DNS_CNAME_AND_A).orElseThrow());
        assertEquals(List.of("upload.wikimedia.org", "upload.pmtpa.wikimedia.org"), c.namesFor(HI, LO));
        assertEquals(List.of(), c.namesFor(HI, LO + 1));
    }

    @Test
    void expireAfter_answerTtl_inPacketTime() {
        NameCache c = cache(Duration.ZERO);
        c.advanceTo(T0);
        c.add(HI, LO, List.of("a.example"), 30);
        c.advanceTo(T0 + 29 * SEC);
        assertEquals(List.of("a.example"), c.namesFor(HI, LO));
        c.advanceTo(T0 + 30 * SEC);
        assertEquals(List.of(), c.namesFor(HI, LO));
        c.advanceTo(T0 + 3600 * SEC);
        assertEquals(0, c.snapshot().size());
    }

    @Test
    void packetTime_doesNotGoBack() {
        NameCache c = cache(Duration.ZERO);
        c.advanceTo(T0);
        c.add(HI, LO, List.of("a.example"), 10);
        c.advanceTo(T0 + 11 * SEC);
        c.advanceTo(T0); // an out-of-order packet does not bring the name back
        assertEquals(List.of(), c.namesFor(HI, LO));
    }

    @Test
    void eachName_expiresOnItsOwnTtl_mostRecentFirst() {
        NameCache c = cache(Duration.ZERO);
        c.advanceTo(T0);
        c.add(HI, LO, List.of("old.example"), 100);
        c.advanceTo(T0 + 10 * SEC);
        c.add(HI, LO, List.of("new.example", "cdn.example"), 20);
        assertEquals(List.of("new.example", "cdn.example", "old.example"), c.namesFor(HI, LO));
        c.advanceTo(T0 + 31 * SEC);
        assertEquals(List.of("old.example"), c.namesFor(HI, LO));
        c.advanceTo(T0 + 101 * SEC);
        assertEquals(List.of(), c.namesFor(HI, LO));
    }

    @Test
    void minimumTtl_keepsZeroTtlAnswersForAWhile() {
        NameCache c = cache(Duration.ofSeconds(60));
        c.advanceTo(T0);
        c.add(HI, LO, List.of("zero.example"), 0);
        c.advanceTo(T0 + 59 * SEC);
        assertEquals(List.of("zero.example"), c.namesFor(HI, LO));
        c.advanceTo(T0 + 60 * SEC);
        assertEquals(List.of(), c.namesFor(HI, LO));
    }

    @Test
    void addresses_areBounded_andThoseExpiringSoonestMakeRoom() {
        NameCache c = cache(Duration.ZERO); // at most 1000 addresses
        c.advanceTo(T0);
        // Address i lives 10,000 + i seconds: the first ones added expire first.
        for (int i = 0; i < 1500; i++) {
            c.add(HI, LO + i, List.of("n" + i + ".example"), 10_000 + i);
            assertTrue(c.size() <= 1000, "size " + c.size() + " after " + (i + 1) + " addresses");
        }
        assertEquals(List.of("n1499.example"), c.namesFor(HI, LO + 1499), "the newest address is kept");
        assertEquals(List.of(), c.namesFor(HI, LO), "the address expiring first made room");
        assertTrue(c.size() >= 980, "room is made a hundredth of the bound at a time, not by emptying: " + c.size());
        // An address already held takes no room: answering it again evicts nothing.
        long before = c.size();
        c.add(HI, LO + 1499, List.of("again.example"), 60);
        assertEquals(before, c.size());
    }

    @Test
    void namesPerAddress_areBounded() {
        NameCache c = cache(Duration.ZERO);
        c.advanceTo(T0);
        for (int i = 0; i < 40; i++) {
            c.add(HI, LO, List.of("n" + i + ".example"), 300);
        }
        List<String> names = c.namesFor(HI, LO);
        assertEquals(NameCache.MAX_NAMES_PER_ADDRESS, names.size());
        assertEquals("n39.example", names.get(0));
    }
}
