package org.cleanpath.attribute.names;

import static org.cleanpath.attribute.names.Bounds.u8;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads the TLS ClientHello out of QUIC client Initial packets (RFC 9000 17.2.2, RFC 9001 5):
 * derives the Initial keys from the Destination Connection ID, removes header protection, decrypts
 * with AES-128-GCM and collects the CRYPTO frames. Versions: 1, 2 (RFC 9369) and draft-29.
 *
 * <p>Never throws: anything that is not a client Initial that decrypts (server Initials, garbage,
 * other versions) gives no frames. Costs two HMACs, an AES block and a GCM pass per Initial, so
 * callers try it only on the first packets of a UDP flow ({@link #looksLikeInitial} is the cheap
 * test first).
 */
public final class QuicInitial {
    public static final int VERSION_1 = 0x0000_0001;
    public static final int VERSION_2 = 0x6b33_43cf;
    public static final int DRAFT_29 = 0xff00_001d;

    private static final byte[] SALT_V1 = HexFormat.of().parseHex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
    private static final byte[] SALT_V2 = HexFormat.of().parseHex("0dede3def700a6db819381be6e269dcbf9bd2ed9");
    private static final byte[] SALT_DRAFT_29 = HexFormat.of().parseHex("afbfec289993d24c9e9786f19c6111e04390a899");
    private static final int MAX_CID = 20;
    private static final int SAMPLE = 16;
    private static final int TAG = 16;

    /** One CRYPTO frame: {@code data} belongs at {@code offset} of the Initial crypto stream. */
    public record CryptoFrame(long offset, byte[] data) {}

    private QuicInitial() {}

    /** Cheap test, no crypto: a long header of a known version with the Initial packet type, from a datagram big enough for a client Initial's fields. */
    public static boolean looksLikeInitial(ByteBuffer buf, int offset, int length) {
        if (Bounds.end(buf, offset, length) < 0 || length < 7 + SAMPLE + 4) {
            return false;
        }
        int first = u8(buf, offset);
        int version = buf.getInt(offset + 1);
        return (first & 0xc0) == 0xc0 && knownVersion(version) && packetType(first) == initialType(version);
    }

    /** Decrypts the client Initial packets coalesced in one UDP datagram and returns their CRYPTO frames, in order. */
    public static List<CryptoFrame> cryptoFrames(ByteBuffer buf, int offset, int length) {
        int end = Bounds.end(buf, offset, length);
        List<CryptoFrame> out = new ArrayList<>(2);
        if (end < 0) {
            return out;
        }
        int p = offset;
        while (p + 7 <= end) {
            int first = u8(buf, p);
            if ((first & 0x80) == 0) {
                break; // short header: the rest of the datagram is one packet
            }
            int version = buf.getInt(p + 1);
            if (!knownVersion(version)) {
                break;
            }
            int q = p + 5;
            int dcidLen = u8(buf, q);
            if (dcidLen > MAX_CID || q + 1 + dcidLen >= end) {
                break;
            }
            int dcid = q + 1;
            q = dcid + dcidLen;
            int scidLen = u8(buf, q);
            if (scidLen > MAX_CID) {
                break;
            }
            q += 1 + scidLen;
            boolean initial = packetType(first) == initialType(version);
            if (packetType(first) == retryType(version)) {
                break;
            }
            if (initial) {
                long tokenLen = varint(buf, q, end);
                if (tokenLen < 0) {
                    break;
                }
                q += varintSize(buf, q);
                if (tokenLen > end - q) {
                    break;
                }
                q += (int) tokenLen;
            }
            long packetLen = varint(buf, q, end);
            if (packetLen < 0) {
                break;
            }
            q += varintSize(buf, q);
            int packetEnd = (int) Math.min(end, q + packetLen);
            if (initial) {
                byte[] dcidBytes = new byte[dcidLen];
                buf.get(dcid, dcidBytes);
                byte[] plain = decrypt(buf, p, q, packetEnd, version, dcidBytes);
                if (plain != null) {
                    frames(plain, out);
                }
            }
            if (q + packetLen > end) {
                break;
            }
            p = packetEnd;
        }
        return out;
    }

    /** The ClientHello of a datagram whose client Initial holds all of it (the common case). */
    public static Optional<TlsClientHello> clientHello(ByteBuffer buf, int offset, int length) {
        QuicCryptoCollector c = new QuicCryptoCollector();
        c.offer(buf, offset, length);
        return c.clientHello();
    }

    public static Optional<TlsClientHello> clientHello(byte[] datagram) {
        return clientHello(ByteBuffer.wrap(datagram), 0, datagram.length);
    }

    private static boolean knownVersion(int version) {
        return version == VERSION_1 || version == VERSION_2 || version == DRAFT_29;
    }

    private static int packetType(int first) {
        return (first >> 4) & 3;
    }

    private static int initialType(int version) {
        return version == VERSION_2 ? 1 : 0;
    }

    private static int retryType(int version) {
        return version == VERSION_2 ? 0 : 3;
    }

    /** Removes protection from the packet at {@code start} whose packet number starts at {@code pnOffset}; null when it does not authenticate. */
    private static byte[] decrypt(ByteBuffer buf, int start, int pnOffset, int packetEnd, int version, byte[] dcid) {
        if (pnOffset + 4 + SAMPLE > packetEnd) {
            return null;
        }
        try {
            Keys keys = Keys.client(version, dcid);
            Crypto c = Crypto.get();
            byte[] sample = new byte[SAMPLE];
            buf.get(pnOffset + 4, sample);
            c.ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.hp, "AES"));
            byte[] mask = c.ecb.doFinal(sample);
            int first = u8(buf, start) ^ (mask[0] & 0x0f);
            int pnLen = (first & 3) + 1;
            int headerLen = pnOffset + pnLen - start;
            if (pnOffset + pnLen + TAG > packetEnd) {
                return null;
            }
            byte[] header = new byte[headerLen];
            buf.get(start, header);
            header[0] = (byte) first;
            long pn = 0;
            for (int i = 0; i < pnLen; i++) {
                int at = headerLen - pnLen + i;
                header[at] ^= mask[1 + i];
                pn = (pn << 8) | (header[at] & 0xff);
            }
            byte[] nonce = keys.iv.clone();
            for (int i = 0; i < 8; i++) {
                nonce[nonce.length - 1 - i] ^= (byte) (pn >>> (8 * i));
            }
            byte[] sealed = new byte[packetEnd - (pnOffset + pnLen)];
            buf.get(pnOffset + pnLen, sealed);
            c.gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.key, "AES"), new GCMParameterSpec(TAG * 8, nonce));
            c.gcm.updateAAD(header);
            return c.gcm.doFinal(sealed);
        } catch (GeneralSecurityException | RuntimeException e) {
            return null; // not a client Initial of this connection (or damaged): no names from it
        }
    }

    /** Walks the frames of a decrypted Initial payload, keeping CRYPTO frames; stops at a frame an Initial may not carry. */
    private static void frames(byte[] plain, List<CryptoFrame> out) {
        ByteBuffer b = ByteBuffer.wrap(plain);
        int end = plain.length;
        int p = 0;
        while (p < end) {
            int type = plain[p] & 0xff;
            p++;
            if (type == 0x00 || type == 0x01) {
                continue; // PADDING, PING
            }
            if (type == 0x02 || type == 0x03) {
                int[] at = {p};
                long largest = next(b, at, end);
                long delay = next(b, at, end);
                long ranges = next(b, at, end);
                long firstRange = next(b, at, end);
                if ((largest | delay | ranges | firstRange) < 0 || ranges > end) {
                    return;
                }
                for (long i = 0; i < ranges * 2 + (type == 0x03 ? 3 : 0); i++) {
                    if (next(b, at, end) < 0) {
                        return;
                    }
                }
                p = at[0];
            } else if (type == 0x06) {
                int[] at = {p};
                long off = next(b, at, end);
                long len = next(b, at, end);
                if (off < 0 || len < 0 || len > end - at[0]) {
                    return;
                }
                byte[] data = new byte[(int) len];
                System.arraycopy(plain, at[0], data, 0, (int) len);
                out.add(new CryptoFrame(off, data));
                p = at[0] + (int) len;
            } else {
                return; // CONNECTION_CLOSE or a frame not allowed in Initial packets
            }
        }
    }

    private static long next(ByteBuffer b, int[] at, int end) {
        long v = varint(b, at[0], end);
        if (v >= 0) {
            at[0] += varintSize(b, at[0]);
        }
        return v;
    }

    /** QUIC variable-length integer (RFC 9000 16) at {@code p}, or -1 when it does not fit before {@code end}. */
    static long varint(ByteBuffer buf, int p, int end) {
        if (p >= end) {
            return -1;
        }
        int size = varintSize(buf, p);
        if (p + size > end) {
            return -1;
        }
        long v = u8(buf, p) & 0x3f;
        for (int i = 1; i < size; i++) {
            v = (v << 8) | u8(buf, p + i);
        }
        return v;
    }

    private static int varintSize(ByteBuffer buf, int p) {
        return 1 << (u8(buf, p) >> 6);
    }

    /** The client's Initial key, IV and header-protection key. */
    record Keys(byte[] key, byte[] iv, byte[] hp) {
        static Keys client(int version, byte[] dcid) throws GeneralSecurityException {
            byte[] salt = version == VERSION_2 ? SALT_V2 : version == DRAFT_29 ? SALT_DRAFT_29 : SALT_V1;
            String prefix = version == VERSION_2 ? "quicv2 " : "quic ";
            Mac mac = Crypto.get().hmac;
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] initial = mac.doFinal(dcid);
            byte[] client = expandLabel(mac, initial, "client in", 32);
            return new Keys(expandLabel(mac, client, prefix + "key", 16), expandLabel(mac, client, prefix + "iv", 12),
                    expandLabel(mac, client, prefix + "hp", 16));
        }

        /** HKDF-Expand-Label (RFC 8446 7.1) with an empty context, for outputs of one SHA-256 block at most. */
        static byte[] expandLabel(Mac mac, byte[] secret, String label, int length) throws GeneralSecurityException {
            byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
            byte[] info = new byte[2 + 1 + full.length + 1 + 1];
            info[0] = (byte) (length >> 8);
            info[1] = (byte) length;
            info[2] = (byte) full.length;
            System.arraycopy(full, 0, info, 3, full.length);
            info[3 + full.length] = 0; // context length
            info[4 + full.length] = 1; // HKDF-Expand block counter T(1)
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] t = mac.doFinal(info);
            return Arrays.copyOf(t, length);
        }
    }

    /** JCA objects are costly to look up and not thread-safe: one set per thread. */
    private static final class Crypto {
        private static final ThreadLocal<Crypto> LOCAL = ThreadLocal.withInitial(Crypto::new);
        final Mac hmac;
        final Cipher ecb;
        final Cipher gcm;

        private Crypto() {
            try {
                hmac = Mac.getInstance("HmacSHA256");
                ecb = Cipher.getInstance("AES/ECB/NoPadding");
                gcm = Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK lacks HmacSHA256 or AES-GCM", e);
            }
        }

        static Crypto get() {
            return LOCAL.get();
        }
    }
}
