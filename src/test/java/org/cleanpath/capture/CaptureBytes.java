package org.cleanpath.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Test-only builder of pcap and pcapng bytes, field by field, in either byte order. */
final class CaptureBytes {
    private final Body out;
    private ByteOrder order;

    private CaptureBytes(ByteOrder order) {
        this.order = order;
        this.out = new Body(order);
    }

    // ---- classic pcap ----

    static CaptureBytes pcap(ByteOrder order, boolean nanoseconds, int snapLength, int linkType) {
        CaptureBytes b = new CaptureBytes(order);
        b.u32(nanoseconds ? 0xA1B23C4D : 0xA1B2C3D4).u16(2).u16(4).u32(0).u32(0).u32(snapLength).u32(linkType);
        return b;
    }

    /** A pcap record holding {@code data}, {@code originalLength} long on the wire. */
    CaptureBytes record(long seconds, long fraction, byte[] data, int originalLength) {
        return u32((int) seconds).u32((int) fraction).u32(data.length).u32(originalLength).raw(data);
    }

    /** A record header only, claiming {@code capturedLength} bytes that may not follow. */
    CaptureBytes recordHeader(long seconds, long fraction, int capturedLength, int originalLength) {
        return u32((int) seconds).u32((int) fraction).u32(capturedLength).u32(originalLength);
    }

    // ---- pcapng ----

    static CaptureBytes pcapng(ByteOrder order) {
        return new CaptureBytes(order).section(order);
    }

    /** A section header block; switches the byte order of everything after it. */
    CaptureBytes section(ByteOrder sectionOrder) {
        order = sectionOrder;
        out.order = sectionOrder;
        return block(0x0A0D0D0A, new Body(order).u32(0x1A2B3C4D).u16(1).u16(0).u64(-1L));
    }

    /** An interface description block with optional if_tsresol and if_tsoffset options. */
    CaptureBytes interfaceBlock(int linkType, int snapLength, Integer tsresol, Long tsoffsetSeconds) {
        Body body = new Body(order).u16(linkType).u16(0).u32(snapLength);
        body.option(2, "eth0".getBytes(StandardCharsets.US_ASCII));
        if (tsresol != null) {
            body.option(9, new byte[] {(byte) (int) tsresol});
        }
        if (tsoffsetSeconds != null) {
            body.option(14, new Body(order).u64(tsoffsetSeconds).bytes());
        }
        body.u16(0).u16(0);
        return block(1, body);
    }

    CaptureBytes interfaceBlock(int linkType) {
        return interfaceBlock(linkType, 0, null, null);
    }

    /** An enhanced packet block with a 64-bit timestamp in the interface's units. */
    CaptureBytes enhancedPacket(int interfaceId, long timestamp, byte[] data, int originalLength) {
        Body body = new Body(order).u32(interfaceId).u32((int) (timestamp >>> 32)).u32((int) timestamp)
                .u32(data.length).u32(originalLength).raw(data).pad();
        body.option(1, "a comment".getBytes(StandardCharsets.US_ASCII)).u16(0).u16(0);
        return block(6, body);
    }

    CaptureBytes simplePacket(byte[] data, int originalLength) {
        return block(3, new Body(order).u32(originalLength).raw(data).pad());
    }

    /** Any block: type, total length, body, total length. */
    CaptureBytes block(int type, Body body) {
        byte[] bytes = body.bytes();
        return u32(type).u32(bytes.length + 12).raw(bytes).u32(bytes.length + 12);
    }

    CaptureBytes block(int type, byte[] body) {
        return block(type, new Body(order).raw(body));
    }

    // ---- raw fields ----

    CaptureBytes u16(int v) {
        out.u16(v);
        return this;
    }

    CaptureBytes u32(int v) {
        out.u32(v);
        return this;
    }

    CaptureBytes raw(byte[] bytes) {
        out.raw(bytes);
        return this;
    }

    int size() {
        return out.out.size();
    }

    byte[] bytes() {
        return out.bytes();
    }

    /** Frame bytes 0, 1, 2, ... offset by {@code seed}, so each frame is recognisable. */
    static byte[] frame(int length, int seed) {
        byte[] b = new byte[length];
        for (int k = 0; k < length; k++) {
            b[k] = (byte) (seed + k);
        }
        return b;
    }

    /** A block body under construction. */
    static final class Body {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private ByteOrder order;

        Body(ByteOrder order) {
            this.order = order;
        }

        Body u16(int v) {
            out.write(ByteBuffer.allocate(2).order(order).putShort((short) v).array(), 0, 2);
            return this;
        }

        Body u32(int v) {
            out.write(ByteBuffer.allocate(4).order(order).putInt(v).array(), 0, 4);
            return this;
        }

        Body u64(long v) {
            out.write(ByteBuffer.allocate(8).order(order).putLong(v).array(), 0, 8);
            return this;
        }

        Body raw(byte[] bytes) {
            out.write(bytes, 0, bytes.length);
            return this;
        }

        /** Zero bytes up to the next multiple of 4. */
        Body pad() {
            while (out.size() % 4 != 0) {
                out.write(0);
            }
            return this;
        }

        Body option(int code, byte[] value) {
            return u16(code).u16(value.length).raw(value).pad();
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
