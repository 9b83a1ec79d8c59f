package org.cleanpath.attribute.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.cleanpath.attribute.names.TlsClientHello.Probe;
import org.junit.jupiter.api.Test;

class TlsStreamCollectorTest {
    private static final byte[] HELLO = Samples.TLS13_CLIENT_HELLO;
    private static final long ISN = 0xffff_ff00L; // the stream wraps the 32-bit sequence space

    private static Probe offer(TlsStreamCollector c, int from, int to) {
        c.offer((ISN + from) & 0xffff_ffffL, ByteBuffer.wrap(HELLO), from, to - from);
        return c.status();
    }

    @Test
    void segmentsInOrder_completeTheClientHello() {
        TlsStreamCollector c = new TlsStreamCollector();
        assertEquals(Probe.NEED_MORE, offer(c, 0, 200));
        assertEquals(Probe.NEED_MORE, offer(c, 200, 400));
        assertFalse(c.done());
        assertEquals(Probe.COMPLETE, offer(c, 400, HELLO.length));
        assertEquals("www.google.com", c.clientHello().orElseThrow().serverName());
    }

    @Test
    void retransmissions_andOverlaps_areHarmless() {
        TlsStreamCollector c = new TlsStreamCollector();
        offer(c, 0, 200);
        offer(c, 0, 200);
        offer(c, 100, 300);
        assertEquals(Probe.COMPLETE, offer(c, 250, HELLO.length));
        assertEquals("www.google.com", c.clientHello().orElseThrow().serverName());
    }

    @Test
    void segmentAfterGap_waitsForTheMissingOne_whenTheStreamStartIsKnown() {
        TlsStreamCollector c = new TlsStreamCollector();
        c.streamStartsAt(ISN);
        assertEquals(Probe.NEED_MORE, offer(c, 300, HELLO.length));
        assertEquals(Probe.COMPLETE, offer(c, 0, 300));
        assertEquals("www.google.com", c.clientHello().orElseThrow().serverName());
    }

    @Test
    void notTls_isDecidedOnTheFirstSegment() {
        TlsStreamCollector c = new TlsStreamCollector();
        assertTrue(c.offer(1, ByteBuffer.wrap(Samples.HTTP_GET_WIKIPEDIA), 0, 100));
        assertEquals(Probe.NOT_TLS, c.status());
        assertTrue(c.clientHello().isEmpty());
    }

    @Test
    void lostSegment_endsCollection_onceLaterDataPassesTheLimit() {
        TlsStreamCollector c = new TlsStreamCollector(300);
        offer(c, 0, 100);
        offer(c, 200, 300); // 100..200 never comes
        assertFalse(c.done());
        c.offer((ISN + 400) & 0xffff_ffffL, ByteBuffer.wrap(new byte[50]), 0, 50);
        assertTrue(c.done());
        assertTrue(c.clientHello().orElseThrow().sni().isEmpty()); // the first 100 bytes hold no server_name
    }

    @Test
    void limit_endsCollection_withWhatArrived() {
        TlsStreamCollector c = new TlsStreamCollector(300);
        offer(c, 0, 200);
        assertEquals(Probe.COMPLETE, offer(c, 200, 400));
        assertEquals("www.google.com", c.clientHello().orElseThrow().serverName());
    }
}
