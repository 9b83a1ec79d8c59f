package org.cleanpath.attribute.vendor;

/**
 * The registered holder of the MAC block an address falls in.
 *
 * @param organization the organization name exactly as the IEEE registry lists it
 * @param registry the block size the name comes from (the longest prefix that matched)
 * @param prefix the block in the Wireshark "manuf" form: {@code 00:18:BA}, {@code 70:B3:D5:0A:E0:00/36}
 */
public record Vendor(String organization, Registry registry, String prefix) {}
