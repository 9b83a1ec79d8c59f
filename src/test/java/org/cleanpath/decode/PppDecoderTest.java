package org.cleanpath.decode;

import static org.cleanpath.decode.TestFrames.assertSrc;
import static org.cleanpath.decode.TestFrames.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

/** The PPP link type (9), built from RFC 1661 around real IP packets. */
class PppDecoderTest {
    private static final String SCTP_IP = CorpusFrames.SCTP.replaceAll("\\s+", "").substring(28);

    @Test
    void addressControlAndProtocol0021_isIpv4() {
        Packet p = decode(LinkType.PPP, "ff03" + "0021" + SCTP_IP);

        assertEquals(Outcome.DECODED, p.outcome);
        assertSrc("192.168.170.8", p.ip[0]);
    }

    @Test
    void compressedOneByteProtocol_isIpv4() {
        Packet p = decode(LinkType.PPP, "21" + SCTP_IP);

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(7, p.ip[0].dstPort);
    }

    @Test
    void protocol0281_isMpls() {
        Packet p = decode(LinkType.PPP, "ff03" + "0281" + "00064140" + SCTP_IP);

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(100, p.mplsLabels[0]);
    }

    @Test
    void lcp_isNonIp() {
        assertEquals(Outcome.NON_IP, decode(LinkType.PPP, "ff03c021010100040000").outcome);
    }
}
