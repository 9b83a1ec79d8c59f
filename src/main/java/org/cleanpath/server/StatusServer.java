package org.cleanpath.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP status server of {@code cleanpath monitor}: JSON status, a pass/fail check, recent flows,
 * Prometheus metrics and a dashboard, all read from the monitor's latest {@link StatusSnapshot}.
 *
 * <pre>
 * GET /          dashboard (static HTML/CSS/JS; its script polls /status)
 * GET /status    the snapshot as JSON
 * GET /check     200 window verdict clean; 503 dirty or unverified (?fail_on=dirty tolerates unverified);
 *                500 capture stopped or failed, or snapshot older than staleAfter (monitor hangs)
 * GET /flows     recent flows, ?verdict=clean|dirty|unverified&amp;limit=1..1000 (default 100)
 * GET /metrics   Prometheus text format 0.0.4
 * GET /healthz   200 "ok"
 * </pre>
 *
 * <p>Other paths are 404, other methods 405. With a token file every endpoint but the three dashboard
 * files needs {@code Authorization: Bearer <token>} (else 401); open the dashboard as
 * {@code https://host:9750/#token=<token>}: its script reads the token from the URL fragment, which the
 * browser never sends to the server, and attaches the header to its fetches.
 *
 * <p>Two event-loop threads (accept, I/O); handlers never block them. {@link #close()} stops accepting,
 * lets responses already written reach the client, closes connections and stops the threads.
 */
public final class StatusServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup connections;
    private final Channel listener;

    private StatusServer(EventLoopGroup boss, EventLoopGroup workers, ChannelGroup connections, Channel listener) {
        this.boss = boss;
        this.workers = workers;
        this.connections = connections;
        this.listener = listener;
    }

    /**
     * Reads the token and TLS files, binds and starts serving.
     *
     * @throws IOException when a file cannot be read, the token file is empty, or the address cannot be bound
     */
    public static StatusServer start(ServerConfig config, StatusSource source, Metrics metrics)
            throws IOException, InterruptedException {
        return start(config, source, metrics, Clock.systemUTC());
    }

    /** With the clock {@code /check} measures snapshot age by. */
    static StatusServer start(ServerConfig config, StatusSource source, Metrics metrics, Clock clock)
            throws IOException, InterruptedException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(metrics, "metrics");
        String token = null;
        if (config.tokenFile() != null) {
            token = Files.readString(config.tokenFile(), StandardCharsets.UTF_8).trim();
            if (token.isEmpty()) {
                throw new IOException("token file is empty: " + config.tokenFile());
            }
        }
        SslContext ssl = config.tls()
                ? SslContextBuilder.forServer(config.tlsCert().toFile(), config.tlsKey().toFile()).build()
                : null;
        Router router = new Router(source, metrics, new DashboardAssets(), token, clock, config.staleAfter());

        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("cleanpath-status-accept", true), NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("cleanpath-status", true), NioIoHandler.newFactory());
        ChannelGroup connections = new DefaultChannelGroup("status-connections", GlobalEventExecutor.INSTANCE);
        try {
            ChannelFuture bound = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 128)
                    .childHandler(new StatusServerInitializer(config, ssl, router, connections))
                    .bind(config.host(), config.port())
                    .sync();
            return new StatusServer(boss, workers, connections, bound.channel());
        } catch (Exception e) {
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
    }

    /** The bound address; with port 0 in the config, the port the system chose. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** Stops accepting, finishes writes in progress, closes connections and stops the event loops. */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        List<ChannelFuture> drained = new ArrayList<>();
        for (Channel ch : connections) {
            // Queued behind any response being written, so it completes only when that response is out;
            // sent from the pipeline's head so it passes no codec.
            drained.add(ch.pipeline().firstContext() == null ? ch.close()
                    : ch.pipeline().firstContext().writeAndFlush(Unpooled.EMPTY_BUFFER)
                            .addListener(f -> ch.close()));
        }
        for (ChannelFuture f : drained) {
            f.awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
