package org.cleanpath.decode;

import static org.cleanpath.decode.TestFrames.assertSrc;
import static org.cleanpath.decode.TestFrames.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

/** PPPoE is not in the corpus: sessions are built here from RFC 2516 around real IP packets. */
class PppoeDecoderTest {
    private static final String MACS = "0a00000000010a0000000002";
    private static final String SCTP_IP = CorpusFrames.SCTP.replaceAll("\\s+", "").substring(28);
    private static final String DSTOPTS_IPV6 = CorpusFrames.IPV6_DSTOPTS_UDP.replaceAll("\\s+", "").substring(28);

    /** Ethernet, EtherType 0x8864, PPPoE ver/type 0x11, code 0 (session data), session id, length. */
    private static String session(String pppProtocol, String payload) {
        int length = 2 + payload.length() / 2;
        return MACS + "8864" + "11" + "00" + "1234" + String.format("%04x", length) + pppProtocol + payload;
    }

    @Test
    void sessionCarryingIpv4() {
        Packet p = decode(LinkType.ETHERNET, session("0021", SCTP_IP));

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(0x8864, p.etherType);
        assertSrc("192.168.170.8", p.ip[0]);
        assertEquals(7, p.ip[0].srcPort);
    }

    @Test
    void sessionCarryingIpv6() {
        Packet p = decode(LinkType.ETHERNET, session("0057", DSTOPTS_IPV6));

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(42513, p.ip[0].srcPort);
    }

    @Test
    void lcpInSession_isNonIp() {
        Packet p = decode(LinkType.ETHERNET, session("c021", "0101000a0104059c"));

        assertEquals(Outcome.NON_IP, p.outcome);
        assertEquals(0x8864, p.etherType);
    }

    @Test
    void discoveryStage_isNonIp() {
        Packet p = decode(LinkType.ETHERNET, MACS + "8863" + "1109" + "0000" + "0000");

        assertEquals(Outcome.NON_IP, p.outcome);
        assertEquals(0x8863, p.etherType);
    }
}
