package org.cleanpath.generate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian byte array for building protocol headers, with back-patching of lengths. */
final class ByteSink {
    private byte[] buf = new byte[128];
    private int size;

    ByteSink u8(int value) {
        ensure(1);
        buf[size++] = (byte) value;
        return this;
    }

    ByteSink u16(int value) {
        return u8(value >>> 8).u8(value);
    }

    ByteSink u24(int value) {
        return u8(value >>> 16).u16(value & 0xffff);
    }

    ByteSink u32(long value) {
        return u16((int) (value >>> 16) & 0xffff).u16((int) value & 0xffff);
    }

    ByteSink bytes(byte[] data) {
        ensure(data.length);
        System.arraycopy(data, 0, buf, size, data.length);
        size += data.length;
        return this;
    }

    ByteSink ascii(String text) {
        return bytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    ByteSink zeros(int count) {
        ensure(count);
        size += count;
        return this;
    }

    int size() {
        return size;
    }

    /** Overwrites two bytes at {@code position} (for lengths known only after the body). */
    void setU16(int position, int value) {
        buf[position] = (byte) (value >>> 8);
        buf[position + 1] = (byte) value;
    }

    void setU24(int position, int value) {
        buf[position] = (byte) (value >>> 16);
        setU16(position + 1, value & 0xffff);
    }

    /** Writes a two-byte length placeholder; {@link #closeU16(int)} fills in the bytes written after it. */
    int openU16() {
        u16(0);
        return size;
    }

    void closeU16(int start) {
        setU16(start - 2, size - start);
    }

    int openU24() {
        u24(0);
        return size;
    }

    void closeU24(int start) {
        setU24(start - 3, size - start);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
