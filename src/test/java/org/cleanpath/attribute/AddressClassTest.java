package org.cleanpath.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "8.8.8.8, PUBLIC", "1.1.1.1, PUBLIC", "2001:4860:4860::8888, PUBLIC", "2002:808:808::1, PUBLIC",
        "10.1.2.3, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE", "192.168.1.1, PRIVATE",
        "172.32.0.1, PUBLIC", "100.64.0.1, SHARED", "100.127.255.255, SHARED", "100.128.0.1, PUBLIC",
        "127.0.0.1, LOOPBACK", "::1, LOOPBACK", "169.254.1.1, LINK_LOCAL", "fe80::1, LINK_LOCAL", "febf::1, LINK_LOCAL",
        "224.0.0.251, MULTICAST", "239.255.255.250, MULTICAST", "ff02::1, MULTICAST", "255.255.255.255, BROADCAST",
        "192.0.2.1, DOCUMENTATION", "198.51.100.7, DOCUMENTATION", "203.0.113.9, DOCUMENTATION", "2001:db8::1, DOCUMENTATION",
        "198.18.0.1, BENCHMARKING", "198.19.255.255, BENCHMARKING", "2001:2::1, BENCHMARKING", "2001:2:1::1, PUBLIC",
        "fc00::1, UNIQUE_LOCAL", "fd12:3456::1, UNIQUE_LOCAL", "0.0.0.0, UNSPECIFIED", "::, UNSPECIFIED",
        "0.1.2.3, RESERVED", "240.0.0.1, RESERVED", "255.255.255.254, RESERVED", "192.0.0.8, RESERVED", "fec0::1, RESERVED",
        "::ffff:10.0.0.1, PRIVATE", "::ffff:8.8.8.8, PUBLIC",
    })
    void specialPurposeRanges_areClassifiedBeforeLookup(String address, AddressClass expected) {
        IpAddress ip = IpAddress.parse(address);
        assertEquals(expected, AddressClass.of(ip.hi(), ip.lo()));
    }
}
