package org.cleanpath.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.cleanpath.flow.IpText;
import org.junit.jupiter.api.Test;

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

    /** The first-byte table must agree with a plain walk of the registry, also at every range's edges. */
    @Test
    void firstByteTable_agreesWithTheRegistryWalk() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            long v4 = random.nextInt() & 0xFFFF_FFFFL;
            assertSameClass(0, 0xFFFF_0000_0000L | v4);
            long hi = random.nextLong();
            // Draw the first byte uniformly, and often keep the rest near a special range's network.
            if (random.nextBoolean()) hi = (hi & 0x00FF_FFFF_FFFF_FFFFL) | ((long) random.nextInt(256) << 56);
            if (random.nextInt(4) == 0) hi &= 0xFFFF_FFFF_0000_0000L;
            assertSameClass(hi, random.nextInt(8) == 0 ? random.nextInt(3) : random.nextLong());
        }
        for (int first = 0; first < 256; first++) {
            for (long rest : new long[] {0, 1, 0x00FF_FFFF, 0x0001_0000, 0x00FE_FFFF}) {
                assertSameClass(0, 0xFFFF_0000_0000L | ((long) first << 24) | rest);
            }
            for (long rest : new long[] {0, 1, 0x00FF_FFFF_FFFF_FFFFL, 0x0001_0DB8_0000_0000L, 0x0000_0002_0000_0000L,
                    0x00FF_F000_0000_0000L, 0x0080_0000_0000_0000L}) {
                assertSameClass(((long) first << 56) | rest, 0);
                assertSameClass(((long) first << 56) | rest, 1);
            }
        }
    }

    private static void assertSameClass(long hi, long lo) {
        assertEquals(AddressClass.ofByRows(hi, lo), AddressClass.of(hi, lo),
                () -> IpText.format(hi, lo));
    }
}
