package org.cleanpath.attribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.cleanpath.decode.IpLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {
    @Test
    void ipv4_usesTheIpLayerMappedLayout() {
        IpAddress a = IpAddress.parse("8.8.4.4");
        assertEquals(0, a.hi());
        assertEquals(IpLayer.V4_MAPPED_PREFIX | 0x08080404L, a.lo());
        assertTrue(a.isIpv4());
        assertTrue(a.toInetAddress() instanceof Inet4Address);
        assertEquals(a, IpAddress.parse("::ffff:8.8.4.4"));
    }

    @ParameterizedTest
    @CsvSource({
        "8.8.8.8, 8.8.8.8", "2001:4860:4860::8888, 2001:4860:4860::8888", "2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "::, ::", "::1, ::1", "fe80::1%eth0, fe80::1", "[2001:db8::1], 2001:db8::1", "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
        "2001:0:0:1::, 2001:0:0:1::", "::ffff:1.2.3.4, 1.2.3.4", "64:ff9b::1.2.3.4, 64:ff9b::102:304",
    })
    void parse_thenToString_givesCanonicalText(String input, String canonical) throws Exception {
        IpAddress a = IpAddress.parse(input);
        assertEquals(canonical, a.toString());
        assertEquals(a, IpAddress.of(a.toInetAddress()));
        assertEquals(a, IpAddress.of(a.toBigInteger()));
        assertEquals(InetAddress.getByName(canonical), a.toInetAddress());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bogus", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-1", "1::2::3",
        "1:2:3:4:5:6:7:8:9", "12345::", "g::1", "1.2.3.4:80", ":::"})
    void parse_rejectsWhatIsNotALiteralAddress(String text) {
        assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(text));
    }
}
