package org.cleanpath.capture;

import java.io.IOException;
import java.util.Arrays;

/**
 * pcapng: sections (each opened by a Section Header Block that sets the byte order and resets the
 * interfaces), Interface Description Blocks, and packets in Enhanced, Simple or obsolete Packet
 * Blocks. Every other block type (name resolution, statistics, decryption secrets, custom,
 * unknown) is skipped by its length.
 */
final class PcapngReader extends RecordReader {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION = 1;
    static final int OBSOLETE_PACKET = 2;
    static final int SIMPLE_PACKET = 3;
    static final int ENHANCED_PACKET = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    /** Block type and total length. */
    private static final int BLOCK_HEADER = 8;
    /** Smallest block: type, total length, trailing total length. */
    private static final int MIN_BLOCK = 12;
    /** EPB and obsolete packet block: header words up to the frame data. */
    private static final int PACKET_HEADER = 28;
    private static final int SECTION_HEADER_MIN = 28;
    private static final int SIMPLE_PACKET_HEADER = 12;
    private static final int OPT_IF_TSRESOL = 9;
    private static final int OPT_IF_TSOFFSET = 14;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final String format;
    private long pos;
    private long lastTimestampNanos;

    // Per interface of the current section, indexed by interface id. Parallel arrays rather than
    // an object per interface: the packet path reads them by id for every frame.
    private int interfaces;
    private int[] linkTypes = new int[4];
    private long[] snapLengths = new long[4];
    /** Timestamp units to ns: multiply by {@code multipliers[id]} when it is non-zero ... */
    private long[] multipliers = new long[4];
    /** ... else divide by {@code divisors[id]} when non-zero, else take the binary fraction. */
    private long[] divisors = new long[4];
    private int[] fractionBits = new int[4];
    private long[] offsetNanos = new long[4];

    /** Reads the first section header; the caller has checked its type and covered 12 bytes. */
    PcapngReader(String source, InputWindow input) throws IOException {
        super(source, input);
        sectionHeader(0);
        this.format = "pcapng (" + (swap ? "little" : "big") + "-endian)";
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        long pos = this.pos;
        int i = index(pos);
        // Fast path: a well-formed EPB wholly inside the window, the common case by far.
        if (i + PACKET_HEADER + 4 <= limit && int32(i) == ENHANCED_PACKET) {
            int length = int32(i + 4);
            int capturedLength = int32(i + 20);
            int id = int32(i + 8);
            if (length >= PACKET_HEADER + 4 && (length & 3) == 0 && length <= limit - i
                    && int32(i + length - 4) == length
                    && capturedLength >= 0 && capturedLength <= length - PACKET_HEADER - 4
                    && id >= 0 && id < interfaces) {
                fillPacket(frame, pos, i, length, id, capturedLength);
                return true;
            }
        }
        return nextSlow(frame);
    }

    /** Walks blocks one at a time with every check spelled out, until a packet or the end. */
    private boolean nextSlow(Frame frame) throws IOException {
        while (!stopped()) {
            long pos = this.pos;
            if (!cover(pos, MIN_BLOCK)) {
                return endOrCutHeader(pos, MIN_BLOCK, "block header");
            }
            int type = int32(index(pos));
            if (type == SECTION_HEADER) {
                sectionHeader(pos);
                continue;
            }
            long length = blockLength(pos, MIN_BLOCK);
            int i = index(pos);
            switch (type) {
                case ENHANCED_PACKET:
                    return packet(frame, pos, i, length, uint32(i + 8), "enhanced packet block");
                case OBSOLETE_PACKET:
                    return packet(frame, pos, i, length, uint16(i + 8), "packet block");
                case SIMPLE_PACKET:
                    return simplePacket(frame, pos, i, length);
                case INTERFACE_DESCRIPTION:
                    interfaceDescription(pos, i, length);
                    break;
                default:
                    // NRB, ISB, DSB, custom blocks, types from later spec versions: not ours
                    break;
            }
            this.pos = pos + length;
        }
        return false;
    }

    /**
     * Reads and checks a block's total length (at the start and repeated at the end) and brings
     * the whole block into the window.
     */
    private long blockLength(long pos, int minimum) throws IOException {
        long length = uint32(index(pos) + 4);
        if (length < minimum || (length & 3) != 0) {
            throw damage(pos, "block total length " + length + " is not a multiple of 4 of at least "
                    + minimum + " bytes");
        }
        requireBody(pos, pos, length, "block header claims " + length + " bytes");
        long trailer = uint32(index(pos) + (int) length - 4);
        if (trailer != length) {
            throw damage(pos, "block total length is " + length + " at the start but " + trailer
                    + " at the end");
        }
        return length;
    }

    /** A section header: the caller has brought its first 12 bytes into the window. */
    private void sectionHeader(long pos) throws IOException {
        int magic = buf.getInt(index(pos) + 8);
        if (magic == BYTE_ORDER_MAGIC) {
            swap = false;
        } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            swap = true;
        } else {
            throw damage(pos, String.format(
                    "section header byte-order magic is 0x%08x, expected 0x1a2b3c4d in either byte order",
                    magic));
        }
        long length = blockLength(pos, SECTION_HEADER_MIN);
        interfaces = 0;
        this.pos = pos + length;
    }

    private void interfaceDescription(long pos, int i, long length) throws CaptureException {
        if (length < 20) {
            throw damage(pos, "interface description block of " + length + " bytes, expected at least 20");
        }
        int id = interfaces;
        if (id == linkTypes.length) {
            growInterfaces();
        }
        linkTypes[id] = uint16(i + 8);
        snapLengths[id] = uint32(i + 12);
        int resolution = 6;
        long offsetSeconds = 0;
        // Options are not damage we stop for: a bad one ends option parsing, and the interface
        // keeps the defaults (microseconds, no offset).
        int end = i + (int) length - 4;
        for (int o = i + 16; o + 4 <= end; ) {
            int code = uint16(o);
            int optionLength = uint16(o + 2);
            if (code == 0 || o + 4 + optionLength > end) {
                break;
            }
            if (code == OPT_IF_TSRESOL && optionLength >= 1) {
                resolution = buf.get(o + 4) & 0xFF;
            } else if (code == OPT_IF_TSOFFSET && optionLength == 8) {
                offsetSeconds = int64(o + 4);
            }
            o += 4 + ((optionLength + 3) & ~3);
        }
        setResolution(id, resolution);
        offsetNanos[id] = offsetSeconds * NANOS_PER_SECOND;
        interfaces = id + 1;
    }

    /** if_tsresol: bit 7 clear means units of 10^-n s, set means 2^-n s. */
    private void setResolution(int id, int resolution) {
        int exponent = resolution & 0x7F;
        multipliers[id] = 0;
        divisors[id] = 0;
        fractionBits[id] = 0;
        if ((resolution & 0x80) == 0) {
            if (exponent <= 9) {
                multipliers[id] = pow10(9 - exponent);
            } else {
                divisors[id] = exponent - 9 <= 18 ? pow10(exponent - 9) : Long.MAX_VALUE;
            }
        } else if (exponent == 0) {
            multipliers[id] = NANOS_PER_SECOND;
        } else if (exponent < 64) {
            fractionBits[id] = exponent;
        } else {
            divisors[id] = Long.MAX_VALUE;
        }
    }

    private static long pow10(int n) {
        long p = 1;
        for (int k = 0; k < n; k++) {
            p *= 10;
        }
        return p;
    }

    private void growInterfaces() {
        int n = linkTypes.length * 2;
        linkTypes = Arrays.copyOf(linkTypes, n);
        snapLengths = Arrays.copyOf(snapLengths, n);
        multipliers = Arrays.copyOf(multipliers, n);
        divisors = Arrays.copyOf(divisors, n);
        fractionBits = Arrays.copyOf(fractionBits, n);
        offsetNanos = Arrays.copyOf(offsetNanos, n);
    }

    /** An EPB or obsolete packet block: same layout but for the width of the interface id. */
    private boolean packet(Frame frame, long pos, int i, long length, long id, String block)
            throws CaptureException {
        if (length < PACKET_HEADER + 4) {
            throw damage(pos, block + " of " + length + " bytes, expected at least " + (PACKET_HEADER + 4));
        }
        long capturedLength = uint32(i + 20);
        if (capturedLength > length - PACKET_HEADER - 4) {
            throw damage(pos, block + " of " + length + " bytes cannot hold the " + capturedLength
                    + " captured bytes it claims");
        }
        checkInterface(pos, id);
        fillPacket(frame, pos, i, (int) length, (int) id, (int) capturedLength);
        return true;
    }

    private void fillPacket(Frame frame, long pos, int i, int length, int id, int capturedLength) {
        long timestamp = toNanos(id, (uint32(i + 12) << 32) | uint32(i + 16));
        lastTimestampNanos = timestamp;
        frame.buffer = buf;
        frame.offset = i + PACKET_HEADER;
        frame.capturedLength = capturedLength;
        frame.originalLength = int32(i + 24);
        frame.timestampNanos = timestamp;
        frame.linkType = linkTypes[id];
        frame.interfaceId = id;
        frame.recordOffset = pos;
        this.pos = pos + length;
    }

    /**
     * A simple packet block: interface 0, original length only. Its captured length is what the
     * spec says it must be: the original length, cut to the interface's snap length and to the
     * room in the block. It carries no timestamp; it gets the previous packet's, so that flow
     * durations stay sane.
     */
    private boolean simplePacket(Frame frame, long pos, int i, long length) throws CaptureException {
        if (length < SIMPLE_PACKET_HEADER + 4) {
            throw damage(pos, "simple packet block of " + length + " bytes, expected at least 16");
        }
        checkInterface(pos, 0);
        long originalLength = uint32(i + 8);
        long capturedLength = Math.min(originalLength, length - SIMPLE_PACKET_HEADER - 4);
        if (snapLengths[0] > 0) {
            capturedLength = Math.min(capturedLength, snapLengths[0]);
        }
        frame.buffer = buf;
        frame.offset = i + SIMPLE_PACKET_HEADER;
        frame.capturedLength = (int) capturedLength;
        frame.originalLength = (int) originalLength;
        frame.timestampNanos = lastTimestampNanos;
        frame.linkType = linkTypes[0];
        frame.interfaceId = 0;
        frame.recordOffset = pos;
        this.pos = pos + length;
        return true;
    }

    private void checkInterface(long pos, long id) throws CaptureException {
        if (id >= interfaces) {
            throw damage(pos, "packet names interface " + id + " but its section describes only "
                    + interfaces + " interface(s)");
        }
    }

    private long toNanos(int id, long units) {
        long multiplier = multipliers[id];
        if (multiplier != 0) {
            return units * multiplier + offsetNanos[id];
        }
        long divisor = divisors[id];
        if (divisor != 0) {
            return units / divisor + offsetNanos[id];
        }
        int bits = fractionBits[id];
        // 64-bit fixed-point fraction times 10^9, high word unsigned: exact to the nanosecond.
        long fraction = units << (64 - bits);
        long fractionNanos = Math.multiplyHigh(fraction, NANOS_PER_SECOND)
                + ((fraction >> 63) & NANOS_PER_SECOND);
        return (units >>> bits) * NANOS_PER_SECOND + fractionNanos + offsetNanos[id];
    }

    @Override
    public String format() {
        return format;
    }
}
