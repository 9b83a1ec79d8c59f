package org.cleanpath.attribute.vendor;

import static org.cleanpath.attribute.vendor.CapturedFrames.bytes;
import static org.cleanpath.attribute.vendor.LldpTest.hexOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NeighborVendorsTest {
    private final NeighborVendors vendors = NeighborVendors.defaults();

    private static Neighbor lldp(String chassisMacHex, long sourceMac, String description) {
        byte[] pdu = new LldpTest.Tlvs().tlv(1, "04" + chassisMacHex).tlv(2, "05" + hexOf("GE0/0/1")).tlv(3, "0078")
                .tlv(6, hexOf(description)).tlv(0, "").build();
        return Lldp.parse(ByteBuffer.wrap(pdu), 0, pdu.length, sourceMac).orElseThrow();
    }

    private static Neighbor frame(String hex) {
        byte[] f = bytes(hex);
        return NeighborFrames.parse(ByteBuffer.wrap(f), 0, f.length).orElseThrow();
    }

    @Test
    void attribute_namesTheRegisteredHolderOfTheChassisMac() {
        assertEquals(Optional.of(new DeviceVendor("Cisco Systems, Inc", null, DeviceVendor.Basis.CHASSIS_MAC, "00:19:2F")),
                vendors.attribute(frame(CapturedFrames.LLDP_S2)));
    }

    @Test
    void attribute_usesTheSourceMacOfACdpFrame() {
        assertEquals(Optional.of(new DeviceVendor("Cisco Systems, Inc", null, DeviceVendor.Basis.SOURCE_MAC, "00:18:BA")),
                vendors.attribute(frame(CapturedFrames.CDP_S1)));
    }

    @Test
    void attribute_fallsBackToTheSoftwareBannerForLabMacs() {
        assertEquals(Optional.of(new DeviceVendor("Cisco", null, DeviceVendor.Basis.ANNOUNCED_TEXT, "Cisco")),
                vendors.attribute(frame(CapturedFrames.CDP_SW1)));
    }

    @Test
    void attribute_marksAHuaweiChassisAsCovered() {
        DeviceVendor v = vendors.attribute(lldp("001882123456", 0x001882123457L, "S5720-28X-SI-AC")).orElseThrow();
        assertEquals(new DeviceVendor("HUAWEI TECHNOLOGIES CO.,LTD", new CoveredEntity("Huawei", false), DeviceVendor.Basis.CHASSIS_MAC, "00:18:82"), v);
    }

    @Test
    void attribute_readsHuaweiAndZteBannersBehindLocalMacs() {
        DeviceVendor huawei = vendors.attribute(lldp("0a0000000001", 0x0a0000000001L,
                "S5720-28X-SI-AC\r\nHuawei Versatile Routing Platform Software\r\nVRP (R) software, Version 5.160")).orElseThrow();
        assertEquals(new DeviceVendor("Huawei", new CoveredEntity("Huawei", false), DeviceVendor.Basis.ANNOUNCED_TEXT, "Huawei Versatile Routing Platform"), huawei);
        DeviceVendor zte = vendors.attribute(lldp("0a0000000002", Mac.NONE, "ZXR10 ROS Version V4.08.23 ZXR10 5928 Software")).orElseThrow();
        assertEquals("ZTE", zte.covered().orElseThrow().name());
    }

    @Test
    void attribute_triesTheSourceMacWhenTheChassisMacIsLocal() {
        DeviceVendor v = vendors.attribute(lldp("0a0000000001", 0x00e0fc000001L, "Linux")).orElseThrow();
        assertEquals(DeviceVendor.Basis.SOURCE_MAC, v.basis());
        assertEquals("Huawei", v.covered().orElseThrow().name());
    }

    @Test
    void attribute_findsNothingInAnUnknownLabDevice() {
        assertEquals(Optional.empty(), vendors.attribute(lldp("0a0000000001", 0x0a0000000001L, "Debian GNU/Linux 12 (bookworm) Linux 6.1.0")));
    }

    @Test
    void attribute_recognizesANewerHuaweiBlockByItsRegisteredName() throws IOException {
        OuiRegistry newer = OuiRegistryTest.load("MA-L,5C9014,\"HUAWEI TECHNOLOGIES CO.,LTD\",a block unassigned in the 2022 snapshot\n");
        NeighborVendors v = new NeighborVendors(newer, CoveredVendors.defaults());
        assertEquals(Optional.empty(), CoveredVendors.defaults().entityOf(0x5c9014000001L), "not in the 2022 table");
        assertEquals("Huawei", v.attribute(lldp("5c9014000001", Mac.NONE, "")).orElseThrow().covered().orElseThrow().name());
    }
}
