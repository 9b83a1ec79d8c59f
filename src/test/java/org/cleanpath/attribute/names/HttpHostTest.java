package org.cleanpath.attribute.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpHostTest {

    private static Optional<String> host(String request) {
        return HttpHost.parse(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void realGetRequest_givesHostHeader() {
        assertEquals("www.wikipedia.org", HttpHost.parse(Samples.HTTP_GET_WIKIPEDIA).orElseThrow());
    }

    @Test
    void hostHeader_isCaseInsensitive_lowerCased_andLosesItsPort() {
        assertEquals("api.example.com", host("POST /x HTTP/1.1\r\nContent-Length: 0\r\nHOST:  Api.Example.COM:8080 \r\n\r\n").orElseThrow());
        assertEquals("2001:db8::1", host("GET / HTTP/1.1\nhost: [2001:db8::1]:80\n\n").orElseThrow());
    }

    @Test
    void connect_withoutHostHeader_usesTheTarget() {
        assertEquals("www.huawei.com", host("CONNECT www.huawei.com:443 HTTP/1.1\r\nUser-Agent: x\r\n\r\n").orElseThrow());
    }

    @Test
    void headersAfterTheEmptyLine_andOtherPayloads_giveNothing() {
        assertTrue(host("GET / HTTP/1.1\r\nUser-Agent: x\r\n\r\nHost: body.example\r\n").isEmpty());
        assertTrue(host("HTTP/1.1 200 OK\r\nHost: a.example\r\n\r\n").isEmpty());
        assertTrue(host("GETX / HTTP/1.1\r\nHost: a.example\r\n\r\n").isEmpty());
        assertTrue(HttpHost.parse(ByteBuffer.wrap(Samples.TLS13_CLIENT_HELLO), 0, 100).isEmpty());
    }

    @Test
    void everyPrefix_ofRealRequest_parsesWithoutThrowing() {
        byte[] r = Samples.HTTP_GET_WIKIPEDIA;
        for (int n = 0; n <= r.length; n++) {
            Optional<String> h = HttpHost.parse(ByteBuffer.wrap(r), 0, n);
            if (n >= 40) { // the Host line and its CR are in
                assertEquals("www.wikipedia.org", h.orElseThrow(), "prefix " + n);
            } else {
                assertTrue(h.isEmpty(), "prefix " + n); // never a host cut short
            }
        }
    }
}
