package org.cleanpath.attribute.names;

import static org.cleanpath.attribute.names.Bounds.u8;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The host an HTTP/1.x request names: its Host header (RFC 9112 3.2), or for CONNECT without one,
 * the authority of the request target. Lower case, without port or IPv6 brackets.
 *
 * <p>Reads only the first segment of a request: a payload that does not begin with a request line
 * of a known method gives {@link Optional#empty()}. Never throws.
 */
public final class HttpHost {
    private static final String[] METHODS = {"GET", "POST", "HEAD", "PUT", "OPTIONS", "CONNECT", "DELETE", "PATCH", "TRACE"};

    private HttpHost() {}

    /**
     * Cheap test: the payload begins with a known method and a space. Kept out of the names stage's
     * compiled per-packet code by src/main/jvm.options: rename it there too.
     */
    public static boolean isRequest(ByteBuffer buf, int offset, int length) {
        return methodLength(buf, offset, length) > 0;
    }

    public static Optional<String> parse(byte[] bytes) {
        return parse(ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    /** The host of the request in {@code length} bytes at {@code offset} of {@code buf}. */
    public static Optional<String> parse(ByteBuffer buf, int offset, int length) {
        int m = methodLength(buf, offset, length);
        if (m <= 0) {
            return Optional.empty();
        }
        int end = offset + length;
        int lineEnd = lineEnd(buf, offset, end);
        boolean connect = u8(buf, offset) == 'C';
        int p = lineEnd;
        while (p < end) {
            p = skipNewline(buf, p, end);
            int next = lineEnd(buf, p, end);
            if (next == p || next == end) {
                break; // empty line (end of the header section), or a line cut before its end
            }
            if (next - p > 5 && startsWithIgnoreCase(buf, p, "host:")) {
                Optional<String> host = host(buf, p + 5, next);
                if (host.isPresent()) {
                    return host;
                }
            }
            p = next;
        }
        if (connect) {
            int target = offset + m + 1;
            int targetEnd = target;
            while (targetEnd < lineEnd && u8(buf, targetEnd) != ' ') {
                targetEnd++;
            }
            return host(buf, target, targetEnd);
        }
        return Optional.empty();
    }

    /** True when the bytes hold the empty line that ends a request's header section. */
    static boolean headerEnded(ByteBuffer buf, int offset, int length) {
        int end = offset + length;
        for (int p = offset; p + 1 < end; p++) {
            if (u8(buf, p) == '\n' && (u8(buf, p + 1) == '\n' || (p + 2 < end && u8(buf, p + 1) == '\r' && u8(buf, p + 2) == '\n'))) {
                return true;
            }
        }
        return false;
    }

    /** Length of the method when the bytes start with "METHOD ", else 0. */
    private static int methodLength(ByteBuffer buf, int offset, int length) {
        if (Bounds.end(buf, offset, length) < 0 || length < 4) {
            return 0;
        }
        for (String m : METHODS) {
            if (length > m.length() && u8(buf, offset + m.length()) == ' ' && startsWith(buf, offset, m)) {
                return m.length();
            }
        }
        return 0;
    }

    /** The host of a header value or authority between {@code p} and {@code end}: trimmed, port and brackets gone. */
    private static Optional<String> host(ByteBuffer buf, int p, int end) {
        while (p < end && (u8(buf, p) == ' ' || u8(buf, p) == '\t')) {
            p++;
        }
        while (end > p && (u8(buf, end - 1) == ' ' || u8(buf, end - 1) == '\t')) {
            end--;
        }
        if (p < end && u8(buf, p) == '[') {
            int close = p + 1;
            while (close < end && u8(buf, close) != ']') {
                close++;
            }
            return close > p + 1 && close < end ? Optional.of(TlsClientHello.hostText(buf, p + 1, close - p - 1)) : Optional.empty();
        }
        int stop = p;
        while (stop < end && u8(buf, stop) != ':') {
            stop++;
        }
        return stop > p ? Optional.of(TlsClientHello.hostText(buf, p, stop - p)) : Optional.empty();
    }

    private static int lineEnd(ByteBuffer buf, int p, int end) {
        while (p < end && u8(buf, p) != '\r' && u8(buf, p) != '\n') {
            p++;
        }
        return p;
    }

    private static int skipNewline(ByteBuffer buf, int p, int end) {
        if (p < end && u8(buf, p) == '\r') {
            p++;
        }
        if (p < end && u8(buf, p) == '\n') {
            p++;
        }
        return p;
    }

    private static boolean startsWith(ByteBuffer buf, int p, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (u8(buf, p + i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithIgnoreCase(ByteBuffer buf, int p, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            int b = u8(buf, p + i);
            if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
