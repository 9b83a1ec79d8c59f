package org.cleanpath.attribute.names;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Collects the first bytes a TLS client sends on one TCP connection until its ClientHello is whole,
 * for ClientHellos that span several segments (small MSS, post-quantum key shares). See
 * {@link ClientStreamCollector} for how segments are offered.
 */
public final class TlsStreamCollector extends ClientStreamCollector {
    public static final int DEFAULT_LIMIT = 16 * 1024;

    private TlsClientHello.Probe status = TlsClientHello.Probe.NEED_MORE;
    private TlsClientHello hello;

    public TlsStreamCollector() {
        this(DEFAULT_LIMIT);
    }

    public TlsStreamCollector(int limit) {
        super(limit);
    }

    @Override
    boolean decide(ByteBuffer buf, int offset, int length, boolean last) {
        TlsClientHello.Probe p = TlsClientHello.probe(buf, offset, length);
        if (p == TlsClientHello.Probe.NEED_MORE && !last) {
            return false;
        }
        // Complete, not TLS, or the limit reached: in the last case keep what the bytes so far say.
        hello = p == TlsClientHello.Probe.NOT_TLS ? null : TlsClientHello.fromRecords(buf, offset, length).orElse(null);
        status = hello == null ? TlsClientHello.Probe.NOT_TLS : TlsClientHello.Probe.COMPLETE;
        return true;
    }

    /** NEED_MORE while collecting, then COMPLETE (a ClientHello was read, maybe cut at the limit or a gap) or NOT_TLS. */
    public TlsClientHello.Probe status() {
        return status;
    }

    public Optional<TlsClientHello> clientHello() {
        return Optional.ofNullable(hello);
    }
}
