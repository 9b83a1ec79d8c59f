package org.cleanpath.decode;

import static org.cleanpath.decode.TestFrames.assertDst;
import static org.cleanpath.decode.TestFrames.assertSrc;
import static org.cleanpath.decode.TestFrames.decode;
import static org.cleanpath.decode.TestFrames.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

class LinuxSllDecoderTest {

    @Test
    void sll_tcpSyn() {
        Packet p = decode(LinkType.LINUX_SLL, CorpusFrames.SLL_TCP);

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(0x0800, p.etherType);
        IpLayer ip = p.ip[0];
        assertSrc("131.155.215.69", ip);
        assertDst("137.116.81.94", ip);
        assertEquals(46656, ip.srcPort);
        assertEquals(80, ip.dstPort);
        assertEquals(0x02, ip.tcpFlags);
        assertEquals(0, ip.payloadLength);
        assertEquals(-1, p.srcMac);
    }

    @Test
    void sll2_icmpEcho() {
        Packet p = decode(LinkType.LINUX_SLL2, CorpusFrames.SLL2_ICMP);

        assertEquals(Outcome.DECODED, p.outcome);
        assertSrc("192.0.2.1", p.ip[0]);
        assertEquals(8, p.ip[0].icmpType);
        assertEquals(8, p.ip[0].icmpId);
    }

    @Test
    void sll2_icmpv6Echo() {
        Packet p = decode(LinkType.LINUX_SLL2, CorpusFrames.SLL2_ICMP6);

        assertEquals(Outcome.DECODED, p.outcome);
        assertDst("fe80::8c36:6ff:fe44:acaf", p.ip[0]);
        assertEquals(128, p.ip[0].icmpType);
        assertEquals(9, p.ip[0].icmpId);
    }

    @Test
    void sll2_arp_isNonIpWithSenderMac() {
        Packet p = decode(LinkType.LINUX_SLL2, CorpusFrames.SLL2_ARP);

        assertEquals(Outcome.NON_IP, p.outcome);
        assertEquals(0x0806, p.etherType);
        assertEquals(mac("8e:36:06:44:ac:af"), p.srcMac);
    }
}
