package org.cleanpath.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An output file written under a temporary name in the same directory and renamed into place on
 * {@link #commit()}, so a reader never sees a half-written file under the final name. "-" or null
 * means standard output.
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path target;
    /** The temporary file, or for a device the device itself (closed at the end, unlike stdout). */
    private final Path temp;
    private final Writer writer;
    private boolean committed;

    private AtomicOutput(Path target, Path temp, Writer writer) {
        this.target = target;
        this.temp = temp;
        this.writer = writer;
    }

    public static AtomicOutput open(String name) throws IOException {
        return open(name, new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16));
    }

    /** Like {@link #open(String)}, with {@code standardOutput} standing for "-" or null. */
    public static AtomicOutput open(String name, Writer standardOutput) throws IOException {
        if (name == null || name.equals("-")) {
            return new AtomicOutput(null, null, standardOutput);
        }
        Path target = Path.of(name).toAbsolutePath();
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            // A device or pipe (/dev/null, a FIFO): there is nothing to rename, write straight to it.
            return new AtomicOutput(null, target, Files.newBufferedWriter(target, StandardCharsets.UTF_8));
        }
        Path dir = target.getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        try {
            // createTempFile makes the file private (0600); the finished output is an ordinary file.
            Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: keep the default permissions
        }
        Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
        return new AtomicOutput(target, temp, w);
    }

    public Writer writer() {
        return writer;
    }

    /** Flushes and, for a file, moves it to its final name. */
    public void commit() throws IOException {
        writer.flush();
        if (target != null && !committed) {
            writer.close();
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        committed = true;
    }

    /** Without a commit, removes the temporary file. */
    @Override
    public void close() throws IOException {
        if (target == null) {
            writer.flush();
            if (temp != null) {
                writer.close();
            }
            return;
        }
        if (!committed) {
            writer.close();
            Files.deleteIfExists(temp);
        }
    }
}
