package org.cleanpath.capture.live;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.cleanpath.capture.Frame;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapHandle.TimestampPrecision;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;
import org.pcap4j.core.RawPacketListener;

/**
 * Captures frames from a network interface through libpcap (pcap4j), like {@code tcpdump -i}.
 *
 * <p>Why pcap4j here and not for files: a live interface can only be read through libpcap (it
 * sets up the kernel ring, the BPF filter and the drop counters), and pcap4j is the maintained Java
 * binding. Files do not need it and are faster without it: the project's own mapped reader walks
 * 4-5 M packets/s, pcap4j's fastest path ({@code loop()} with a {@link RawPacketListener}, which
 * this class uses) about 1.1 M packets/s, and its {@code getNextPacket*} calls 5-10x less while
 * leaking memory through JNA (bench/RESULTS.md of the shared benchmarks). 1 M packets/s is above
 * what one core decodes anyway, so the binding is not the limit for live traffic.
 *
 * <p>pcap4j copies each frame into a new {@code byte[]} (its cost, not ours); the {@link Frame}
 * handed on wraps that array and is reused.
 */
public final class LiveCapture implements FrameSource {
    private static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    private static final int PCAP_ERROR_PERM_DENIED = -8;
    private static final int PCAP_ERROR_IFACE_NOT_UP = -9;
    private static final int PCAP_ERROR_TSTAMP_PRECISION_NOTSUP = -12;

    private final LiveOptions options;
    private final PcapHandle handle;
    private final int linkType;
    private volatile boolean stopRequested;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile CaptureStats finalStats;
    private long frames;
    private Throwable handlerFailure;

    private LiveCapture(LiveOptions options, PcapHandle handle, int linkType) {
        this.options = options;
        this.handle = handle;
        this.linkType = linkType;
    }

    /**
     * Opens the interface and installs the filter, so that every problem shows before {@link #run}.
     *
     * @throws LiveCaptureException with one line that says what to do: libpcap missing, no such
     *     interface (listing those that exist), no permission, interface down, or a filter that
     *     does not compile
     */
    public static LiveCapture open(LiveOptions options) throws LiveCaptureException {
        try {
            PcapHandle handle = activate(options);
            try {
                if (options.filter().isPresent()) {
                    setFilter(handle, options);
                }
                return new LiveCapture(options, handle, handle.getDlt().value());
            } catch (LiveCaptureException | RuntimeException e) {
                handle.close();
                throw e;
            }
        } catch (LinkageError e) {
            throw libpcapMissing(e);
        }
    }

    private static PcapHandle activate(LiveOptions options) throws LiveCaptureException {
        try {
            return builder(options, TimestampPrecision.NANO).build();
        } catch (PcapNativeException e) {
            if (returnCode(e) != PCAP_ERROR_TSTAMP_PRECISION_NOTSUP) {
                throw openFailed(options.interfaceName(), e);
            }
        }
        try {
            return builder(options, TimestampPrecision.MICRO).build();
        } catch (PcapNativeException e) {
            throw openFailed(options.interfaceName(), e);
        }
    }

    private static PcapHandle.Builder builder(LiveOptions options, TimestampPrecision precision) {
        PcapHandle.Builder builder = new PcapHandle.Builder(options.interfaceName())
                .snaplen(options.snaplen())
                .promiscuousMode(options.promiscuous() ? PromiscuousMode.PROMISCUOUS : PromiscuousMode.NONPROMISCUOUS)
                .timeoutMillis((int) options.readTimeout().toMillis())
                .immediateMode(options.immediate())
                .timestampPrecision(precision);
        if (options.bufferSize() > 0) {
            builder.bufferSize(options.bufferSize());
        }
        return builder;
    }

    private static void setFilter(PcapHandle handle, LiveOptions options) throws LiveCaptureException {
        String expression = options.filter().orElseThrow();
        try {
            handle.setFilter(expression, BpfCompileMode.OPTIMIZE);
        } catch (PcapNativeException e) {
            String why = String.valueOf(e.getMessage()).replaceFirst("^Error occurred in pcap_compile: ", "");
            throw new LiveCaptureException("capture filter '" + expression + "' does not compile: " + why
                    + " (tcpdump filter syntax, see pcap-filter(7))", e);
        } catch (NotOpenException e) {
            throw new IllegalStateException("handle closed while opening", e);
        }
    }

    private static int returnCode(PcapNativeException e) {
        Integer code = e.getReturnCode();
        return code == null ? 0 : code;
    }

    private static LiveCaptureException openFailed(String name, PcapNativeException e) {
        String message = String.valueOf(e.getMessage());
        int code = returnCode(e);
        if (code == PCAP_ERROR_NO_SUCH_DEVICE || message.contains("No such device")) {
            return new LiveCaptureException("no network interface '" + name + "'; interfaces: "
                    + interfaceNames(), e);
        }
        if (code == PCAP_ERROR_PERM_DENIED || message.contains("Operation not permitted")
                || message.contains("Permission denied")) {
            return new LiveCaptureException("no permission to capture on '" + name + "' (" + message
                    + "): run as root, or grant the capabilities: setcap cap_net_raw,cap_net_admin=eip"
                    + " <the java binary>", e);
        }
        if (code == PCAP_ERROR_IFACE_NOT_UP) {
            return new LiveCaptureException("interface '" + name + "' is down: ip link set " + name + " up", e);
        }
        return new LiveCaptureException("cannot capture on '" + name + "': " + message, e);
    }

    private static String interfaceNames() {
        try {
            List<PcapNetworkInterface> devices = Pcaps.findAllDevs();
            return devices.isEmpty() ? "none visible (are you root?)"
                    : devices.stream().map(PcapNetworkInterface::getName).collect(Collectors.joining(", "));
        } catch (PcapNativeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** pcap4j loads libpcap through JNA on first use; a missing library surfaces as a linkage error. */
    private static LiveCaptureException libpcapMissing(LinkageError e) {
        return new LiveCaptureException("libpcap not found: install libpcap0.8 (Debian/Ubuntu) or libpcap"
                + " (Fedora, Alpine) (" + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + ")", e);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    /** The LINKTYPE_* value of the interface (1 for Ethernet). */
    public int linkType() {
        return linkType;
    }

    public LiveOptions options() {
        return options;
    }

    /**
     * Receives until {@link #stop()} on the calling thread, which should be one of its own: libpcap
     * blocks in the kernel between batches.
     */
    @Override
    public void run(FrameHandler handler) throws LiveCaptureException {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException(describe() + " is already running");
        }
        Frame frame = new Frame();
        frame.linkType = linkType;
        RawPacketListener listener = packet -> deliver(handler, frame, packet);
        try {
            if (!stopRequested) {
                handle.loop(-1, listener);
            }
        } catch (InterruptedException e) {
            // pcap4j's answer to pcap_breakloop: the normal way out of stop()
        } catch (NotOpenException e) {
            // closed by close(): stopped
        } catch (PcapNativeException e) {
            throw new LiveCaptureException("capture on '" + options.interfaceName() + "' failed: " + e.getMessage(), e);
        } finally {
            finalStats = readStats();
            running.set(false);
        }
        if (handlerFailure instanceof RuntimeException r) {
            throw r;
        }
        if (handlerFailure instanceof Error err) {
            throw err;
        }
    }

    /**
     * Fills the reused frame from pcap4j's copy of the packet. Runs inside libpcap's callback: an
     * exception would be swallowed by JNA, so it is kept, the loop broken, and run() rethrows it.
     */
    private void deliver(FrameHandler handler, Frame frame, byte[] packet) {
        if (handlerFailure != null) {
            return;
        }
        try {
            frames++;
            frame.buffer = ByteBuffer.wrap(packet);
            frame.offset = 0;
            frame.capturedLength = packet.length;
            Integer original = handle.getOriginalLength();
            frame.originalLength = original == null ? packet.length : original;
            Timestamp ts = handle.getTimestamp();
            frame.timestampNanos = ts == null ? System.currentTimeMillis() * 1_000_000L
                    : Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
            frame.recordOffset = frames; // live input has no byte offset: the frame number, from 1
            handler.onFrame(frame);
        } catch (RuntimeException | Error e) {
            handlerFailure = e;
            stop();
        }
    }

    @Override
    public void stop() {
        stopRequested = true;
        try {
            handle.breakLoop();
        } catch (NotOpenException e) {
            // already closed: nothing runs
        }
    }

    /** Live counters from pcap_stats while running; the final ones after {@link #run} returned. */
    @Override
    public CaptureStats stats() {
        CaptureStats last = finalStats;
        if (last != null && !running.get()) {
            return last;
        }
        CaptureStats now = readStats();
        return now != null ? now : last;
    }

    private CaptureStats readStats() {
        try {
            PcapStat stat = handle.getStats();
            return new CaptureStats(stat.getNumPacketsReceived(), stat.getNumPacketsDropped(),
                    stat.getNumPacketsDroppedByIf());
        } catch (PcapNativeException | NotOpenException e) {
            return finalStats != null ? finalStats
                    : new CaptureStats(CaptureStats.UNKNOWN, CaptureStats.UNKNOWN, CaptureStats.UNKNOWN);
        }
    }

    @Override
    public String describe() {
        return "live " + options.interfaceName() + options.filter().map(f -> " (filter: " + f + ")").orElse("");
    }

    /** Stops the loop if it runs and releases the interface; waits for {@link #run} to leave libpcap. */
    @Override
    public void close() {
        stop();
        if (finalStats == null) {
            finalStats = readStats();
        }
        handle.close();
    }
}
