package org.cleanpath.decode;

import static org.cleanpath.decode.TestFrames.assertDst;
import static org.cleanpath.decode.TestFrames.assertSrc;
import static org.cleanpath.decode.TestFrames.decode;
import static org.cleanpath.decode.TestFrames.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

class EthernetDecoderTest {

    @Test
    void ethernetII_ipv4_recordsMacsEtherTypeAndTransport() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.SCTP);

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(0x0800, p.etherType);
        assertEquals(1, p.ipCount);
        assertSrc("192.168.170.8", p.ip[0]);
        assertDst("192.168.170.56", p.ip[0]);
        assertFalse(p.truncated);
    }

    @Test
    void cdpIn8023Llc_isNonIpWithTheLengthFieldAsEtherType() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.CDP);

        assertEquals(Outcome.NON_IP, p.outcome);
        assertEquals(374, p.etherType);
        assertEquals(mac("00:18:ba:98:68:8f"), p.srcMac);
        assertEquals(mac("01:00:0c:cc:cc:cc"), p.dstMac);
        assertEquals(0, p.ipCount);
    }

    @Test
    void lldp_isNonIp() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.LLDP);

        assertEquals(Outcome.NON_IP, p.outcome);
        assertEquals(0x88cc, p.etherType);
        assertEquals(mac("00:19:2f:a7:b2:8d"), p.srcMac);
    }

    @Test
    void stpInsideVlan_isNonIpWithTheLengthFieldAndVlan() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.VLAN_STP);

        assertEquals(Outcome.NON_IP, p.outcome);
        assertEquals(50, p.etherType);
        assertEquals(1, p.vlanCount);
        assertEquals(1213, p.vlanIds[0]);
    }

    @Test
    void configurationTestProtocol_isNonIp() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.LOOPBACK_9000);

        assertEquals(Outcome.NON_IP, p.outcome);
        assertEquals(0x9000, p.etherType);
    }

    @Test
    void llcSnapWithOuiZero_continuesIntoIp() {
        String sctpIp = CorpusFrames.SCTP.replaceAll("\\s+", "").substring(28);
        int length = sctpIp.length() / 2 + 8;
        String frame = "0a0000000001" + "0a0000000002" // destination, source MAC
                + String.format("%04x", length)       // 802.3 length: LLC + SNAP + IP
                + "aaaa03"                            // LLC: DSAP/SSAP SNAP, UI frame
                + "000000" + "0800"                   // SNAP: OUI 0 (encapsulated Ethernet), IPv4
                + sctpIp;

        Packet p = decode(LinkType.ETHERNET, frame);

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(0x0800, p.etherType);
        assertEquals(7, p.ip[0].dstPort);
        assertEquals(mac("0a:00:00:00:00:02"), p.srcMac);
    }

    @Test
    void headerShorterThan14Bytes_isUndecodableAndTruncated() {
        Packet p = decode(LinkType.ETHERNET, "0a00000000010a000000");

        assertEquals(Outcome.UNDECODABLE, p.outcome);
        assertEquals(Undecodable.TRUNCATED_LINK_HEADER, p.reason);
        assertTrue(p.truncated);
    }
}
