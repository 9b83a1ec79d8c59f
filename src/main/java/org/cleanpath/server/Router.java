package org.cleanpath.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routing in one place: rejects malformed requests, checks the bearer token, picks the endpoint by path,
 * allows only GET and HEAD, and writes the reply. Stateless, so one instance serves every connection.
 */
@ChannelHandler.Sharable
final class Router extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = Logger.getLogger(Router.class.getName());
    private static final String ALLOW = "GET, HEAD";

    private final StatusSource source;
    private final Map<String, Endpoints.Endpoint> endpoints;
    private final DashboardAssets assets;
    private final byte[] expectedAuthorization;

    /** {@code token} null: no authentication. */
    Router(StatusSource source, Metrics metrics, DashboardAssets assets, String token, Clock clock, Duration staleAfter) {
        this.source = source;
        this.assets = assets;
        this.endpoints = Map.of(
                "/status", Endpoints::status,
                "/check", Endpoints.check(clock, staleAfter),
                "/flows", Endpoints::flows,
                "/metrics", Endpoints.metrics(metrics),
                "/healthz", Endpoints::healthz);
        this.expectedAuthorization = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        DecoderResult result = req.decoderResult();
        if (result.isFailure()) {
            write(ctx, req, rejected(result.cause()), false);
            return;
        }
        boolean head = req.method().equals(HttpMethod.HEAD);
        write(ctx, req, route(req, head), HttpUtil.isKeepAlive(req));
    }

    private Reply route(FullHttpRequest req, boolean head) {
        QueryStringDecoder query = new QueryStringDecoder(req.uri());
        String path = query.path();
        Reply asset = assets.get(path);
        // The static dashboard files hold no data and are served without the token: the browser cannot
        // attach a bearer header to a page load. The page's script sends it with every /status fetch.
        if (asset == null && !authorized(req)) {
            return Reply.error(HttpResponseStatus.UNAUTHORIZED, "bearer token required")
                    .withHeader(HttpHeaderNames.WWW_AUTHENTICATE.toString(), "Bearer");
        }
        Endpoints.Endpoint endpoint = endpoints.get(path);
        if (asset == null && endpoint == null) {
            return Reply.error(HttpResponseStatus.NOT_FOUND, "not found");
        }
        if (!head && !req.method().equals(HttpMethod.GET)) {
            return Reply.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and HEAD")
                    .withHeader(HttpHeaderNames.ALLOW.toString(), ALLOW);
        }
        if (asset != null) {
            return asset;
        }
        try {
            return endpoint.handle(query, source.snapshot());
        } catch (Endpoints.BadRequest e) {
            return Reply.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "status endpoint " + path + " failed", e);
            return Reply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
        }
    }

    private boolean authorized(FullHttpRequest req) {
        if (expectedAuthorization == null) {
            return true;
        }
        String given = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        // Constant-time: the comparison does not stop at the first differing byte.
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expectedAuthorization);
    }

    private static Reply rejected(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return Reply.error(HttpResponseStatus.REQUEST_URI_TOO_LONG, "request line too long");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return Reply.error(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request headers too large");
        }
        if (cause instanceof TooLongFrameException) {
            return Reply.error(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request too large");
        }
        return Reply.error(HttpResponseStatus.BAD_REQUEST, "malformed request");
    }

    private static void write(ChannelHandlerContext ctx, FullHttpRequest req, Reply reply, boolean keepAlive) {
        boolean head = req.method().equals(HttpMethod.HEAD);
        FullHttpResponse res = new DefaultFullHttpResponse(req.protocolVersion(), reply.status(),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body()));
        res.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .set("X-Content-Type-Options", "nosniff");
        reply.headers().forEach(res.headers()::set);
        if (!keepAlive) {
            // HttpServerKeepAliveHandler sees this header and closes the connection after the write.
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(res);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "status connection closed after error", cause);
        ctx.close();
    }
}
