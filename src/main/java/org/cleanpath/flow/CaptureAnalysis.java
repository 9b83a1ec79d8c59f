package org.cleanpath.flow;

import java.io.IOException;
import java.util.function.Consumer;
import org.cleanpath.capture.CaptureException;
import org.cleanpath.capture.CaptureFiles;
import org.cleanpath.capture.CaptureReader;
import org.cleanpath.capture.Frame;
import org.cleanpath.decode.Outcome;
import org.cleanpath.decode.Packet;
import org.cleanpath.decode.PacketDecoder;
import org.cleanpath.decode.Undecodable;

/**
 * Reads captures frame by frame, decodes each and tracks its flows, counting every packet.
 * A damaged input stops at the damage with a warning; everything before it stays analysed.
 */
public final class CaptureAnalysis {
    /** Called between frames with the reader's position, for progress displays. */
    public interface Progress {
        void update(String source, long recordOffset, long packets);

        Progress NONE = (s, o, p) -> {};
    }

    /**
     * Sees every frame after it was decoded and, for IP frames, after its flows were counted: the
     * tracker tells which flow each IP layer went to (for names, neighbours and evidence).
     */
    public interface PacketObserver {
        void observe(Frame frame, Packet packet, FlowTracker tracker);
    }

    private final PacketDecoder decoder = new PacketDecoder();
    private final Packet packet = new Packet();
    private final Frame frame = new Frame();
    private final FlowTracker tracker;
    private final PacketCounts counts = new PacketCounts();
    private final Progress progress;
    private PacketObserver observer;
    private volatile boolean stopRequested;

    public CaptureAnalysis(FlowSettings settings, Consumer<FlowRecord> sink, Progress progress) {
        this.tracker = new FlowTracker(settings, sink);
        this.progress = progress;
    }

    public void setObserver(PacketObserver observer) {
        this.observer = observer;
    }

    /** Makes {@link #read} stop soon (from any thread, e.g. a signal handler); the flows so far stay reported. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Analyses one input (a path, or - for standard input). Problems land in {@link #counts()}. */
    public void read(String source) {
        if (stopRequested) {
            return;
        }
        try (CaptureReader reader = CaptureFiles.open(source)) {
            counts.filesRead++;
            readAll(reader);
            if (stopRequested) {
                counts.warnings.add(source + ": stopped by a signal after " + counts.read
                        + " packets; the rest of the input was not analysed");
            }
        } catch (CaptureException e) {
            if (counts.filesRead > 0 && e.source().equals(source) && e.offset() > 0) {
                counts.warnings.add(e.getMessage());
            } else {
                counts.errors.add(e.getMessage());
            }
        } catch (IOException e) {
            counts.errors.add(source + ": " + describe(e));
        }
    }

    private void readAll(CaptureReader reader) throws IOException {
        final Frame f = frame;
        long sinceProgress = 0;
        while (reader.next(f)) {
            process(f);
            if (++sinceProgress == 4096) {
                sinceProgress = 0;
                progress.update(reader.source(), f.recordOffset, counts.read);
                if (stopRequested) {
                    return;
                }
            }
        }
    }

    /**
     * Counts, decodes and tracks one frame. The entry point for sources that push frames (live
     * capture, replay); not thread-safe, so such a source calls it from one thread at a time.
     */
    public void process(Frame f) {
        final Packet p = packet;
        final PacketCounts c = counts;
        c.read++;
        c.capturedBytes += f.capturedLength;
        c.wireBytes += f.originalLength;
        long ts = f.timestampNanos;
        if (ts < c.firstNanos) {
            c.firstNanos = ts;
        }
        if (ts > c.lastNanos) {
            c.lastNanos = ts;
        }
        Outcome outcome = decoder.decode(f, p);
        if (f.capturedLength < f.originalLength) {
            c.truncated++;
        }
        if (outcome == Outcome.DECODED) {
            c.decoded++;
            tracker.track(p, ts);
            if (observer != null) {
                observer.observe(f, p, tracker);
            }
        } else if (outcome == Outcome.NON_IP) {
            c.nonIp++;
            c.nonIpByEtherType[p.etherType & 0xffff]++;
            if (observer != null) {
                observer.observe(f, p, tracker);
            }
        } else {
            c.undecodable++;
            Undecodable why = p.reason == null ? Undecodable.BAD_IP_HEADER : p.reason;
            c.undecodableByReason[why.ordinal()]++;
            if (why == Undecodable.UNSUPPORTED_LINK_TYPE) {
                c.unsupportedLinkTypes.merge(f.linkType, 1L, Long::sum);
            }
        }
    }

    /**
     * Expires flows idle at packet time {@code nanos}: a live source calls it on a clock tick, so
     * flows end even when no further packet arrives.
     */
    public void advanceTo(long nanos) {
        tracker.advanceTime(nanos);
    }

    /** Records damage found by a source that reads files itself (e.g. a watched directory). */
    public void warn(String message) {
        counts.warnings.add(message);
    }

    /** Reports the flows still open; call once after the last input. */
    public void finish() {
        tracker.finish();
    }

    public PacketCounts counts() {
        return counts;
    }

    public FlowTracker.FlowCounters flowCounters() {
        return tracker.counters();
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
