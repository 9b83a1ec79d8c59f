package org.cleanpath.attribute.names;

import static org.cleanpath.attribute.names.Bounds.u16;
import static org.cleanpath.attribute.names.Bounds.u24;
import static org.cleanpath.attribute.names.Bounds.u8;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The names and offers of a TLS ClientHello (RFC 8446 4.1.2, RFC 5246 7.4.1.2): SNI (RFC 6066 3),
 * ALPN (RFC 7301) and supported_versions.
 *
 * <p>Parsing never throws. A message cut short yields what lies before the cut: a capture cut by
 * its snap length still names the server when the SNI extension made it in.
 *
 * @param serverName the host_name of the server_name extension, lower case; null when absent
 * @param alpn protocols offered in the ALPN extension, in order
 * @param supportedVersions versions of the supported_versions extension (0x0304 is TLS 1.3)
 * @param legacyVersion the legacy_version field (0x0303 for TLS 1.2 and 1.3)
 */
public record TlsClientHello(String serverName, List<String> alpn, List<Integer> supportedVersions, int legacyVersion) {
    static final int HANDSHAKE = 22;
    static final int CLIENT_HELLO = 1;
    /** Largest TLS record fragment a sender may use (RFC 8446 5.1 plus the TLS 1.2 expansion allowance). */
    static final int MAX_RECORD = 16384 + 2048;
    /** Largest ClientHello accepted; real ones stay well below (about 2 KB with post-quantum key shares). */
    static final int MAX_HELLO = 1 << 16;

    private static final int EXT_SERVER_NAME = 0;
    private static final int EXT_ALPN = 16;
    private static final int EXT_SUPPORTED_VERSIONS = 43;

    public TlsClientHello {
        alpn = List.copyOf(alpn);
        supportedVersions = List.copyOf(supportedVersions);
    }

    /** The SNI host name. */
    public Optional<String> sni() {
        return Optional.ofNullable(serverName);
    }

    /** What the first bytes of a client's stream say about a ClientHello in TLS records. */
    public enum Probe {
        /** Not the start of a TLS handshake carrying a ClientHello. */
        NOT_TLS,
        /** A ClientHello so far, with more bytes to come. */
        NEED_MORE,
        /** The whole ClientHello is there. */
        COMPLETE
    }

    /** Says whether {@code length} bytes at {@code offset} begin TLS records holding a ClientHello, and whether all of it. */
    public static Probe probe(ByteBuffer buf, int offset, int length) {
        return walkRecords(buf, offset, length, null);
    }

    /**
     * Parses the ClientHello carried in the TLS records at the start of a client's stream
     * ({@code length} bytes at {@code offset}, absolute gets only). It may span several records.
     */
    public static Optional<TlsClientHello> fromRecords(ByteBuffer buf, int offset, int length) {
        if (Bounds.end(buf, offset, length) < 0 || length < 9) {
            return Optional.empty();
        }
        int first = u16(buf, offset + 3);
        if (u8(buf, offset) == HANDSHAKE && 4 + (long) u24(buf, offset + 6) <= first && first <= length - 5) {
            // The usual case: the whole message sits in the first record, parse it in place.
            return fromHandshake(buf, offset + 5, first);
        }
        Gathered g = new Gathered();
        if (walkRecords(buf, offset, length, g) == Probe.NOT_TLS) {
            return Optional.empty();
        }
        return fromHandshake(ByteBuffer.wrap(g.bytes, 0, g.size), 0, g.size);
    }

    /** Parses {@code bytes} as TLS records (see {@link #fromRecords(ByteBuffer, int, int)}). */
    public static Optional<TlsClientHello> fromRecords(byte[] bytes) {
        return fromRecords(ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    /**
     * Parses a handshake message (type, 24-bit length, body) that should be a ClientHello, without
     * the record layer: what QUIC CRYPTO frames carry.
     */
    public static Optional<TlsClientHello> fromHandshake(ByteBuffer buf, int offset, int length) {
        int end = Bounds.end(buf, offset, length);
        if (end < 0 || length < 4 || u8(buf, offset) != CLIENT_HELLO) {
            return Optional.empty();
        }
        end = (int) Math.min(end, offset + 4L + u24(buf, offset + 1));
        int p = offset + 4;
        if (p + 35 > end) {
            return Optional.empty();
        }
        int legacyVersion = u16(buf, p);
        if ((legacyVersion >> 8) != 3) {
            return Optional.empty();
        }
        p += 34;
        p += 1 + u8(buf, p); // session id
        if (p + 2 > end) {
            return partial(legacyVersion);
        }
        p += 2 + u16(buf, p); // cipher suites
        if (p + 1 > end) {
            return partial(legacyVersion);
        }
        p += 1 + u8(buf, p); // compression methods
        if (p + 2 > end) {
            return partial(legacyVersion);
        }
        int extEnd = Math.min(end, p + 2 + u16(buf, p));
        p += 2;
        String sni = null;
        List<String> alpn = new ArrayList<>(2);
        List<Integer> versions = new ArrayList<>(4);
        while (p + 4 <= extEnd) {
            int type = u16(buf, p);
            int len = u16(buf, p + 2);
            int data = p + 4;
            int dataEnd = Math.min(extEnd, data + len);
            if (type == EXT_SERVER_NAME && sni == null) {
                sni = serverName(buf, data, dataEnd);
            } else if (type == EXT_ALPN) {
                protocols(buf, data, dataEnd, alpn);
            } else if (type == EXT_SUPPORTED_VERSIONS && data < dataEnd) {
                int vEnd = Math.min(dataEnd, data + 1 + u8(buf, data));
                for (int v = data + 1; v + 2 <= vEnd; v += 2) {
                    versions.add(u16(buf, v));
                }
            }
            p = data + len;
        }
        return Optional.of(new TlsClientHello(sni, alpn, versions, legacyVersion));
    }

    private static Optional<TlsClientHello> partial(int legacyVersion) {
        return Optional.of(new TlsClientHello(null, List.of(), List.of(), legacyVersion));
    }

    /** The first host_name of a server_name extension body, lower case; null when there is none. */
    private static String serverName(ByteBuffer buf, int p, int end) {
        if (p + 2 > end) {
            return null;
        }
        int listEnd = Math.min(end, p + 2 + u16(buf, p));
        p += 2;
        while (p + 3 <= listEnd) {
            int type = u8(buf, p);
            int len = u16(buf, p + 1);
            if (type == 0 && len > 0 && p + 3 + len <= listEnd) {
                return hostText(buf, p + 3, len);
            }
            p += 3 + len;
        }
        return null;
    }

    private static void protocols(ByteBuffer buf, int p, int end, List<String> out) {
        if (p + 2 > end) {
            return;
        }
        int listEnd = Math.min(end, p + 2 + u16(buf, p));
        p += 2;
        while (p + 1 <= listEnd) {
            int len = u8(buf, p);
            if (len == 0 || p + 1 + len > listEnd) {
                return;
            }
            byte[] b = new byte[len];
            buf.get(p + 1, b);
            out.add(new String(b, StandardCharsets.ISO_8859_1));
            p += 1 + len;
        }
    }

    /** Host name bytes as lower-case text (shared with the HTTP Host parser). */
    static String hostText(ByteBuffer buf, int p, int len) {
        char[] c = new char[len];
        for (int i = 0; i < len; i++) {
            int b = u8(buf, p + i);
            c[i] = (char) (b >= 'A' && b <= 'Z' ? b + 32 : b);
        }
        return new String(c);
    }

    /** Handshake bytes copied out of several records. */
    private static final class Gathered {
        byte[] bytes = new byte[512];
        int size;

        void add(ByteBuffer buf, int from, int n) {
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + n, bytes.length * 2));
            }
            buf.get(from, bytes, size, n);
            size += n;
        }
    }

    /**
     * Walks handshake records from {@code offset} until the first handshake message is complete or
     * the bytes end, copying its bytes into {@code into} when given.
     */
    private static Probe walkRecords(ByteBuffer buf, int offset, int length, Gathered into) {
        int end = Bounds.end(buf, offset, length);
        if (end < 0 || length == 0) {
            return end < 0 ? Probe.NOT_TLS : Probe.NEED_MORE;
        }
        int p = offset;
        long have = 0;
        long need = -1; // whole handshake message, header included, once its header was seen
        int header = 0; // the first four handshake bytes, as they arrive
        while (true) {
            if (p >= end) {
                return Probe.NEED_MORE;
            }
            if (u8(buf, p) != HANDSHAKE || (p + 1 < end && u8(buf, p + 1) != 3) || (p + 2 < end && u8(buf, p + 2) > 4)) {
                return Probe.NOT_TLS;
            }
            if (p + 5 > end) {
                return Probe.NEED_MORE;
            }
            int recLen = u16(buf, p + 3);
            if (recLen == 0 || recLen > MAX_RECORD) {
                return Probe.NOT_TLS;
            }
            int frag = p + 5;
            int avail = Math.min(recLen, end - frag);
            int take = need < 0 ? avail : (int) Math.min(avail, need - have);
            for (int i = 0; i < take && have + i < 4; i++) {
                header = (header << 8) | u8(buf, frag + i);
                if (have + i == 0 && header != CLIENT_HELLO) {
                    return Probe.NOT_TLS;
                }
                if (have + i == 3) {
                    need = 4 + (long) (header & 0xff_ffff);
                    if (need > MAX_HELLO) {
                        return Probe.NOT_TLS;
                    }
                    take = (int) Math.min(avail, need - have);
                }
            }
            if (into != null) {
                into.add(buf, frag, take);
            }
            have += take;
            if (need >= 0 && have >= need) {
                return Probe.COMPLETE;
            }
            if (avail < recLen) {
                return Probe.NEED_MORE;
            }
            p = frag + recLen;
        }
    }
}
