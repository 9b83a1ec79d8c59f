package org.cleanpath.attribute.names;

import java.nio.ByteBuffer;

/** Range checks shared by the parsers, so that each reads only bytes that are there. */
final class Bounds {
    private Bounds() {}

    /** The end index of the range, or -1 when the range does not lie inside the buffer's limit. */
    static int end(ByteBuffer buf, int offset, int length) {
        if (buf == null || offset < 0 || length < 0 || offset > buf.limit() - length) {
            return -1;
        }
        return offset + length;
    }

    static int u8(ByteBuffer buf, int at) {
        return buf.get(at) & 0xff;
    }

    static int u16(ByteBuffer buf, int at) {
        return buf.getShort(at) & 0xffff;
    }

    static int u24(ByteBuffer buf, int at) {
        return (u8(buf, at) << 16) | u16(buf, at + 1);
    }
}
