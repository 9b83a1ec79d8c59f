package org.cleanpath.capture.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cleanpath.capture.CaptureFiles;
import org.cleanpath.capture.CaptureReader;
import org.cleanpath.capture.Frame;

/**
 * Follows a directory of rotated capture files, as {@code tcpdump -G SECONDS -w 'cap-%Y%m%d-%H%M%S.pcap'}
 * or {@code tcpdump -C MB -w cap.pcap} write them ({@code cleanpath monitor --watch DIR}), and
 * delivers the frames of each finished file once, in name order.
 *
 * <p>A file is finished ("closed") when a file whose name sorts after it exists, since the writer
 * has moved on; the newest file is finished once it has not changed for the quiet period (the
 * capture ended). Names sort naturally, numbers by value, so {@code cap.pcap9} comes before {@code
 * cap.pcap10}. Hidden files (a leading dot, such as files still being written under a temporary
 * name) are ignored.
 *
 * <p>The directory is listed every poll interval rather than watched with {@code WatchService}:
 * a listing is simpler, sees files that were already there and files on network mounts alike, and
 * rotation happens at most every few seconds, so 500 ms polling costs nothing.
 *
 * <p>Each file is read once per WatchSource: a name is remembered when its reading starts. A damaged
 * file (cut short, corrupt record, not a capture) is reported to the {@link Listener} after its good
 * frames were delivered, and the watch goes on with the next file.
 */
public final class WatchSource extends FileSource {
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofSeconds(10);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);

    /** Hears about each file; called on the thread that runs the source. */
    public interface Listener {
        default void fileStarted(Path file) {}

        default void fileFinished(Path file, long frames) {}

        /** The file is damaged or unreadable; its frames before the damage were delivered. */
        void fileFailed(Path file, IOException problem);
    }

    private final Path directory;
    private final long quietNanos;
    private final long pollNanos;
    private final Listener listener;
    private final Set<String> processed = new HashSet<>();
    private final Map<String, Growth> growth = new HashMap<>();
    private volatile long filesRead;

    /** Last seen size and modification time of the newest file, and since when it has not changed. */
    private record Growth(long size, long modified, long sinceNanos) {}

    /**
     * @param quietPeriod how long the newest file must stay unchanged to count as finished; longer
     *     than the writer's flush interval (tcpdump without -U flushes its buffer only when full)
     * @param pollInterval how often the directory is listed
     */
    public WatchSource(Path directory, Duration quietPeriod, Duration pollInterval, Listener listener) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.quietNanos = quietPeriod.toNanos();
        this.pollNanos = pollInterval.toNanos();
        this.listener = Objects.requireNonNull(listener, "listener");
        if (pollNanos <= 0) {
            throw new IllegalArgumentException("poll interval must be positive, not " + pollInterval);
        }
    }

    /** With the default quiet period (10 s) and poll interval (500 ms). */
    public WatchSource(Path directory, Listener listener) {
        this(directory, DEFAULT_QUIET_PERIOD, DEFAULT_POLL_INTERVAL, listener);
    }

    /**
     * Reads finished files until {@link #stop()}; a watch is never exhausted.
     *
     * @throws IOException if the directory cannot be listed (damaged files go to the listener)
     */
    @Override
    public void run(FrameHandler handler) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new NotDirectoryException(directory + " (not a directory to watch)");
        }
        try {
            while (!isStopped()) {
                readFinishedFiles(handler);
                stopped.await(pollNanos, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readFinishedFiles(FrameHandler handler) throws IOException {
        List<Path> files = listCaptures();
        for (int i = 0; i < files.size() && !isStopped(); i++) {
            Path file = files.get(i);
            String name = file.getFileName().toString();
            if (processed.contains(name)) {
                continue;
            }
            boolean newerExists = i < files.size() - 1;
            if (!newerExists && !quiet(file, name)) {
                return;
            }
            processed.add(name);
            growth.remove(name);
            read(file, handler);
        }
    }

    private List<Path> listCaptures() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .forEach(files::add);
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString(), WatchSource::compareNatural));
        return files;
    }

    /** True once the file's size and modification time have stayed the same for the quiet period. */
    private boolean quiet(Path file, String name) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (java.nio.file.NoSuchFileException e) {
            return false; // renamed or removed between listing and now
        }
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        long now = System.nanoTime();
        Growth seen = growth.get(name);
        if (seen == null || seen.size() != size || seen.modified() != modified) {
            growth.put(name, new Growth(size, modified, now));
            return quietNanos <= 0;
        }
        return now - seen.sinceNanos() >= quietNanos;
    }

    private void read(Path file, FrameHandler handler) {
        listener.fileStarted(file);
        long frames = 0;
        try (CaptureReader reader = CaptureFiles.open(file.toString())) {
            Frame frame = new Frame();
            while (!isStopped() && reader.next(frame)) {
                handler.onFrame(frame);
                frames++;
                delivered++;
            }
        } catch (IOException e) {
            filesRead++;
            listener.fileFailed(file, e);
            return;
        }
        filesRead++;
        listener.fileFinished(file, frames);
    }

    /** Orders names as people number files: digit runs by value, everything else by character. */
    static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                String da = stripZeros(a.substring(i, endA));
                String db = stripZeros(b.substring(j, endB));
                int byValue = da.length() != db.length() ? Integer.compare(da.length(), db.length()) : da.compareTo(db);
                if (byValue != 0) {
                    return byValue;
                }
                i = endA;
                j = endB;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int byRest = Integer.compare(a.length() - i, b.length() - j);
        return byRest != 0 ? byRest : a.compareTo(b);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static String stripZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }

    /** Files read so far, damaged ones included. */
    public long filesRead() {
        return filesRead;
    }

    @Override
    public String describe() {
        return "watch " + directory;
    }
}
