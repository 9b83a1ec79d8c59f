package org.cleanpath.server;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an endpoint answers: status, content type and body; the router turns it into HTTP. */
record Reply(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    Reply(HttpResponseStatus status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of());
    }

    static Reply json(HttpResponseStatus status, String json) {
        return new Reply(status, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    static Reply text(HttpResponseStatus status, String text) {
        return new Reply(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static Reply error(HttpResponseStatus status, String message) {
        return json(status, StatusJson.error(status.code(), message));
    }

    Reply withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Reply(status, contentType, body, Map.copyOf(h));
    }
}
