package org.cleanpath.report;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cleanpath.flow.CaptureAnalysis;

/** A one-line progress bar on stderr, shown only when stderr is a terminal. */
public final class Progress implements CaptureAnalysis.Progress {
    private static final long INTERVAL_NANOS = 250_000_000L;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private long lastPrint = start;
    private String currentSource;
    private long currentSize = -1;
    private boolean printed;

    private Progress(PrintStream err) {
        this.err = err;
    }

    /** A progress display when stderr is a terminal (or forced), otherwise one that does nothing. */
    public static CaptureAnalysis.Progress forStderr(Boolean forced) {
        boolean on = forced != null ? forced : stderrIsTerminal();
        return on ? new Progress(System.err) : CaptureAnalysis.Progress.NONE;
    }

    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void update(String source, long recordOffset, long packets) {
        long now = System.nanoTime();
        if (now - lastPrint < INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        if (!source.equals(currentSource)) {
            currentSource = source;
            try {
                currentSize = source.equals("-") ? -1 : Files.size(Path.of(source));
            } catch (Exception e) {
                currentSize = -1;
            }
        }
        double seconds = (now - start) / 1e9;
        String rate = String.format("%,d packets, %.1f M packets/s", packets, packets / seconds / 1e6);
        if (currentSize > 0) {
            int pct = (int) Math.min(100, recordOffset * 100 / currentSize);
            String bar = "#".repeat(pct / 4) + " ".repeat(25 - pct / 4);
            err.print("\r[" + bar + "] " + pct + "% " + rate + "   ");
        } else {
            err.print("\r" + rate + "   ");
        }
        err.flush();
        printed = true;
    }

    /** Clears the bar line before the summary is printed. */
    public static void done(CaptureAnalysis.Progress p) {
        if (p instanceof Progress bar && bar.printed) {
            bar.err.print("\r" + " ".repeat(79) + "\r");
            bar.err.flush();
        }
    }
}
