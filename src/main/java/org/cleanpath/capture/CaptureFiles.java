package org.cleanpath.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * Opens pcap and pcapng captures, gzipped or not, from a file or standard input.
 *
 * <p>The format comes from the magic number, never the file name: real files named .pcap hold
 * pcapng and the other way round. Regular files are memory-mapped; standard input, pipes and
 * gzip streams are read through a reusable heap buffer.
 */
public final class CaptureFiles {
    /** The name that means standard input. */
    public static final String STDIN = "-";

    private static final java.util.concurrent.atomic.AtomicReference<java.nio.channels.Channel> STANDARD_INPUT =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * Ends a read from standard input that is blocked waiting for data (a signal handler stopping the
     * analysis of a live pipe); the reader then sees the end of its input.
     */
    public static void closeStandardInput() {
        java.nio.channels.Channel c = STANDARD_INPUT.get();
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    private static final int PCAP_MICROS = 0xA1B2C3D4;
    private static final int PCAP_NANOS = 0xA1B23C4D;
    private static final int GZIP = 0x1F8B;

    private CaptureFiles() {}

    /**
     * Opens {@code source}: a path, or {@code -} for standard input.
     *
     * @throws CaptureException if the input is not a pcap or pcapng capture (gzipped or not)
     * @throws NoSuchFileException if there is no such file
     */
    public static CaptureReader open(String source) throws IOException {
        if (STDIN.equals(source)) {
            // Through an interruptible channel, so closeStandardInput() can end a read blocked on a pipe.
            java.nio.channels.FileChannel channel = new java.io.FileInputStream(java.io.FileDescriptor.in).getChannel();
            STANDARD_INPUT.set(channel);
            return open(source, java.nio.channels.Channels.newInputStream(channel), false, StreamWindow.DEFAULT_CAPACITY);
        }
        return open(Path.of(source), source, MappedWindow.DEFAULT_WINDOW);
    }

    /** Opens a file, mapping it in windows of {@code windowSize} bytes if it is a regular file. */
    static CaptureReader open(Path path, String source, int windowSize) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(source, null, "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new CaptureException(source, 0, "a directory, not a pcap or pcapng file");
        }
        if (!Files.isRegularFile(path)) {
            // a FIFO, a character device such as /dev/stdin: cannot be mapped
            return open(source, Files.newInputStream(path));
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            ByteBuffer first = ByteBuffer.allocate(2);
            channel.read(first, 0);
            if (first.position() == 2 && (first.getShort(0) & 0xFFFF) == GZIP) {
                channel.close();
                return open(source, Files.newInputStream(path));
            }
            return detect(source, new MappedWindow(channel, windowSize));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Opens a stream that cannot be mapped: standard input, a pipe, a test's bytes. */
    static CaptureReader open(String source, InputStream in) throws IOException {
        return open(source, in, true, StreamWindow.DEFAULT_CAPACITY);
    }

    /** As {@link #open(String, InputStream)}, with a buffer that starts at {@code capacity} bytes. */
    static CaptureReader open(String source, InputStream in, int capacity) throws IOException {
        return open(source, in, true, capacity);
    }

    private static CaptureReader open(String source, InputStream in, boolean closeInput, int capacity)
            throws IOException {
        try {
            PushbackInputStream peek = new PushbackInputStream(in, 2);
            byte[] first = peek.readNBytes(2);
            peek.unread(first);
            InputStream data = peek;
            if (first.length == 2 && ((first[0] & 0xFF) << 8 | (first[1] & 0xFF)) == GZIP) {
                data = new GZIPInputStream(peek, 1 << 16);
            }
            return detect(source, new StreamWindow(source, data, closeInput, capacity));
        } catch (IOException | RuntimeException e) {
            if (closeInput) {
                in.close();
            }
            throw e;
        }
    }

    /** Picks the reader by magic number; closes the window if it is not a capture. */
    private static CaptureReader detect(String source, InputWindow window) throws IOException {
        try {
            return reader(source, window);
        } catch (IOException | RuntimeException e) {
            window.close();
            throw e;
        }
    }

    private static CaptureReader reader(String source, InputWindow window) throws IOException {
        if (!window.cover(0, 4)) {
            throw notCapture(source, window.end() == 0 ? "empty" : "only " + window.end() + " bytes");
        }
        int magic = window.buf.getInt(0);
        boolean pcapng = magic == PcapngReader.SECTION_HEADER;
        boolean pcap = !pcapng && (magic == PCAP_MICROS || magic == PCAP_NANOS
                || magic == Integer.reverseBytes(PCAP_MICROS) || magic == Integer.reverseBytes(PCAP_NANOS));
        int header = pcapng ? 12 : PcapReader.FILE_HEADER;
        String magicText = String.format("magic 0x%08x", magic);
        if (!pcap && !pcapng) {
            throw notCapture(source, magicText);
        }
        if (!window.cover(0, header)) {
            throw notCapture(source, magicText + ", but only " + window.end() + " of the " + header
                    + " header bytes");
        }
        if (pcapng) {
            return new PcapngReader(source, window);
        }
        boolean littleEndian = magic == Integer.reverseBytes(PCAP_MICROS) || magic == Integer.reverseBytes(PCAP_NANOS);
        boolean nanoseconds = magic == PCAP_NANOS || magic == Integer.reverseBytes(PCAP_NANOS);
        return new PcapReader(source, window, littleEndian, nanoseconds);
    }

    private static CaptureException notCapture(String source, String detail) {
        return new CaptureException(source, 0, "not a pcap or pcapng file (" + detail + ")");
    }
}
