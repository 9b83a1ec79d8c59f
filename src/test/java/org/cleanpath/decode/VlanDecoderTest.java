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

class VlanDecoderTest {

    @Test
    void threeStacked8021qTags_areRecordedOutermostFirst() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.QINQINQ_TCP);

        assertEquals(Outcome.DECODED, p.outcome);
        assertArrayEquals(new int[] {30, 20, 10}, Arrays.copyOf(p.vlanIds, p.vlanCount));
        assertEquals(0x0800, p.etherType);
        IpLayer ip = p.ip[0];
        assertSrc("141.142.228.5", ip);
        assertDst("192.150.187.43", ip);
        assertEquals(59856, ip.srcPort);
        assertEquals(80, ip.dstPort);
        assertEquals(0x02, ip.tcpFlags);
    }

    @Test
    void singleTag_keepsVidAndMacs() {
        Packet p = decode(LinkType.ETHERNET, CorpusFrames.VLAN_TCP);

        assertEquals(1, p.vlanCount);
        assertEquals(4093, p.vlanIds[0]);
        assertEquals(mac("00:10:f3:02:1c:00"), p.srcMac);
        assertEquals(mac("00:01:d7:7e:cc:05"), p.dstMac);
        assertSrc("10.0.0.15", p.ip[0]);
        assertEquals(0x12, p.ip[0].tcpFlags);
    }

    @Test
    void providerBridge88a8_thenCustomerTag() {
        byte[] data = TestFrames.bytes(CorpusFrames.QINQ_8021AD_64);
        Packet p = decode(TestFrames.frame(LinkType.ETHERNET, data, CorpusFrames.QINQ_8021AD_64_WIRE_LENGTH));

        assertEquals(Outcome.DECODED, p.outcome);
        assertArrayEquals(new int[] {30, 100}, Arrays.copyOf(p.vlanIds, p.vlanCount));
        assertSrc("192.85.1.22", p.ip[0]);
        assertDst("192.85.1.14", p.ip[0]);
        assertEquals(253, p.ip[0].protocol);
    }

    @Test
    void tpids88a8And9100_areVlanTagsToo() {
        // The zeek/vlan-qinqinq.pcap frame with its outer TPIDs rewritten: 802.1ad, then 0x9100.
        String hex = CorpusFrames.QINQINQ_TCP.replaceAll("\\s+", "");
        hex = hex.substring(0, 24) + "88a8" + hex.substring(28, 32) + "9100" + hex.substring(36);

        Packet p = decode(LinkType.ETHERNET, hex);

        assertEquals(Outcome.DECODED, p.outcome);
        assertArrayEquals(new int[] {30, 20, 10}, Arrays.copyOf(p.vlanIds, p.vlanCount));
    }

    @Test
    void tenTags_recordTheFirstEightAndStillReachIp() {
        Packet p = decode(LinkType.ETHERNET, stacked(10));

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(Packet.MAX_TAGS, p.vlanCount);
        assertEquals(8, p.vlanIds[7]);
    }

    @Test
    void seventeenTags_areTooManyLayers() {
        Packet p = decode(LinkType.ETHERNET, stacked(17));

        assertEquals(Outcome.UNDECODABLE, p.outcome);
        assertEquals(Undecodable.TOO_MANY_LAYERS, p.reason);
    }

    @Test
    void cutTag_isTruncatedLinkHeader() {
        Packet p = decode(LinkType.ETHERNET, "0a00000000010a00000000028100001e");

        assertEquals(Undecodable.TRUNCATED_LINK_HEADER, p.reason);
    }

    /** Ethernet with {@code tags} 802.1Q tags (VIDs 1, 2, ...) around the SCTP frame's IP packet. */
    private static String stacked(int tags) {
        StringBuilder sb = new StringBuilder("0a00000000010a0000000002");
        for (int vid = 1; vid <= tags; vid++) {
            sb.append("8100").append(String.format("%04x", vid));
        }
        return sb.append("0800").append(CorpusFrames.SCTP.replaceAll("\\s+", "").substring(28)).toString();
    }
}
