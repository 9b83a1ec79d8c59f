package org.cleanpath.capture.live;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts the frames of a live capture until SIGINT/SIGTERM, then prints the counts and libpcap's
 * drop counters on one line: the consumer of {@code bench/live-veth.sh} until {@code cleanpath
 * monitor} takes its place.
 *
 * <pre>java -cp cleanpath.jar org.cleanpath.capture.live.LiveCountMain -i IFACE [-f FILTER] [-B BYTES] [--immediate]</pre>
 */
public final class LiveCountMain {
    private LiveCountMain() {}

    public static void main(String[] args) throws Exception {
        LiveOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LiveCountMain: " + e.getMessage());
            System.err.println("usage: LiveCountMain -i IFACE [-f FILTER] [-B BUFFER_BYTES] [-s SNAPLEN] [--immediate]");
            System.exit(2);
            return;
        }
        LiveCapture capture;
        try {
            capture = LiveCapture.open(options);
        } catch (LiveCaptureException e) {
            System.err.println("LiveCountMain: " + e.getMessage());
            System.exit(2);
            return;
        }
        long[] counts = new long[2]; // frames, bytes: written by the capture thread only
        CountDownLatch printed = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread receiver = new Thread(() -> {
            try {
                capture.run(frame -> {
                    counts[0]++;
                    counts[1] += frame.originalLength;
                });
            } catch (Exception e) {
                failure.set(e);
            }
        }, "capture " + options.interfaceName());
        long started = System.nanoTime();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            capture.stop();
            try {
                printed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        receiver.start();
        System.err.println("listening on " + capture.describe());
        receiver.join();
        CaptureStats stats = capture.stats();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("frames=%d bytes=%d received=%d dropped=%d ifdropped=%d seconds=%.1f%n", counts[0], counts[1],
                stats.received(), stats.droppedByKernel(), stats.droppedByInterface(), seconds);
        System.out.flush();
        capture.close();
        if (failure.get() != null) {
            System.err.println("LiveCountMain: " + failure.get().getMessage());
        }
        printed.countDown();
    }

    private static LiveOptions parse(String[] args) {
        String iface = null;
        String filter = null;
        Integer buffer = null;
        Integer snaplen = null;
        boolean immediate = false;
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case "-i" -> iface = value(args, ++k, "-i");
                case "-f" -> filter = value(args, ++k, "-f");
                case "-B" -> buffer = Integer.valueOf(value(args, ++k, "-B"));
                case "-s" -> snaplen = Integer.valueOf(value(args, ++k, "-s"));
                case "--immediate" -> immediate = true;
                default -> throw new IllegalArgumentException("unknown argument '" + args[k] + "'");
            }
        }
        if (iface == null) {
            throw new IllegalArgumentException("-i IFACE is required");
        }
        LiveOptions.Builder builder = LiveOptions.builder(iface).filter(filter).immediate(immediate);
        if (buffer != null) {
            builder.bufferSize(buffer);
        }
        if (snaplen != null) {
            builder.snaplen(snaplen);
        }
        return builder.build();
    }

    private static String value(String[] args, int k, String option) {
        if (k >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[k];
    }
}
