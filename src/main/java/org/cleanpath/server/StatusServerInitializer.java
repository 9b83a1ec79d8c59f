package org.cleanpath.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** The pipeline of one status connection: TLS, idle timeout, HTTP codec with limits, keep-alive, aggregation, router. */
final class StatusServerInitializer extends ChannelInitializer<SocketChannel> {
    private final ServerConfig config;
    private final SslContext ssl;
    private final Router router;
    private final ChannelGroup connections;

    StatusServerInitializer(ServerConfig config, SslContext ssl, Router router, ChannelGroup connections) {
        this.config = config;
        this.ssl = ssl;
        this.router = router;
        this.connections = connections;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (connections.size() >= config.maxConnections()) {
            ch.close();
            return;
        }
        connections.add(ch);
        ChannelPipeline p = ch.pipeline();
        if (ssl != null) {
            p.addLast(ssl.newHandler(ch.alloc()));
        }
        p.addLast(new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        p.addLast(new CloseWhenIdle());
        p.addLast(new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(config.maxInitialLine())
                .setMaxHeaderSize(config.maxHeaderSize())));
        p.addLast(new HttpServerKeepAliveHandler());
        p.addLast(new HttpObjectAggregator(config.maxContentLength()));
        p.addLast(router);
    }

    /** Closes a connection that neither read nor wrote for the idle timeout. */
    private static final class CloseWhenIdle extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
            } else {
                super.userEventTriggered(ctx, evt);
            }
        }
    }
}
