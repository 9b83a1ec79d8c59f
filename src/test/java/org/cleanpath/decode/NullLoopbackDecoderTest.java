package org.cleanpath.decode;

import static org.cleanpath.decode.TestFrames.assertDst;
import static org.cleanpath.decode.TestFrames.assertSrc;
import static org.cleanpath.decode.TestFrames.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

class NullLoopbackDecoderTest {

    @Test
    void null_littleEndianFamily30_isIpv6() {
        Packet p = decode(LinkType.NULL, CorpusFrames.NULL_IPV6_TCP);

        assertEquals(Outcome.DECODED, p.outcome);
        IpLayer ip = p.ip[0];
        assertSrc("::1", ip);
        assertDst("::1", ip);
        assertEquals(49888, ip.srcPort);
        assertEquals(81, ip.dstPort);
        assertEquals(0x18, ip.tcpFlags);
        assertEquals(403, ip.payloadLength);
        assertEquals(403, ip.capturedPayloadLength);
    }

    @Test
    void null_littleEndianFamily2_isIpv4() {
        Packet p = decode(LinkType.NULL, CorpusFrames.NULL_IPV4_UDP);

        assertSrc("172.16.1.117", p.ip[0]);
        assertDst("172.16.1.255", p.ip[0]);
        assertEquals(8612, p.ip[0].dstPort);
        assertEquals(16, p.ip[0].payloadLength);
    }

    @Test
    void null_bigEndianFamily_isReadToo() {
        String frame = "00000002" + CorpusFrames.NULL_IPV4_UDP.replaceAll("\\s+", "").substring(8);

        assertEquals(8612, decode(LinkType.NULL, frame).ip[0].dstPort);
    }

    @Test
    void loop_familyInNetworkOrder() {
        String frame = "0000001e" + CorpusFrames.NULL_IPV6_TCP.replaceAll("\\s+", "").substring(8);

        Packet p = decode(LinkType.LOOP, frame);

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(81, p.ip[0].dstPort);
    }

    @Test
    void etherTypeInPlaceOfTheFamily_isFollowed() {
        Packet p = decode(LinkType.NULL, CorpusFrames.NULL_ETHERTYPE_IPV4_DNS);

        assertEquals(Outcome.DECODED, p.outcome);
        assertSrc("10.0.0.138", p.ip[0]);
        assertEquals(53, p.ip[0].srcPort);
        assertEquals(58125, p.ip[0].dstPort);
    }

    @Test
    void unknownFamily_isNonIp() {
        assertEquals(Outcome.NON_IP, decode(LinkType.LOOP, "00000007" + "0000").outcome);
    }
}
