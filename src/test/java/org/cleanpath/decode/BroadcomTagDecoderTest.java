package org.cleanpath.decode;

import static org.cleanpath.decode.TestFrames.assertDst;
import static org.cleanpath.decode.TestFrames.assertSrc;
import static org.cleanpath.decode.TestFrames.decode;
import static org.cleanpath.decode.TestFrames.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cleanpath.capture.LinkType;
import org.junit.jupiter.api.Test;

/** Frames from a switch port with a Broadcom tag: LINKTYPE_DSA_TAG_BRCM (281) and _PREPEND (282). */
class BroadcomTagDecoderTest {
    private static final String TAG = "00002000";

    @Test
    void tagBetweenMacsAndEtherType_isSkipped() {
        Packet p = decode(LinkType.DSA_TAG_BRCM, CorpusFrames.BRCM_TAG_ICMP);

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(0x0800, p.etherType);
        assertEquals(mac("68:05:ca:18:47:70"), p.srcMac);
        assertEquals(mac("ff:ff:ff:ff:ff:ff"), p.dstMac);
        assertEquals(1, p.ipCount);
        assertSrc("192.168.1.1", p.ip[0]);
        assertDst("192.168.1.255", p.ip[0]);
        assertEquals(1, p.ip[0].protocol); // ICMP
    }

    @Test
    void tagBeforeTheFrame_isSkipped() {
        String untagged = untagged(CorpusFrames.BRCM_TAG_ICMP);
        Packet p = decode(LinkType.DSA_TAG_BRCM_PREPEND, TAG + untagged);

        assertEquals(Outcome.DECODED, p.outcome);
        assertEquals(mac("68:05:ca:18:47:70"), p.srcMac);
        assertSrc("192.168.1.1", p.ip[0]);
        assertDst("192.168.1.255", p.ip[0]);
    }

    @Test
    void sameFrameAsPlainEthernet_decodesAlike() {
        Packet tagged = decode(LinkType.DSA_TAG_BRCM, CorpusFrames.BRCM_TAG_ICMP);
        Packet plain = decode(LinkType.ETHERNET, untagged(CorpusFrames.BRCM_TAG_ICMP));

        assertEquals(plain.outcome, tagged.outcome);
        assertEquals(plain.ip[0].srcLo, tagged.ip[0].srcLo);
        assertEquals(plain.ip[0].dstLo, tagged.ip[0].dstLo);
        assertEquals(plain.ip[0].payloadOffset + 4, tagged.ip[0].payloadOffset);
    }

    @Test
    void frameCutInTheTag_isATruncatedLinkHeader() {
        String cut = CorpusFrames.BRCM_TAG_ICMP.replaceAll("\\s", "").substring(0, 2 * 15);
        Packet p = decode(LinkType.DSA_TAG_BRCM, cut);
        assertEquals(Outcome.UNDECODABLE, p.outcome);
        assertEquals(Undecodable.TRUNCATED_LINK_HEADER, p.reason);

        Packet prepended = decode(LinkType.DSA_TAG_BRCM_PREPEND, TAG.substring(0, 6));
        assertEquals(Outcome.UNDECODABLE, prepended.outcome);
        assertEquals(Undecodable.TRUNCATED_LINK_HEADER, prepended.reason);
    }

    /** The frame without its tag: what the switch put on the wire. */
    private static String untagged(String tagged) {
        String hex = tagged.replaceAll("\\s", "");
        return hex.substring(0, 24) + hex.substring(24 + 8);
    }
}
