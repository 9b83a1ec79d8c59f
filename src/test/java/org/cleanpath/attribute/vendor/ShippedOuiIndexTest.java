package org.cleanpath.attribute.vendor;

import static org.cleanpath.attribute.vendor.OuiRegistryTest.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shipped subset's index answers as the subset loaded whole by {@link OuiRegistry#load} does. */
class ShippedOuiIndexTest {

    @Test
    void defaults_answerAsTheShippedFileLoadedWhole_forEveryBlockAndRandomAddresses() throws IOException {
        byte[] shipped;
        try (InputStream in = OuiRegistry.class.getResourceAsStream(OuiRegistry.DEFAULT_RESOURCE)) {
            shipped = in.readAllBytes();
        }
        OuiRegistry whole = OuiRegistry.load(new ByteArrayInputStream(shipped), "subset");
        OuiRegistry indexed = OuiRegistry.defaults();
        assertEquals(whole.size(), indexed.size());
        int checked = 0;
        for (OuiRegistry.Listing l : OuiRegistry.readListings(new ByteArrayInputStream(shipped), "subset")) {
            int rest = 48 - l.registry().bits();
            long first = l.prefix() << rest, last = first | ((1L << rest) - 1);
            for (long mac : new long[] {first, last, first + (last - first) / 3}) {
                assertEquals(whole.origin(mac), indexed.origin(mac), l.toString());
                checked++;
            }
        }
        assertTrue(checked > 20_000, "addresses checked: " + checked);
        Random random = new Random(9);
        for (int i = 0; i < 100_000; i++) {
            long mac = random.nextLong() & 0xFCFF_FFFF_FFFFL; // universal, unicast: the ones a block can name
            assertEquals(whole.origin(mac), indexed.origin(mac), Long.toHexString(mac));
        }
    }

    @Test
    void index_keepsTheFirstRowOfABlock_sharesThe36BitLength_andReadsQuotedNames() throws IOException {
        String csv = "Registry,Assignment,Organization Name\r\n"
                + "MA-L,0018BA,\"Cisco Systems, Inc\"\r\n"
                + "MA-L,0018BA,Listed Second\r\n"
                + "MA-M,B0B3536,\"Say \"\"Hi\"\" Co.\"\r\n"
                + "IAB,0050C27D5,DEUTA-WERKE GmbH\r\n"
                + "MA-S,0050C27D5,Not This One\r\n"
                + "\r\n"
                + "MA-L,B0B353,IEEE Registration Authority\r\n";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        OuiRegistry whole = OuiRegistry.load(new ByteArrayInputStream(bytes), "t.csv");
        ShippedOuiIndex index = new ShippedOuiIndex(bytes, "t.csv");
        assertEquals(4, index.size());
        assertEquals(whole.size(), index.size());
        assertEquals("Cisco Systems, Inc", index.longest(mac("00:18:ba:01:02:03")).orElseThrow().organization());
        assertEquals("Say \"Hi\" Co.", index.longest(mac("b0:b3:53:60:00:01")).orElseThrow().organization());
        assertEquals(Registry.MA_M, index.longest(mac("b0:b3:53:60:00:01")).orElseThrow().registry());
        assertEquals("IEEE Registration Authority", index.longest(mac("b0:b3:53:70:00:01")).orElseThrow().organization());
        OuiRegistry.Block iab = index.longest(mac("00:50:c2:7d:50:01")).orElseThrow();
        assertEquals(Registry.IAB, iab.registry());
        assertEquals("DEUTA-WERKE GmbH", iab.organization());
        assertEquals(36, iab.bits());
        assertTrue(index.longest(mac("00:18:bb:00:00:01")).isEmpty());
        for (String m : new String[] {"00:18:ba:01:02:03", "b0:b3:53:60:00:01", "b0:b3:53:70:00:01", "00:50:c2:7d:50:01", "00:18:bb:00:00:01"}) {
            assertEquals(whole.lookup(mac(m)).map(Vendor::organization), index.longest(mac(m)).map(OuiRegistry.Block::organization), m);
        }
    }

    @Test
    void index_refusesARowItCannotRead_namingTheTableAndByte() {
        byte[] bad = "MA-L,0018BA,Cisco\nMA-X,001882,Huawei\n".getBytes(StandardCharsets.UTF_8);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ShippedOuiIndex(bad, "t.csv"));
        assertTrue(e.getMessage().contains("t.csv") && e.getMessage().contains("byte 18"), e.getMessage());
    }
}
