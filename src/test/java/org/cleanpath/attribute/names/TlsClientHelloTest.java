package org.cleanpath.attribute.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.cleanpath.attribute.names.TlsClientHello.Probe;
import org.junit.jupiter.api.Test;

class TlsClientHelloTest {
    private static final byte[] HELLO = Samples.TLS13_CLIENT_HELLO;

    @Test
    void clientHello_inOneRecord_givesSniAlpnAndVersions() {
        TlsClientHello h = TlsClientHello.fromRecords(HELLO).orElseThrow();
        assertEquals("www.google.com", h.sni().orElseThrow());
        assertEquals(List.of("h2", "http/1.1"), h.alpn());
        assertEquals(List.of(0x0304, 0x0303), h.supportedVersions());
        assertEquals(0x0303, h.legacyVersion());
        assertEquals(Probe.COMPLETE, TlsClientHello.probe(ByteBuffer.wrap(HELLO), 0, HELLO.length));
    }

    @Test
    void clientHello_atAnOffsetOfALargerBuffer_isReadInPlace() {
        assertEquals("www.google.com", TlsClientHello.fromRecords(Samples.inFrame(HELLO, 54), 54, HELLO.length).orElseThrow().serverName());
    }

    @Test
    void clientHello_splitOverTwoRecords_isJoined() {
        // Same handshake message, fragmented into records of 40 bytes and the rest (RFC 8446 5.1 allows it).
        byte[] body = Arrays.copyOfRange(HELLO, 5, HELLO.length);
        ByteBuffer two = ByteBuffer.allocate(body.length + 10);
        two.put(new byte[] {22, 3, 1, 0, 40}).put(body, 0, 40);
        two.put(new byte[] {22, 3, 1, (byte) ((body.length - 40) >> 8), (byte) (body.length - 40)}).put(body, 40, body.length - 40);
        byte[] records = two.array();
        assertEquals(Probe.COMPLETE, TlsClientHello.probe(ByteBuffer.wrap(records), 0, records.length));
        assertEquals("www.google.com", TlsClientHello.fromRecords(records).orElseThrow().serverName());
        assertEquals(Probe.NEED_MORE, TlsClientHello.probe(ByteBuffer.wrap(records), 0, 47));
    }

    @Test
    void prefixes_needMore_andGiveSniOnceItIsIn() {
        int sniEnd = indexOf(HELLO, "www.google.com".getBytes()) + "www.google.com".length();
        for (int n = 1; n < HELLO.length; n++) {
            assertEquals(Probe.NEED_MORE, TlsClientHello.probe(ByteBuffer.wrap(HELLO), 0, n), "prefix " + n);
            var h = TlsClientHello.fromRecords(ByteBuffer.wrap(HELLO), 0, n);
            if (n >= sniEnd) {
                assertEquals("www.google.com", h.orElseThrow().serverName(), "prefix " + n);
            }
        }
    }

    @Test
    void otherProtocols_areNotTls() {
        assertEquals(Probe.NOT_TLS, TlsClientHello.probe(ByteBuffer.wrap(Samples.HTTP_GET_WIKIPEDIA), 0, 100));
        byte[] serverHello = HELLO.clone();
        serverHello[5] = 2;
        assertEquals(Probe.NOT_TLS, TlsClientHello.probe(ByteBuffer.wrap(serverHello), 0, serverHello.length));
        assertTrue(TlsClientHello.fromRecords(serverHello).isEmpty());
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
