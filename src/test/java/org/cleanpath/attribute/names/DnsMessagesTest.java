package org.cleanpath.attribute.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.cleanpath.attribute.names.DnsMessage.AddressAnswer;
import org.cleanpath.attribute.names.DnsMessage.CnameAnswer;
import org.junit.jupiter.api.Test;

class DnsMessagesTest {

    @Test
    void response_withCnameAndA_givesAnswerSectionOnly() {
        DnsMessage m = DnsMessages.parse(Samples.DNS_CNAME_AND_A).orElseThrow();
        assertTrue(m.response());
        assertTrue(m.complete());
        assertEquals(0x65f0, m.id());
        assertEquals(List.of(new DnsMessage.Question("upload.wikimedia.org", DnsMessage.TYPE_A)), m.questions());
        assertEquals(List.of(new CnameAnswer("upload.wikimedia.org", 124, "upload.pmtpa.wikimedia.org"),
                new AddressAnswer("upload.pmtpa.wikimedia.org", 2156, 0, 0x0000_ffff_d050_9803L)), m.answers());
        assertEquals("208.80.152.3", m.addresses().get(0).address());
    }

    @Test
    void chainTo_address_startsAtQueriedName() {
        DnsMessage m = DnsMessages.parse(Samples.DNS_CNAME_AND_A).orElseThrow();
        assertEquals(List.of("upload.wikimedia.org", "upload.pmtpa.wikimedia.org"), m.chainTo(m.addresses().get(0)));
    }

    @Test
    void aaaaAnswer_givesIpv6Address() {
        DnsMessage m = DnsMessages.parse(Samples.DNS_AAAA).orElseThrow();
        AddressAnswer aaaa = m.addresses().get(0);
        assertEquals("facebook.com", aaaa.name());
        assertFalse(aaaa.isV4());
        assertEquals("2a03:2880:f165:81:face:b00c:0:25de", aaaa.address());
        assertEquals(300, aaaa.ttl());
        assertEquals(0x2a032880f1650081L, aaaa.hi());
    }

    @Test
    void query_hasQuestionsButNoAnswers() {
        byte[] q = Samples.DNS_CNAME_AND_A.clone();
        q[2] &= 0x7f; // clear QR: the same bytes read as a query
        DnsMessage m = DnsMessages.parse(q).orElseThrow();
        assertFalse(m.response());
        assertEquals("upload.wikimedia.org", m.queryName().orElseThrow());
        assertTrue(m.answers().isEmpty());
    }

    @Test
    void tcpMessage_withLengthPrefix_parsesLikeUdp() {
        byte[] udp = Samples.DNS_CNAME_AND_A;
        ByteBuffer tcp = ByteBuffer.allocate(udp.length + 2).putShort((short) udp.length).put(udp);
        assertEquals(DnsMessages.parse(udp), DnsMessages.parseTcp(tcp, 0, tcp.capacity()));
        assertTrue(DnsMessages.parseTcp(tcp, 0, tcp.capacity() - 1).isEmpty());
    }

    @Test
    void compressionPointerLoop_endsAsIncompleteMessage() {
        // Header with one question whose name is a pointer to itself (offset 12).
        byte[] loop = Samples.hex("1234 8180 0001 0001 0000 0000 c00c 0001 0001");
        DnsMessage m = DnsMessages.parse(loop).orElseThrow();
        assertFalse(m.complete());
        assertTrue(m.questions().isEmpty());
        // Two pointers pointing at each other.
        byte[] pair = Samples.hex("1234 8180 0001 0000 0000 0000 c00e c00c 0001 0001");
        assertFalse(DnsMessages.parse(pair).orElseThrow().complete());
    }

    @Test
    void everyPrefix_ofRealResponse_parsesWithoutThrowing() {
        byte[] full = Samples.DNS_CNAME_AND_A;
        for (int n = 0; n <= full.length; n++) {
            ByteBuffer b = ByteBuffer.wrap(full, 0, n);
            var m = DnsMessages.parse(b, 0, n);
            assertEquals(n >= 12, m.isPresent(), "prefix " + n);
            m.ifPresent(x -> assertTrue(x.answers().size() <= 2));
        }
        assertTrue(DnsMessages.parse(ByteBuffer.wrap(full), 0, full.length + 1).isEmpty());
    }
}
