package org.cleanpath.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file written under a temporary name next to its target and renamed onto it on commit, so readers
 * never see a partial file under the final name. Little-endian helpers for the capture formats.
 */
final class PendingFile {
    private static final int BUFFER_SIZE = 1 << 16;
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Path target;
    private final Path temporary;
    private final OutputStream out;
    private final byte[] scratch = new byte[BUFFER_SIZE];
    private boolean finished;

    PendingFile(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        Path dir = this.target.getParent();
        // Same directory, so the final rename stays on one file system and can be atomic.
        this.temporary = dir.resolve("." + this.target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + SEQUENCE.incrementAndGet() + ".part");
        this.out = new BufferedOutputStream(Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), BUFFER_SIZE);
    }

    Path target() {
        return target;
    }

    /** Name of the file being written, until commit. */
    Path temporary() {
        return temporary;
    }

    void bytes(byte[] data, int offset, int length) throws IOException {
        out.write(data, offset, length);
    }

    /** Copies {@code length} bytes from {@code data} at {@code offset} without moving its position. */
    void bytes(ByteBuffer data, int offset, int length) throws IOException {
        if (data.hasArray()) {
            out.write(data.array(), data.arrayOffset() + offset, length);
            return;
        }
        for (int done = 0; done < length; ) {
            int n = Math.min(scratch.length, length - done);
            data.get(offset + done, scratch, 0, n);
            out.write(scratch, 0, n);
            done += n;
        }
    }

    void u16(int value) throws IOException {
        out.write(value);
        out.write(value >>> 8);
    }

    void u32(long value) throws IOException {
        u16((int) value & 0xffff);
        u16((int) (value >>> 16) & 0xffff);
    }

    void zeros(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            out.write(0);
        }
    }

    void commit() throws IOException {
        finish(true);
    }

    void abort() throws IOException {
        finish(false);
    }

    private void finish(boolean keep) throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            out.close();
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        if (!keep) {
            Files.deleteIfExists(temporary);
            return;
        }
        try {
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }
}
