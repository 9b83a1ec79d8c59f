package org.cleanpath.decode;

import static org.cleanpath.decode.TestFrames.assertDst;
import static org.cleanpath.decode.TestFrames.assertSrc;
import static org.cleanpath.decode.TestFrames.bytes;
import static org.cleanpath.decode.TestFrames.decode;
import static org.cleanpath.decode.TestFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

class Ipv4DecoderTest {
    private static final String SCTP_FRAME = CorpusFrames.SCTP.replaceAll("\\s+", "");
    private static final String SCTP_IP = SCTP_FRAME.substring(28);

    @Test
    void header_fieldsAndIpv4MappedAddresses() {
        Packet p = decode(LinkType.RAW, SCTP_IP);

        assertEquals(Outcome.DECODED, p.outcome);
        IpLayer ip = p.ip[0];
        assertEquals(4, ip.version);
        assertEquals(0, ip.srcHi);
        assertEquals(IpLayer.V4_MAPPED_PREFIX | 0xc0a8aa08L, ip.srcLo);
        assertDst("192.168.170.56", ip);
        assertEquals(132, ip.protocol);
        assertEquals(64, ip.ipLength);
        assertFalse(ip.fragment);
        assertEquals(Tunnel.NONE, ip.tunnel);
    }

    @Test
    void linkTypesIpv4AndBsdRaw_areRawIp() {
        assertEquals(Outcome.DECODED, decode(LinkType.IPV4, SCTP_IP).outcome);
        assertEquals(Outcome.DECODED, decode(LinkType.RAW_BSD, SCTP_IP).outcome);
        assertEquals(Outcome.DECODED, decode(LinkType.RAW_BSD_ALT, SCTP_IP).outcome);
    }

    @Test
    void options_areSkippedByHeaderLength() {
        // IHL 6 and total length 68: a 4-byte Router Alert option (94 04 0000) after the fixed header.
        String withOption = "46" + SCTP_IP.substring(2, 4) + "0044" + SCTP_IP.substring(8, 40) + "94040000"
                + SCTP_IP.substring(40);

        Packet p = decode(LinkType.RAW, withOption);

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(68, p.ip[0].ipLength);
        assertEquals(7, p.ip[0].srcPort);
        assertEquals(32, p.ip[0].payloadLength);
    }

    @Test
    void ethernetPadding_isNotPayload() {
        Packet p = decode(LinkType.ETHERNET, SCTP_FRAME + "00000000000000000000");

        assertEquals(32, p.ip[0].payloadLength);
        assertEquals(32, p.ip[0].capturedPayloadLength);
        assertFalse(p.truncated);
    }

    @Test
    void totalLengthZero_fromSegmentationOffload_meansTheRestOfTheFrame() {
        Packet p = decode(LinkType.RAW, SCTP_IP.substring(0, 4) + "0000" + SCTP_IP.substring(8));

        assertEquals(64, p.ip[0].ipLength);
        assertEquals(32, p.ip[0].payloadLength);
    }

    @Test
    void firstFragment_hasTransportAndFragmentFacts() {
        byte[] data = bytes(CorpusFrames.IPV4_FIRST_FRAGMENT_64);
        Packet p = decode(frame(LinkType.ETHERNET, data, CorpusFrames.IPV4_FIRST_FRAGMENT_64_WIRE_LENGTH));

        IpLayer ip = p.ip[0];
        assertEquals(Outcome.DECODED, p.outcome);
        assertTrue(ip.fragment);
        assertTrue(ip.isFirstFragment());
        assertTrue(ip.moreFragments);
        assertEquals(0x1ea0, ip.fragmentId);
        assertEquals(17, ip.protocol);
        assertTrue(ip.hasTransport);
        assertEquals(789, ip.srcPort);
        assertEquals(2049, ip.dstPort);
        assertEquals(1500, ip.ipLength);
        assertEquals(1472, ip.payloadLength);
        assertEquals(64 - 42, ip.capturedPayloadLength);
        assertTrue(p.truncated);
    }

    @Test
    void laterFragments_haveNoTransport() {
        byte[] middle = bytes(CorpusFrames.IPV4_MIDDLE_FRAGMENT_64);
        IpLayer m = decode(frame(LinkType.ETHERNET, middle, CorpusFrames.IPV4_MIDDLE_FRAGMENT_64_WIRE_LENGTH)).ip[0];
        byte[] last = bytes(CorpusFrames.IPV4_LAST_FRAGMENT_64);
        IpLayer l = decode(frame(LinkType.ETHERNET, last, CorpusFrames.IPV4_LAST_FRAGMENT_64_WIRE_LENGTH)).ip[0];

        assertEquals(1480, m.fragmentOffset);
        assertTrue(m.moreFragments);
        assertFalse(m.hasTransport);
        assertEquals(0, m.srcPort);
        assertEquals(7400, l.fragmentOffset);
        assertFalse(l.moreFragments);
        assertTrue(l.fragment);
        assertFalse(l.hasTransport);
        assertEquals(0x1ea0, l.fragmentId);
    }

    @Test
    void versionOtherThan4Or6_isBadIpVersion() {
        Packet p = decode(LinkType.RAW, "5" + SCTP_IP.substring(1));

        assertEquals(Outcome.UNDECODABLE, p.outcome);
        assertEquals(Undecodable.BAD_IP_VERSION, p.reason);
    }

    @Test
    void headerLengthBelow20_isBadIpHeader() {
        assertEquals(Undecodable.BAD_IP_HEADER, decode(LinkType.RAW, "44" + SCTP_IP.substring(2)).reason);
    }

    @Test
    void totalLengthBelowHeaderLength_isBadIpHeader() {
        Packet p = decode(LinkType.RAW, SCTP_IP.substring(0, 4) + "0010" + SCTP_IP.substring(8));

        assertEquals(Undecodable.BAD_IP_HEADER, p.reason);
    }

    @Test
    void cutHeader_isTruncatedIpHeader() {
        Packet p = decode(LinkType.RAW, SCTP_IP.substring(0, 30));

        assertEquals(Undecodable.TRUNCATED_IP_HEADER, p.reason);
        assertTrue(p.truncated);
    }
}
