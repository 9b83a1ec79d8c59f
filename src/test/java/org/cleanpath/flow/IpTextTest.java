package org.cleanpath.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpTextTest {
    private static String fmt(String literal) throws Exception {
        byte[] b = InetAddress.getByName(literal).getAddress();
        if (b.length == 4) {
            long lo = 0x0000_ffff_0000_0000L | (new BigInteger(1, b).longValue());
            return IpText.format(0, lo);
        }
        long hi = 0, lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = hi << 8 | (b[i] & 0xff);
            lo = lo << 8 | (b[i + 8] & 0xff);
        }
        return IpText.format(hi, lo);
    }

    @Test
    void formatsIpv4AsDottedQuad() throws Exception {
        assertEquals("202.97.1.1", fmt("202.97.1.1"));
        assertEquals("0.0.0.0", fmt("0.0.0.0"));
        assertEquals("255.255.255.255", fmt("255.255.255.255"));
    }

    @Test
    void formatsIpv6InRfc5952Form() throws Exception {
        assertEquals("2001:4860:4860::8888", fmt("2001:4860:4860:0:0:0:0:8888"));
        assertEquals("::1", fmt("::1"));
        assertEquals("::", fmt("::"));
        assertEquals("fe80::1:0:0:1", fmt("fe80:0:0:0:1:0:0:1"));
        assertEquals("2001:db8::1:0:0:1", fmt("2001:db8:0:0:1:0:0:1"));
        assertEquals("2001:db8:0:1:1:1:1:1", fmt("2001:db8:0:1:1:1:1:1"));
        assertEquals("1::", fmt("1:0:0:0:0:0:0:0"));
    }
}
