package org.cleanpath.attribute.vendor;

import static org.cleanpath.attribute.vendor.OuiRegistryTest.mac;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CoveredVendorsTest {
    private final CoveredVendors covered = CoveredVendors.defaults();

    @Test
    void entityOf_namesTheEntityOfACoveredBlock() {
        assertEquals(Optional.of(new CoveredEntity("Huawei", false)), covered.entityOf(mac("00:18:82:12:34:56")));
        assertEquals(Optional.of(new CoveredEntity("Hikvision", true)), covered.entityOf(mac("b0:b3:53:6a:bc:de")), "Hikrobot MA-M");
        assertEquals(Optional.of(new CoveredEntity("Hytera", true)), covered.entityOf(mac("70:b3:d5:0a:e0:01")), "Norsat MA-S");
    }

    @Test
    void entityOf_leavesOtherBlocksClean() {
        assertEquals(Optional.empty(), covered.entityOf(mac("00:18:ba:98:68:8f")), "Cisco");
        assertEquals(Optional.empty(), covered.entityOf(mac("78:66:ae:00:00:01")), "ZTEC Instruments, a false friend");
        assertEquals(Optional.empty(), covered.entityOf(mac("04:79:75:00:00:01")), "Honor, flagged separate");
        assertEquals(Optional.empty(), covered.entityOf(mac("00:d0:d0:00:00:01")), "ZHONGXING TELECOM, flagged uncertain");
        assertEquals(Optional.empty(), covered.entityOf(mac("b0:b3:53:70:00:00")), "next to the Hikrobot MA-M");
        assertEquals(Optional.empty(), covered.entityOf(mac("02:18:82:12:34:56")), "locally administered under a Huawei block");
    }

    @Test
    void entityOfOrganization_comparesWholeRegisteredNames() {
        assertEquals(Optional.of(new CoveredEntity("ZTE", false)), covered.entityOfOrganization("zte corporation"));
        assertEquals(Optional.of(new CoveredEntity("Huawei", false)), covered.entityOfOrganization("Huawei Device Co.,  Ltd."));
        assertEquals(Optional.of(new CoveredEntity("Huawei", false)), covered.entityOfOrganization(" Huawei Device\tCo.,\r\nLtd. "));
        assertEquals(Optional.of(new CoveredEntity("Hikvision", true)), covered.entityOfOrganization("Hangzhou Ezviz Software Co.,Ltd."));
        assertEquals(Optional.empty(), covered.entityOfOrganization("ZTEC Instruments, Inc."));
        assertEquals(Optional.empty(), covered.entityOfOrganization("Shanghai Dahua Scale Factory"));
        assertEquals(Optional.empty(), covered.entityOfOrganization("Huawei"));
    }

    @Test
    void load_rejectsAMalformedBlockWithItsLine() {
        String tsv = "oui\tvendor_name_registered\tentity\tflag\n00:18:82\tHUAWEI\tHuawei\tmatch\n00:1E:1\tHUAWEI\tHuawei\tmatch\n";
        OuiFormatException e = assertThrows(OuiFormatException.class,
                () -> CoveredVendors.load(new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)), "t.tsv"));
        assertEquals("t.tsv:3: expected a MAC block such as 00:18:BA or 70:B3:D5:0A:E0:00/36, found \"00:1E:1\"", e.getMessage());
    }

    @Test
    void load_rejectsAHeaderWithoutTheNeededColumns() {
        OuiFormatException e = assertThrows(OuiFormatException.class,
                () -> CoveredVendors.load(new ByteArrayInputStream("oui\tentity\n".getBytes(StandardCharsets.UTF_8)), "t.tsv"));
        assertEquals(1, e.line());
    }

    /** Every match/affiliate row of the reference resolves to its entity, by block and by name, through the shipped tables. */
    @Test
    void everyCoveredReferenceBlock_resolvesThroughTheShippedTables() throws IOException {
        List<String> lines = Files.readAllLines(SharedData.referenceTsv());
        List<String> header = List.of(lines.get(0).split("\t"));
        int oui = header.indexOf("oui"), name = header.indexOf("vendor_name_registered"), entity = header.indexOf("entity"), flag = header.indexOf("flag");
        OuiRegistry names = OuiRegistry.defaults();
        List<Executable> checks = new ArrayList<>();
        int rows = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            boolean used = f[flag].equals("match") || f[flag].equals("affiliate");
            Prefix p = Prefix.parse(f[oui]).orElseThrow();
            for (long m : new long[] {p.first(), p.last()}) {
                Optional<CoveredEntity> expected = used ? Optional.of(new CoveredEntity(f[entity], f[flag].equals("affiliate"))) : Optional.empty();
                checks.add(() -> assertEquals(expected, covered.entityOf(m), f[oui] + " " + f[name] + " (" + f[flag] + ")"));
                checks.add(() -> assertEquals(f[name], names.lookup(m).map(Vendor::organization).orElse(null), f[oui] + " named"));
            }
            rows += used ? 1 : 0;
        }
        assertAll(checks);
        assertEquals(rows, covered.size());
    }
}
