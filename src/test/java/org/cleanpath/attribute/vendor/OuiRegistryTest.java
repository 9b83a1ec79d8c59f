package org.cleanpath.attribute.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OuiRegistryTest {

    /** Real rows of the IEEE files (ieee-data 20220827), addresses shortened; the MA-L rows are the IEEE's own blocks. */
    static final String IEEE_ROWS = """
            Registry,Assignment,Organization Name,Organization Address
            MA-L,70B3D5,IEEE Registration Authority,445 Hoes Lane Piscataway NJ US 08554\r
            MA-S,70B3D50AE,Norsat International Inc.,110-4020 Viking Way Richmond BC CA V6V 2L4\r
            MA-S,70B3D50AF,KMtronic ltd,Dobri Czintulov 28A str.  Gorna Oryahovica VT BG 5100\r
            MA-L,B0B353,IEEE Registration Authority,445 Hoes Lane Piscataway NJ US 08554\r
            MA-M,B0B3536,"Hangzhou Hikrobot Technology Co., Ltd.","Room 304, Unit B, Building 2, Hangzhou  CN 310052 "\r
            MA-L,C404D8,Aviva Links Inc.,"160 E Tasman Dr
            STE 102 SAN JOSE CA US 95134 "\r
            MA-L,0018BA,"Cisco Systems, Inc",80 West Tasman Drive San Jose CA US 94568\r
            MA-L,080030,NETWORK RESEARCH CORPORATION,2380 N. ROSE AVENUE OXNARD CA US 93010\r
            MA-L,080030,CERN,CH-1211  GENEVE SUISSE/SWITZ CH 023\r
            """;

    static OuiRegistry ieeeRows() throws IOException {
        return load(IEEE_ROWS);
    }

    static OuiRegistry load(String csv) throws IOException {
        return OuiRegistry.load(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "test.csv");
    }

    static long mac(String text) {
        return Mac.parse(text).orElseThrow();
    }

    @Test
    void lookup_namesTheMaLHolder() throws IOException {
        Vendor v = ieeeRows().lookup(mac("00:18:ba:98:68:8f")).orElseThrow();
        assertEquals(new Vendor("Cisco Systems, Inc", Registry.MA_L, "00:18:BA"), v);
    }

    @Test
    void lookup_prefersMaSOverTheEnclosingMaL() throws IOException {
        OuiRegistry r = ieeeRows();
        assertEquals(new Vendor("Norsat International Inc.", Registry.MA_S, "70:B3:D5:0A:E0:00/36"), r.lookup(mac("70:b3:d5:0a:e1:23")).orElseThrow());
        assertEquals("KMtronic ltd", r.lookup(mac("70:b3:d5:0a:ff:ff")).orElseThrow().organization());
        assertEquals(new Vendor("IEEE Registration Authority", Registry.MA_L, "70:B3:D5"), r.lookup(mac("70:b3:d5:0a:d0:00")).orElseThrow());
    }

    @Test
    void lookup_prefersMaMOverTheEnclosingMaL() throws IOException {
        OuiRegistry r = ieeeRows();
        assertEquals(new Vendor("Hangzhou Hikrobot Technology Co., Ltd.", Registry.MA_M, "B0:B3:53:60:00:00/28"), r.lookup(mac("b0:b3:53:6f:ff:ff")).orElseThrow());
        assertEquals("IEEE Registration Authority", r.lookup(mac("b0:b3:53:70:00:00")).orElseThrow().organization());
    }

    @Test
    void lookup_readsQuotedFieldsAcrossLineBreaks() throws IOException {
        OuiRegistry r = ieeeRows();
        assertEquals("Aviva Links Inc.", r.lookup(mac("c4:04:d8:00:00:01")).orElseThrow().organization());
        assertEquals(8, r.size()); // the block listed twice counts once
    }

    @Test
    void lookup_keepsTheFirstRowOfABlockListedTwice() throws IOException {
        assertEquals("NETWORK RESEARCH CORPORATION", ieeeRows().lookup(mac("08:00:30:00:00:01")).orElseThrow().organization());
    }

    @Test
    void origin_saysUnlistedForAUniversalAddressOutsideTheFiles() throws IOException {
        assertEquals(new MacOrigin.Unlisted(mac("00:00:5e:00:01:01")), ieeeRows().origin(mac("00:00:5e:00:01:01")));
    }

    @Test
    void origin_refusesLocallyAdministeredAddresses() throws IOException {
        OuiRegistry r = ieeeRows();
        // aa:bb:cc is the IOU lab default in various_gre.pcap; 0a:18:ba has Cisco's block under the U/L bit
        assertEquals(new MacOrigin.NotAttributable(MacOrigin.Reason.LOCALLY_ADMINISTERED), r.origin(mac("aa:bb:cc:00:01:00")));
        assertEquals(Optional.empty(), r.lookup(mac("02:18:ba:98:68:8f")));
    }

    @Test
    void origin_refusesGroupAddresses() throws IOException {
        OuiRegistry r = ieeeRows();
        assertEquals(new MacOrigin.NotAttributable(MacOrigin.Reason.GROUP), r.origin(mac("01:00:0c:cc:cc:cc")));
        assertEquals(new MacOrigin.NotAttributable(MacOrigin.Reason.GROUP), r.origin(mac("ff:ff:ff:ff:ff:ff")));
        assertEquals(new MacOrigin.NotAttributable(MacOrigin.Reason.GROUP), r.origin(mac("01:80:c2:00:00:0e")));
    }

    @Test
    void load_rejectsAnUnknownRegistryWithItsLine() {
        OuiFormatException e = assertThrows(OuiFormatException.class, () -> load(IEEE_ROWS + "MA-X,0018BB,Someone,\r\n"));
        assertEquals(12, e.line());
        assertEquals("test.csv:12: expected Registry MA-L, MA-M, MA-S or IAB, found \"MA-X\"", e.getMessage());
    }

    @Test
    void load_rejectsAnAssignmentOfTheWrongLength() {
        OuiFormatException e = assertThrows(OuiFormatException.class, () -> load("Registry,Assignment,Organization Name\nMA-L,001882,Huawei\nMA-M,0018820,X\nMA-S,00188,Y\n"));
        assertEquals("test.csv:4: expected 9 hex digits for an MA-S assignment, found \"00188\"", e.getMessage());
    }

    @Test
    void load_rejectsARowWithoutAnOrganization() {
        OuiFormatException e = assertThrows(OuiFormatException.class, () -> load("MA-L,001882\n"));
        assertEquals("test.csv:1: expected at least 3 fields (Registry,Assignment,Organization Name), found 2", e.getMessage());
    }

    @Test
    void load_rejectsAnUnclosedQuoteAtTheLineItOpens() {
        OuiFormatException e = assertThrows(OuiFormatException.class, () -> load("MA-L,001882,\"HUAWEI\nMA-L,0018BA,Cisco\n"));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("closing '\"'"), e.getMessage());
    }

    @Test
    void defaults_nameCoveredAndCommonVendors() {
        OuiRegistry d = OuiRegistry.defaults();
        assertEquals(new Vendor("HUAWEI TECHNOLOGIES CO.,LTD", Registry.MA_L, "00:18:82"), d.lookup(mac("00:18:82:12:34:56")).orElseThrow());
        assertEquals("Cisco Systems, Inc", d.lookup(mac("00:19:2f:a7:b2:8d")).orElseThrow().organization());
        assertEquals(new Vendor("Norsat International Inc.", Registry.MA_S, "70:B3:D5:0A:E0:00/36"), d.lookup(mac("70:b3:d5:0a:e0:07")).orElseThrow());
        assertEquals(Registry.MA_M, d.lookup(mac("b0:b3:53:60:00:01")).orElseThrow().registry());
        assertEquals("ZTEC Instruments, Inc.", d.lookup(mac("78:66:ae:00:00:01")).orElseThrow().organization());
        assertFalse(d.lookup(mac("b0:b3:53:70:00:00")).isPresent(), "the subset leaves out the IEEE's own blocks");
    }
}
