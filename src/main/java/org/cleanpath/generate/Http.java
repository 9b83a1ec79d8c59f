package org.cleanpath.generate;

import java.nio.charset.StandardCharsets;

/** HTTP/1.1 request and response messages. */
final class Http {
    static final int PORT = 80;

    private Http() {}

    static byte[] get(String host, String path, String userAgent) {
        return ("GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "User-Agent: " + userAgent + "\r\n"
                + "Accept: */*\r\n"
                + "Connection: close\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] ok(String contentType, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 200 OK\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + content.length + "\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        return new ByteSink().ascii(head).bytes(content).toByteArray();
    }
}
