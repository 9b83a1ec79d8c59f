package org.cleanpath.attribute.names;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Collects the first bytes of an HTTP/1.x client stream until the Host header is read or the
 * header section ends, for requests whose header section spans segments (long URLs, cookies).
 * See {@link ClientStreamCollector} for how segments are offered.
 */
public final class HttpRequestCollector extends ClientStreamCollector {
    public static final int DEFAULT_LIMIT = 8 * 1024;

    private String host;

    public HttpRequestCollector() {
        super(DEFAULT_LIMIT);
    }

    @Override
    boolean decide(ByteBuffer buf, int offset, int length, boolean last) {
        if (!HttpHost.isRequest(buf, offset, length)) {
            return true;
        }
        host = HttpHost.parse(buf, offset, length).orElse(null);
        return host != null || last || HttpHost.headerEnded(buf, offset, length);
    }

    /** The host of the request, once read. */
    public Optional<String> host() {
        return Optional.ofNullable(host);
    }
}
