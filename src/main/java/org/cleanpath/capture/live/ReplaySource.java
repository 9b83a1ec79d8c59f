package org.cleanpath.capture.live;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cleanpath.capture.CaptureFiles;
import org.cleanpath.capture.CaptureReader;
import org.cleanpath.capture.Frame;

/**
 * Plays a capture file as if it were live: each frame is handed over when its place in the
 * capture, divided by the speed, has passed ({@code cleanpath monitor --replay FILE --speed 1|10|max}).
 *
 * <p>Frame {@code i} is due at {@code start + (ts[i] - ts[0]) / speed}; the source sleeps until
 * then, and never for a frame whose time is already due (timestamps that go backwards, or a
 * handler slower than the capture), so it catches up instead of drifting.
 */
public final class ReplaySource extends FileSource {
    /** The speed that means "as fast as frames can be read": no sleeping. */
    public static final double MAX = Double.POSITIVE_INFINITY;

    /** Time and waiting, swappable so that tests check the pacing without waiting for it. */
    interface Pacer {
        long nanoTime();

        /** Waits up to {@code nanos}; returns early when {@code stopped} counts down. */
        void sleep(long nanos, CountDownLatch stopped) throws InterruptedException;
    }

    private static final Pacer SYSTEM = new Pacer() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos, CountDownLatch stopped) throws InterruptedException {
            stopped.await(nanos, TimeUnit.NANOSECONDS);
        }
    };

    private final String file;
    private final double speed;
    private final Pacer pacer;

    /**
     * @param file a pcap or pcapng file as {@link CaptureFiles#open} takes it ({@code -} for stdin)
     * @param speed how many times faster than captured, &gt; 0; {@link #MAX} for no pacing
     */
    public ReplaySource(String file, double speed) {
        this(file, speed, SYSTEM);
    }

    ReplaySource(String file, double speed, Pacer pacer) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive or max, not " + speed);
        }
        this.file = file;
        this.speed = speed;
        this.pacer = pacer;
    }

    /** Reads {@code --speed}: a positive number (1 = as captured, 10 = ten times faster) or "max". */
    public static double parseSpeed(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("max")) {
            return MAX;
        }
        double speed;
        try {
            speed = Double.parseDouble(t.endsWith("x") ? t.substring(0, t.length() - 1) : t);
        } catch (NumberFormatException e) {
            speed = Double.NaN;
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number or 'max', not '" + text + "'");
        }
        return speed;
    }

    /**
     * Delivers every frame of the file at its pace, or until {@link #stop()}.
     *
     * @throws IOException if the file cannot be opened, or {@link org.cleanpath.capture.CaptureException}
     *     where it is damaged (frames before that were delivered)
     */
    @Override
    public void run(FrameHandler handler) throws IOException {
        if (isStopped()) {
            return;
        }
        try (CaptureReader reader = CaptureFiles.open(file)) {
            Frame frame = new Frame();
            long start = 0;
            long firstTs = 0;
            boolean first = true;
            while (!isStopped() && reader.next(frame)) {
                if (first) {
                    start = pacer.nanoTime();
                    firstTs = frame.timestampNanos;
                    first = false;
                } else if (speed != MAX) {
                    long due = start + (long) ((frame.timestampNanos - firstTs) / speed);
                    long wait = due - pacer.nanoTime();
                    if (wait > 0) {
                        pacer.sleep(wait, stopped);
                        if (isStopped()) {
                            break;
                        }
                    }
                }
                handler.onFrame(frame);
                delivered++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String describe() {
        return "replay " + file + " at " + (speed == MAX ? "max speed" : "speed " + formatSpeed(speed));
    }

    private static String formatSpeed(double speed) {
        return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
    }
}
