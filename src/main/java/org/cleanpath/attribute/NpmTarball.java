package org.cleanpath.attribute;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Extracts chosen files from an {@code npm pack} tarball (gzipped ustar), so that
 * {@code geodb build} takes the downloaded {@code .tgz} as it is.
 */
final class NpmTarball {
    private static final int BLOCK = 512;

    private NpmTarball() {}

    /** Extracts the regular files whose base name {@code wanted} accepts into {@code dir}; returns them. */
    static List<Path> extract(Path tgz, Path dir, Predicate<String> wanted) throws IOException {
        List<Path> out = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tgz), 1 << 16), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            while (readBlock(in, header)) {
                if (header[0] == 0) break; // the end-of-archive blocks
                String name = text(header, 0, 100);
                String prefix = text(header, 345, 155);
                if (!prefix.isEmpty()) name = prefix + "/" + name;
                long size = Long.parseLong(text(header, 124, 12).isEmpty() ? "0" : text(header, 124, 12), 8);
                byte type = header[156];
                String base = name.substring(name.lastIndexOf('/') + 1);
                boolean regular = type == '0' || type == 0;
                if (regular && !base.isEmpty() && wanted.test(base)) {
                    Path target = dir.resolve(base);
                    try (OutputStream file = Files.newOutputStream(target)) {
                        copy(in, file, size);
                    }
                    out.add(target);
                    skip(in, padding(size));
                } else {
                    skip(in, size + padding(size));
                }
            }
        } catch (NumberFormatException e) {
            throw new IOException(tgz + ": not a tar archive (bad entry size)", e);
        }
        return out;
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static String text(byte[] header, int from, int length) {
        int end = from;
        while (end < from + length && header[end] != 0) end++;
        return new String(header, from, end - from, StandardCharsets.US_ASCII).strip();
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) return false;
        if (n < BLOCK) throw new EOFException("truncated tar archive");
        return true;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[1 << 16];
        for (long left = size; left > 0; ) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) throw new EOFException("truncated tar archive");
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        in.skipNBytes(n);
    }
}
