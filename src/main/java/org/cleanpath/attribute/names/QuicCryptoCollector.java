package org.cleanpath.attribute.names;

import static org.cleanpath.attribute.names.Bounds.u24;
import static org.cleanpath.attribute.names.Bounds.u8;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Collects the Initial CRYPTO stream of one QUIC connection's client across datagrams until the
 * ClientHello is whole (large ClientHellos span two or more Initial packets). One per flow, kept by
 * the caller; bounded to {@link TlsStreamCollector#DEFAULT_LIMIT} bytes.
 */
public final class QuicCryptoCollector {
    private final StreamAssembler assembler = new StreamAssembler(TlsStreamCollector.DEFAULT_LIMIT);
    private TlsClientHello hello;
    private boolean failed;

    /** Offers one client UDP datagram; returns true once the ClientHello is known or the stream is not one. */
    public boolean offer(ByteBuffer buf, int offset, int length) {
        if (done() || !QuicInitial.looksLikeInitial(buf, offset, length)) {
            return done();
        }
        for (QuicInitial.CryptoFrame f : QuicInitial.cryptoFrames(buf, offset, length)) {
            assembler.add(f.offset(), ByteBuffer.wrap(f.data()), 0, f.data().length);
        }
        int have = assembler.contiguous();
        if (have < 4) {
            return false;
        }
        ByteBuffer view = assembler.view();
        if (u8(view, 0) != TlsClientHello.CLIENT_HELLO) {
            failed = true;
        } else if (4 + u24(view, 1) <= have || assembler.full()) {
            hello = TlsClientHello.fromHandshake(view, 0, have).orElse(null);
            failed = hello == null;
        }
        return done();
    }

    public boolean done() {
        return hello != null || failed;
    }

    public Optional<TlsClientHello> clientHello() {
        return Optional.ofNullable(hello);
    }
}
