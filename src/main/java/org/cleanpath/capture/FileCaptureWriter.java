package org.cleanpath.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** What the file formats share: snap length, the pending file, and record framing around the bytes. */
abstract sealed class FileCaptureWriter implements CaptureWriter permits PcapWriter, PcapngWriter {

    /** Writes a format's file header to a freshly opened file. */
    interface Header<W> {
        W start(PendingFile file) throws IOException;
    }

    final PendingFile file;
    final int snaplen;

    FileCaptureWriter(PendingFile file, int snaplen) {
        this.file = file;
        this.snaplen = snaplen;
    }

    /** Opens {@code target} as a pending file and lets {@code header} start it; nothing is left on failure. */
    static <W> W open(Path target, int snaplen, Header<W> header) throws IOException {
        if (snaplen <= 0) {
            throw new IllegalArgumentException("snaplen must be positive: " + snaplen);
        }
        PendingFile file = new PendingFile(target);
        try {
            return header.start(file);
        } catch (IOException | RuntimeException e) {
            file.abort();
            throw e;
        }
    }

    @Override
    public final void write(long timestampNanos, byte[] data, int offset, int capturedLength, int originalLength)
            throws IOException {
        int length = captured(capturedLength);
        recordHeader(timestampNanos, length, Math.max(originalLength, capturedLength));
        file.bytes(data, offset, length);
        recordTrailer(length);
    }

    @Override
    public final void write(long timestampNanos, ByteBuffer data, int offset, int capturedLength, int originalLength)
            throws IOException {
        int length = captured(capturedLength);
        recordHeader(timestampNanos, length, Math.max(originalLength, capturedLength));
        file.bytes(data, offset, length);
        recordTrailer(length);
    }

    /** Writes what precedes {@code length} frame bytes. */
    abstract void recordHeader(long timestampNanos, int length, int originalLength) throws IOException;

    /** Writes what follows the frame bytes (padding, trailing length); nothing by default. */
    void recordTrailer(int length) throws IOException {}

    @Override
    public final void abort() throws IOException {
        file.abort();
    }

    @Override
    public final void close() throws IOException {
        file.commit();
    }

    private int captured(int capturedLength) {
        if (capturedLength < 0) {
            throw new IllegalArgumentException("negative captured length: " + capturedLength);
        }
        return Math.min(capturedLength, snaplen);
    }
}
