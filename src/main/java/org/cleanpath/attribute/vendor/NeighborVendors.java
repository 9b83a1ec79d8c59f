package org.cleanpath.attribute.vendor;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Names the maker of an LLDP/CDP neighbour and whether it is a covered entity: first by the
 * registry block of its chassis MAC, then of the frame's source MAC, and only when neither is an
 * attributable registered address (lab and virtual devices use locally administered MACs), by the
 * well-known strings of {@link #ANNOUNCED} in what the device says it runs. Immutable, thread-safe.
 */
public final class NeighborVendors {

    /** A string a vendor's operating system puts in its system description, platform or version. */
    record Marker(String text, String vendor, String coveredEntity) {}

    /**
     * The string table, compared ignoring case, first match wins; covered entities come first so a
     * device that mentions another vendor (a Cisco-compatible mode) is still recognized. Sources are
     * the vendors' own banners: Huawei VRP ("Huawei Versatile Routing Platform Software, VRP (R)
     * software"), ZTE ZXR10/ZXROS/ZXA10 switches, routers and OLTs, Cisco IOS/NX-OS and CDP
     * platforms ("cisco WS-C3560-24TS"), Junos, Arista EOS, MikroTik RouterOS, HPE/Aruba, and others
     * as named.
     */
    static final List<Marker> ANNOUNCED = List.of(
            new Marker("Huawei Versatile Routing Platform", "Huawei", "Huawei"),
            new Marker("VRP (R) software", "Huawei", "Huawei"),
            new Marker("Huawei Technologies", "Huawei", "Huawei"),
            new Marker("ZXR10", "ZTE", "ZTE"),
            new Marker("ZXROS", "ZTE", "ZTE"),
            new Marker("ZXA10", "ZTE", "ZTE"),
            new Marker("ZTE Corporation", "ZTE", "ZTE"),
            new Marker("Hikvision", "Hikvision", "Hikvision"),
            new Marker("Dahua Technology", "Dahua", "Dahua"),
            new Marker("Hytera", "Hytera", "Hytera"),
            new Marker("Cisco", "Cisco", null),
            new Marker("Juniper Networks", "Juniper", null),
            new Marker("JUNOS", "Juniper", null),
            new Marker("Arista Networks", "Arista", null),
            new Marker("RouterOS", "MikroTik", null),
            new Marker("ArubaOS", "HPE Aruba", null),
            new Marker("ProCurve", "HPE Aruba", null),
            new Marker("Hewlett Packard", "HPE Aruba", null),
            new Marker("FortiGate", "Fortinet", null),
            new Marker("FortiSwitch", "Fortinet", null),
            new Marker("Palo Alto Networks", "Palo Alto Networks", null),
            new Marker("ExtremeXOS", "Extreme Networks", null),
            new Marker("Extreme Networks", "Extreme Networks", null),
            new Marker("Nokia", "Nokia", null),
            new Marker("Ericsson", "Ericsson", null),
            new Marker("Ubiquiti", "Ubiquiti", null),
            new Marker("EdgeOS", "Ubiquiti", null),
            new Marker("VMware", "VMware", null));

    private final OuiRegistry registry;
    private final CoveredVendors covered;

    public NeighborVendors(OuiRegistry registry, CoveredVendors covered) {
        this.registry = registry;
        this.covered = covered;
    }

    /** On the tables shipped in the jar. */
    public static NeighborVendors defaults() {
        return new NeighborVendors(OuiRegistry.defaults(), CoveredVendors.defaults());
    }

    public Optional<DeviceVendor> attribute(Neighbor n) {
        boolean chassisMac = n.mac() != Mac.NONE && Mac.parse(n.chassisId()).filter(m -> m == n.mac()).isPresent();
        if (chassisMac) {
            Optional<DeviceVendor> v = byMac(n.mac(), DeviceVendor.Basis.CHASSIS_MAC);
            if (v.isPresent()) {
                return v;
            }
        }
        if (n.sourceMac() != Mac.NONE && !(chassisMac && n.sourceMac() == n.mac())) {
            Optional<DeviceVendor> v = byMac(n.sourceMac(), DeviceVendor.Basis.SOURCE_MAC);
            if (v.isPresent()) {
                return v;
            }
        }
        return byText(n.systemDescription(), n.platform(), n.softwareVersion());
    }

    /**
     * The registered vendor of a MAC; the covered entity by block, else by the registered name (which
     * catches blocks newer than the covered table when a newer registry is loaded).
     */
    private Optional<DeviceVendor> byMac(long mac, DeviceVendor.Basis basis) {
        Optional<Vendor> vendor = registry.lookup(mac);
        Optional<CoveredEntity> entity = covered.entityOf(mac).or(() -> vendor.flatMap(v -> covered.entityOfOrganization(v.organization())));
        if (vendor.isPresent()) {
            return Optional.of(new DeviceVendor(vendor.get().organization(), entity.orElse(null), basis, vendor.get().prefix()));
        }
        return entity.map(e -> new DeviceVendor(e.name(), e, basis, Mac.format(mac)));
    }

    static Optional<DeviceVendor> byText(String... texts) {
        for (Marker m : ANNOUNCED) {
            String needle = m.text().toLowerCase(Locale.ROOT);
            for (String t : texts) {
                if (t != null && t.toLowerCase(Locale.ROOT).contains(needle)) {
                    CoveredEntity entity = m.coveredEntity() == null ? null : new CoveredEntity(m.coveredEntity(), false);
                    return Optional.of(new DeviceVendor(m.vendor(), entity, DeviceVendor.Basis.ANNOUNCED_TEXT, m.text()));
                }
            }
        }
        return Optional.empty();
    }
}
