package org.cleanpath.attribute.vendor;

import java.util.List;

/**
 * A device announced by LLDP or CDP on the capture's link: who it is, which port it speaks from and
 * what it says it runs. Absent text fields are null; absent numbers are -1.
 *
 * @param protocol {@code "lldp"} or {@code "cdp"}
 * @param chassisId LLDP chassis ID (a MAC as {@code 00:19:2f:a7:b2:8d}, an address, or the name the
 *     device sent); CDP device ID
 * @param portId LLDP port ID or CDP port ID (the sending interface)
 * @param portDescription LLDP port description; null for CDP
 * @param ttlSeconds how long the announcement holds
 * @param systemName LLDP system name; CDP system name TLV, else the device ID
 * @param systemDescription LLDP system description; null for CDP (see softwareVersion)
 * @param platform CDP platform (hardware model); null for LLDP
 * @param softwareVersion CDP software version; null for LLDP (the system description holds it)
 * @param capabilities enabled capabilities, lower case: {@code router}, {@code bridge}, {@code switch} ...
 * @param managementAddresses management (and, for CDP, interface) addresses as text, no repeats
 * @param mac the LLDP chassis MAC when the chassis ID is one, else the frame's source MAC;
 *     {@link Mac#NONE} when neither is known
 * @param sourceMac the frame's source MAC; {@link Mac#NONE} when the PDU was parsed without its frame
 */
public record Neighbor(
        String protocol,
        String chassisId,
        String portId,
        String portDescription,
        int ttlSeconds,
        String systemName,
        String systemDescription,
        String platform,
        String softwareVersion,
        List<String> capabilities,
        List<String> managementAddresses,
        long mac,
        long sourceMac) {

    public Neighbor {
        capabilities = List.copyOf(capabilities);
        managementAddresses = List.copyOf(managementAddresses);
    }
}
