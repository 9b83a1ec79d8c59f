package org.cleanpath.capture;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Window onto a regular file through {@code FileChannel.map}, re-mapped when a record crosses
 * the window's end, so files over 2 GiB work although one mapping holds at most 2 GiB.
 *
 * <p>Mapping avoids copying every byte into the heap: walking a page-cached file this way is
 * about twice as fast as {@code FileChannel.read} into a heap buffer (see bench/RESULTS.md).
 */
final class MappedWindow extends InputWindow {
    /** Default window: large enough that re-mapping is rare; one mapping cannot exceed 2 GiB. */
    static final int DEFAULT_WINDOW = 256 << 20;

    private static final MethodHandle INVOKE_CLEANER = findCleaner();

    /** Windows smaller than this are not worth a prefetch thread. */
    private static final int PREFETCH_MIN = 8 << 20;

    private final FileChannel channel;
    private Prefetcher prefetcher;
    private final long size;
    private final int windowSize;

    MappedWindow(FileChannel channel, int windowSize) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        this.windowSize = windowSize;
        this.buf = ByteBuffer.allocate(0);
    }

    @Override
    boolean cover(long pos, long n) throws IOException {
        if (pos >= base && pos + n <= base + limit) {
            return true;
        }
        if (pos + n > size) {
            return false;
        }
        long length = Math.min(Math.max(windowSize, n), size - pos);
        MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, pos, length);
        stopPrefetch();
        unmap(buf);
        buf = mapped;
        if (length >= PREFETCH_MIN) {
            prefetcher = new Prefetcher(mapped, (int) length);
        }
        base = pos;
        limit = (int) length;
        return true;
    }

    @Override
    long end() {
        return size;
    }

    @Override
    public void close() throws IOException {
        stopPrefetch();
        unmap(buf);
        buf = ByteBuffer.allocate(0);
        limit = 0;
        channel.close();
    }

    private void stopPrefetch() {
        if (prefetcher != null) {
            prefetcher.stop();
            prefetcher = null;
        }
    }

    /**
     * Touches one byte per page of a fresh mapping on a second thread, ahead of the reader. Page
     * faults then happen on the other core instead of in the packet loop: faulting in the 1 GB
     * benchmark file is a large share of a single pass. Must be stopped before the mapping is
     * released, since touching an unmapped buffer would crash the JVM.
     */
    private static final class Prefetcher implements Runnable {
        private static final int PAGE = 4096;
        private final MappedByteBuffer mapped;
        private final int length;
        private final Thread thread;
        private volatile boolean stop;
        @SuppressWarnings("unused")
        private volatile int sink;

        Prefetcher(MappedByteBuffer mapped, int length) {
            this.mapped = mapped;
            this.length = length;
            this.thread = new Thread(this, "capture-prefetch");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            int sum = 0;
            for (int i = 0; i < length && !stop; i += PAGE) {
                sum += mapped.get(i);
            }
            sink = sum;
        }

        void stop() {
            stop = true;
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Releases a mapping now instead of at some later GC: a reader walking many large files would
     * otherwise hold gigabytes of address space and open file mappings. Java 17 has no public
     * unmap, so this uses {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported) when it
     * is there and leaves the mapping to the GC when it is not.
     */
    private static void unmap(ByteBuffer b) {
        if (INVOKE_CLEANER == null || !(b instanceof MappedByteBuffer)) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(b);
        } catch (Throwable e) {
            // unmapping is an optimisation; the GC releases the mapping otherwise
        }
    }

    private static MethodHandle findCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            Object unsafe = field.get(null);
            return MethodHandles.lookup()
                    .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
                    .bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
