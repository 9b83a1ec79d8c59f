package org.cleanpath.capture;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** The ways bytes reach a reader; the same capture must read the same through each. */
enum Route {
    /** A regular file, memory-mapped in one window. */
    MAPPED,
    /** A regular file mapped in 64-byte windows, so that nearly every record forces a re-map. */
    MAPPED_TINY_WINDOW,
    /** A non-seekable stream, as standard input or a pipe. */
    STREAM,
    /** A stream through a 64-byte buffer, so that records are compacted and the buffer grows. */
    STREAM_TINY_BUFFER,
    GZIP_STREAM,
    /** A gzipped regular file: detected by magic and read as a stream. */
    GZIP_FILE;

    /** Bytes in the tiny window or buffer. */
    static final int TINY = 64;

    CaptureReader open(byte[] bytes, Path dir) throws IOException {
        switch (this) {
            case MAPPED:
                return CaptureFiles.open(write(dir, "capture.pcap", bytes), "capture.pcap", MappedWindow.DEFAULT_WINDOW);
            case MAPPED_TINY_WINDOW:
                return CaptureFiles.open(write(dir, "capture.pcap", bytes), "capture.pcap", TINY);
            case STREAM:
                return CaptureFiles.open("-", new ByteArrayInputStream(bytes));
            case STREAM_TINY_BUFFER:
                return CaptureFiles.open("-", new ByteArrayInputStream(bytes), TINY);
            case GZIP_STREAM:
                return CaptureFiles.open("-", new ByteArrayInputStream(gzip(bytes)));
            default:
                return CaptureFiles.open(write(dir, "capture.pcap.gz", gzip(bytes)), "capture.pcap.gz", TINY);
        }
    }

    private static Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A frame copied out of the reader's buffer, which the next call may overwrite. */
    record Seen(byte[] data, int originalLength, long timestampNanos, int linkType, int interfaceId,
            long recordOffset) {
        static Seen of(Frame f) {
            byte[] data = new byte[f.capturedLength];
            f.buffer.get(f.offset, data);
            return new Seen(data, f.originalLength, f.timestampNanos, f.linkType, f.interfaceId, f.recordOffset);
        }
    }

    /** Reads every frame; the reader must then keep answering false. */
    static List<Seen> readAll(CaptureReader reader) throws IOException {
        List<Seen> seen = new ArrayList<>();
        readInto(reader, seen);
        return seen;
    }

    static void readInto(CaptureReader reader, List<Seen> seen) throws IOException {
        Frame frame = new Frame();
        while (reader.next(frame)) {
            seen.add(Seen.of(frame));
        }
        if (reader.next(frame)) {
            throw new AssertionError("next returned true after the end");
        }
    }
}
