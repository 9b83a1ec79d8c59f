package org.cleanpath.decode;

import static org.cleanpath.decode.TestFrames.assertDst;
import static org.cleanpath.decode.TestFrames.assertSrc;
import static org.cleanpath.decode.TestFrames.decode;
import static org.cleanpath.decode.TestFrames.mac;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

class MplsDecoderTest {
    private static final String MACS = "0a00000000010a0000000002";
    private static final String SCTP_IP = CorpusFrames.SCTP.replaceAll("\\s+", "").substring(28);
    private static final String DSTOPTS_IPV6 = CorpusFrames.IPV6_DSTOPTS_UDP.replaceAll("\\s+", "").substring(28);

    @Test
    void singleLabel_thenIpv4ByFirstNibble() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.MPLS_TCP);

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(1, p.mplsCount);
        assertEquals(29, p.mplsLabels[0]);
        assertSrc("10.1.2.1", p.ip[0]);
        assertDst("10.34.0.1", p.ip[0]);
        assertEquals(11001, p.ip[0].srcPort);
        assertEquals(23, p.ip[0].dstPort);
        assertEquals(0x02, p.ip[0].tcpFlags);
    }

    @Test
    void labelStack_isRecordedTopFirst_thenIpv6ByFirstNibble() {
        // Label entries: label(20) | TC(3) | S(1) | TTL(8): 1000 and 2000 (S=0), 2 IPv6 explicit null (S=1).
        String frame = MACS + "8847" + "003e8040" + "007d0040" + "00002140" + DSTOPTS_IPV6;

        Packet p = decode(LinkType.ETHERNET, frame);

        assertEquals(Outcome.DECODED, p.outcome);
        assertArrayEquals(new int[] {1000, 2000, 2}, Arrays.copyOf(p.mplsLabels, p.mplsCount));
        assertEquals(6, p.ip[0].version);
        assertEquals(42, p.ip[0].dstPort);
    }

    @Test
    void pseudowireControlWord_thenCustomerEthernet_keepsOuterMacs() {
        // Label 100 S=1 TTL 64, RFC 4448 control word (first nibble 0), then the VLAN frame.
        String frame = MACS + "8848" + "00064140" + "00000000" + CorpusFrames.VLAN_TCP.replaceAll("\\s+", "");

        Packet p = decode(LinkType.ETHERNET, frame);

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(100, p.mplsLabels[0]);
        assertEquals(4093, p.vlanIds[0]);
        assertEquals(mac("0a:00:00:00:00:02"), p.srcMac);
        assertSrc("10.0.0.15", p.ip[0]);
    }

    @Test
    void unknownPayloadNibble_isBadMpls() {
        Packet p = decode(LinkType.ETHERNET, MACS + "8847" + "00064140" + "9" + SCTP_IP.substring(1));

        assertEquals(Outcome.UNDECODABLE, p.outcome);
        assertEquals(Undecodable.BAD_MPLS, p.reason);
    }

    @Test
    void deeplyNestedPseudowires_areTooManyLayersNotStackOverflow() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.MPLS_TOO_MANY_LAYERS);

        assertEquals(Outcome.UNDECODABLE, p.outcome);
        assertEquals(Undecodable.TOO_MANY_LAYERS, p.reason);
        assertEquals(16, p.mplsLabels[0]);
    }

    @Test
    void labelWithoutBottomOfStack_isTruncatedLinkHeader() {
        Packet p = decode(LinkType.ETHERNET, MACS + "8847" + "003e8040");

        assertEquals(Undecodable.TRUNCATED_LINK_HEADER, p.reason);
    }
}
