package org.cleanpath.attribute.vendor;

import static org.cleanpath.attribute.vendor.OuiRegistryTest.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shipped tables are what {@link OuiSubset} makes of the IEEE files and the reference, and the full files load. */
class ShippedTablesTest {

    @Test
    void shippedTables_areWhatTheGeneratorWrites() throws IOException {
        OuiSubset.Result r = OuiSubset.build(SharedData.ieeeData(), SharedData.referenceTsv());
        assertEquals(r.subsetCsv(), resource(OuiRegistry.DEFAULT_RESOURCE), "rebuild with the command in geodb/oui/README.md");
        assertEquals(r.coveredTsv(), resource(CoveredVendors.DEFAULT_RESOURCE), "rebuild with the command in geodb/oui/README.md");
        assertEquals(r.blocks(), OuiRegistry.defaults().size());
    }

    @Test
    void shippedSubset_staysUnderOneMegabyte() throws IOException {
        assertTrue(resource(OuiRegistry.DEFAULT_RESOURCE).length() + resource(CoveredVendors.DEFAULT_RESOURCE).length() < 1 << 20);
    }

    @Test
    void fullRegistry_loadsFromItsDirectoryWithLongestPrefixes() throws IOException {
        OuiRegistry full = OuiRegistry.load(SharedData.ieeeData());
        assertTrue(full.size() > 40_000, "blocks: " + full.size());
        assertEquals(new Vendor("Norsat International Inc.", Registry.MA_S, "70:B3:D5:0A:E0:00/36"), full.lookup(mac("70:b3:d5:0a:e0:01")).orElseThrow());
        assertEquals(new Vendor("IEEE Registration Authority", Registry.MA_L, "B0:B3:53"), full.lookup(mac("b0:b3:53:f0:00:00")).orElseThrow());
        assertEquals(Registry.IAB, full.lookup(mac("00:50:c2:7d:50:01")).orElseThrow().registry());
        assertEquals("DEUTA-WERKE GmbH", full.lookup(mac("00:50:c2:7d:50:01")).orElseThrow().organization());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = OuiRegistry.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
