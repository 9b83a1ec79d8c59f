package org.cleanpath.server;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cleanpath.policy.Verdict;

/**
 * The data endpoints, one small function each: read the current snapshot (or the metrics registry) and
 * render it. None blocks: the snapshot is precomputed by the monitor and rendering is in memory.
 */
final class Endpoints {
    /** Most flows {@code /flows} returns in one answer. */
    static final int MAX_FLOWS_LIMIT = 1000;
    static final int DEFAULT_FLOWS_LIMIT = 100;

    private Endpoints() {}

    /** An endpoint: a query and the current snapshot in, a reply out. */
    @FunctionalInterface
    interface Endpoint {
        Reply handle(QueryStringDecoder query, StatusSnapshot snapshot);
    }

    /** A parameter value the endpoint cannot use; answered with 400. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    static Reply healthz(QueryStringDecoder q, StatusSnapshot s) {
        allowOnly(q, Set.of());
        return Reply.text(HttpResponseStatus.OK, "ok\n");
    }

    static Reply status(QueryStringDecoder q, StatusSnapshot s) {
        allowOnly(q, Set.of());
        return Reply.json(HttpResponseStatus.OK, StatusJson.status(s));
    }

    /**
     * 200 when the window verdict passes, 503 when it fails (dirty, or unverified unless
     * {@code fail_on=dirty}), 500 when the capture is not running or the snapshot is older than
     * {@code staleAfter}: the verdict then is not current.
     */
    static Endpoint check(Clock clock, Duration staleAfter) {
        return (q, s) -> check(q, s, clock.instant().minus(staleAfter));
    }

    private static Reply check(QueryStringDecoder q, StatusSnapshot s, Instant staleBefore) {
        allowOnly(q, Set.of("fail_on"));
        String failOn = single(q, "fail_on");
        if (failOn == null) {
            failOn = "unverified";
        } else if (!failOn.equals("dirty") && !failOn.equals("unverified")) {
            throw new BadRequest("fail_on must be dirty or unverified");
        }
        if (s.capture().state() != StatusSnapshot.CaptureState.RUNNING) {
            return Reply.json(HttpResponseStatus.INTERNAL_SERVER_ERROR, StatusJson.check("capture_" + s.capture().state().key(), s, failOn));
        }
        if (s.generatedAt().isBefore(staleBefore)) {
            return Reply.json(HttpResponseStatus.INTERNAL_SERVER_ERROR, StatusJson.check("snapshot_stale", s, failOn));
        }
        boolean pass = switch (s.windowVerdict()) {
            case CLEAN -> true;
            case UNVERIFIED -> failOn.equals("dirty");
            case DIRTY -> false;
        };
        return Reply.json(pass ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                StatusJson.check(pass ? "pass" : "fail", s, failOn));
    }

    /** Recent flows, newest first, optionally of one verdict: {@code ?verdict=dirty&limit=50}. */
    static Reply flows(QueryStringDecoder q, StatusSnapshot s) {
        allowOnly(q, Set.of("verdict", "limit"));
        Verdict.Status verdict = null;
        String v = single(q, "verdict");
        if (v != null) {
            try {
                verdict = Verdict.Status.valueOf(v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("verdict must be clean, dirty or unverified");
            }
        }
        int limit = DEFAULT_FLOWS_LIMIT;
        String l = single(q, "limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_FLOWS_LIMIT) {
                throw new BadRequest("limit must be an integer from 1 to " + MAX_FLOWS_LIMIT);
            }
        }
        List<StatusSnapshot.FlowSummary> out = new ArrayList<>();
        for (StatusSnapshot.FlowSummary f : s.recentFlows()) {
            if (out.size() == limit) {
                break;
            }
            if (verdict == null || f.verdict() == verdict) {
                out.add(f);
            }
        }
        return Reply.json(HttpResponseStatus.OK, StatusJson.flows(out));
    }

    static Endpoint metrics(Metrics metrics) {
        return (q, s) -> {
            allowOnly(q, Set.of());
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            try {
                metrics.write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Reply(HttpResponseStatus.OK, Metrics.CONTENT_TYPE, out.toByteArray());
        };
    }

    private static void allowOnly(QueryStringDecoder q, Set<String> names) {
        for (Map.Entry<String, List<String>> e : q.parameters().entrySet()) {
            if (!names.contains(e.getKey())) {
                throw new BadRequest(names.isEmpty() ? "no query parameters accepted" : "unknown parameter; accepted: " + names);
            }
            if (e.getValue().size() != 1) {
                throw new BadRequest("parameter given more than once");
            }
        }
    }

    private static String single(QueryStringDecoder q, String name) {
        List<String> values = q.parameters().get(name);
        return values == null ? null : values.get(0);
    }
}
