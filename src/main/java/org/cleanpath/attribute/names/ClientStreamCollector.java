package org.cleanpath.attribute.names;

import java.nio.ByteBuffer;

/**
 * Reads the first bytes a TCP client sends on one connection until a subclass can decide on them
 * (a whole ClientHello, an HTTP request's header section). One per flow, kept by the caller.
 *
 * <p>Segments are placed by sequence number, so retransmissions and a few segments after a gap are
 * harmless. Nothing is copied when the first segment decides; otherwise at most {@code limit}
 * bytes are kept, and none once {@link #done()}.
 */
public abstract class ClientStreamCollector {
    private StreamAssembler assembler;
    private boolean done;

    ClientStreamCollector(int limit) {
        assembler = new StreamAssembler(limit);
    }

    /** Sets where the stream starts (the client SYN's sequence number + 1), for when segments arrive out of order. */
    public void streamStartsAt(long seq) {
        if (!done) {
            assembler.streamStartsAt(seq);
        }
    }

    /**
     * Offers one client segment: sequence number {@code seq} (32-bit, unsigned) and {@code length}
     * payload bytes at {@code offset} of {@code buf}. Returns {@link #done()}.
     */
    public boolean offer(long seq, ByteBuffer buf, int offset, int length) {
        if (done || length <= 0 || Bounds.end(buf, offset, length) < 0) {
            return done;
        }
        int at = assembler.offsetOf(seq);
        if (at == 0 && assembler.contiguous() == 0 && decide(buf, offset, length, false)) {
            return finish();
        }
        int before = assembler.contiguous();
        assembler.add(at, buf, offset, length);
        // Data past the limit means the gap before it will not be filled in time: decide with what there is.
        boolean last = assembler.full() || at >= assembler.capacity();
        if (assembler.contiguous() > before || last) {
            ByteBuffer view = assembler.view();
            if (decide(view, 0, view.limit(), last)) {
                finish();
            }
        }
        return done;
    }

    private boolean finish() {
        done = true;
        assembler = null;
        return true;
    }

    /**
     * Looks at the first {@code length} bytes of the stream; returns true once they decide.
     * {@code last} says no more bytes will be kept (the limit is reached): decide with these.
     */
    abstract boolean decide(ByteBuffer buf, int offset, int length, boolean last);

    /** True once the stream's first bytes decided; later segments are ignored. */
    public boolean done() {
        return done;
    }
}
