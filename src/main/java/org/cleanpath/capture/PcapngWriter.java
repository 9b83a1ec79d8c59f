package org.cleanpath.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a little-endian pcapng file with one section and one interface: SHB, IDB, then one
 * Enhanced Packet Block per frame.
 */
public final class PcapngWriter extends FileCaptureWriter {
    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 0x00000001;
    private static final int EPB = 0x00000006;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int OPT_END = 0;
    private static final int OPT_SHB_USERAPPL = 4;
    private static final int OPT_IF_TSRESOL = 9;
    /** EPB fields around the frame bytes: type, length, interface, 2 x timestamp, 2 x length, trailing length. */
    private static final int EPB_OVERHEAD = 32;

    private final boolean nanos;

    private PcapngWriter(PendingFile file, int linkType, int snaplen, boolean nanos, String application)
            throws IOException {
        super(file, snaplen);
        this.nanos = nanos;
        byte[] app = application.getBytes(StandardCharsets.UTF_8);
        int shbLength = 28 + 4 + padded(app.length) + 4;
        file.u32(SHB);
        file.u32(shbLength);
        file.u32(BYTE_ORDER_MAGIC);
        file.u16(1);
        file.u16(0);
        file.u32(-1L); // section length unknown
        file.u32(-1L);
        option(OPT_SHB_USERAPPL, app);
        file.u32(OPT_END);
        file.u32(shbLength);

        int idbLength = 20 + (nanos ? 8 + 4 : 0);
        file.u32(IDB);
        file.u32(idbLength);
        file.u16(linkType);
        file.u16(0);
        file.u32(snaplen);
        if (nanos) {
            option(OPT_IF_TSRESOL, new byte[] {9});
            file.u32(OPT_END);
        }
        file.u32(idbLength);
    }

    /**
     * Starts {@code target} (written as a hidden temporary file next to it until {@link #close()}).
     *
     * @param nanos true for nanosecond timestamps (if_tsresol 9), false for the default microseconds
     * @param application written as the section's shb_userappl option
     */
    public static PcapngWriter create(Path target, int linkType, int snaplen, boolean nanos, String application)
            throws IOException {
        return open(target, snaplen, file -> new PcapngWriter(file, linkType, snaplen, nanos, application));
    }

    @Override
    void recordHeader(long timestampNanos, int length, int originalLength) throws IOException {
        long units = nanos ? timestampNanos : Math.floorDiv(timestampNanos, 1000L);
        file.u32(EPB);
        file.u32(EPB_OVERHEAD + padded(length));
        file.u32(0); // interface id
        file.u32(units >>> 32);
        file.u32(units & 0xffff_ffffL);
        file.u32(length);
        file.u32(originalLength);
    }

    @Override
    void recordTrailer(int length) throws IOException {
        file.zeros(padded(length) - length);
        file.u32(EPB_OVERHEAD + padded(length));
    }

    private void option(int code, byte[] value) throws IOException {
        file.u16(code);
        file.u16(value.length);
        file.bytes(value, 0, value.length);
        file.zeros(padded(value.length) - value.length);
    }

    private static int padded(int length) {
        return (length + 3) & ~3;
    }
}
