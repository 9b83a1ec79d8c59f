package org.cleanpath.server;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dashboard's static files (HTML, CSS, JS) from the jar, read once at server start so serving them
 * never touches the class loader or disk on the event loop. They hold no data: the page's script
 * fetches {@code /status}.
 */
final class DashboardAssets {
    private static final String BASE = "/org/cleanpath/server/dashboard/";
    /** Scripts and styles only from this server; no inline script, so injected markup cannot run. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Map<String, Reply> byPath = new LinkedHashMap<>();

    DashboardAssets() {
        add("/", "index.html", "text/html; charset=utf-8");
        add("/dashboard.css", "dashboard.css", "text/css; charset=utf-8");
        add("/dashboard.js", "dashboard.js", "text/javascript; charset=utf-8");
    }

    private void add(String path, String resource, String contentType) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(BASE + resource)) {
            if (in == null) {
                throw new IllegalStateException("dashboard asset missing from the jar: " + resource);
            }
            byPath.put(path, new Reply(HttpResponseStatus.OK, contentType, in.readAllBytes())
                    .withHeader("Content-Security-Policy", CSP));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The asset at this path, or null. */
    Reply get(String path) {
        return byPath.get(path);
    }
}
