package org.cleanpath.attribute.vendor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cleanpath.flow.IpText;

/**
 * Absolute big-endian reads from a frame buffer for the discovery-protocol parsers. Never moves the
 * buffer's position and ignores its byte order (a reader may have set little-endian).
 */
final class Wire {
    private static final long V4_MAPPED = 0xffff_0000_0000L;

    private Wire() {}

    static int u8(ByteBuffer b, int i) {
        return b.get(i) & 0xff;
    }

    static int u16(ByteBuffer b, int i) {
        return (u8(b, i) << 8) | u8(b, i + 1);
    }

    static long u32(ByteBuffer b, int i) {
        return ((long) u16(b, i) << 16) | u16(b, i + 2);
    }

    static long mac(ByteBuffer b, int i) {
        return ((long) u16(b, i) << 32) | u32(b, i + 2);
    }

    /**
     * A protocol string: UTF-8 (invalid bytes replaced), trailing NULs dropped, and control
     * characters other than tab and line breaks shown as {@code ?} so a hostile name cannot drive a
     * terminal.
     */
    static String text(ByteBuffer b, int off, int len) {
        byte[] bytes = new byte[len];
        b.get(off, bytes);
        int n = len;
        while (n > 0 && bytes[n - 1] == 0) {
            n--;
        }
        String s = new String(bytes, 0, n, StandardCharsets.UTF_8);
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, '?');
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** Lower-case hex, no separators, for values with no better form. */
    static String hex(ByteBuffer b, int off, int len) {
        StringBuilder sb = new StringBuilder(2 * len);
        for (int i = 0; i < len; i++) {
            int v = u8(b, off + i);
            sb.append(Character.forDigit(v >>> 4, 16)).append(Character.forDigit(v & 0xf, 16));
        }
        return sb.toString();
    }

    static String ipv4(ByteBuffer b, int off) {
        return IpText.format(0, V4_MAPPED | u32(b, off));
    }

    static String ipv6(ByteBuffer b, int off) {
        return IpText.format((u32(b, off) << 32) | u32(b, off + 4), (u32(b, off + 8) << 32) | u32(b, off + 12));
    }

    /** The names of the bits set in {@code bits}, bit 0 first. */
    static List<String> flagNames(long bits, String[] names) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if ((bits & (1L << i)) != 0) {
                out.add(names[i]);
            }
        }
        return out;
    }
}
