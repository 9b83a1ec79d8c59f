package org.cleanpath.attribute.names;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test-only sender side of QUIC Initial protection (RFC 9001 5.3, 5.4), to build client Initials
 * with chosen CRYPTO frames. Checked against the RFC 9001 A.2 packet in {@link QuicInitialTest}.
 */
final class QuicPackets {
    private QuicPackets() {}

    /** A protected client Initial of {@code version} to {@code dcid} with packet number {@code pn} (4 bytes) carrying {@code payload}. */
    static byte[] clientInitial(int version, byte[] dcid, int pn, byte[] payload) throws GeneralSecurityException {
        QuicInitial.Keys keys = QuicInitial.Keys.client(version, dcid);
        int type = version == QuicInitial.VERSION_2 ? 1 : 0;
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(0xc0 | type << 4 | 3);
        h.write(version >>> 24);
        h.write(version >>> 16);
        h.write(version >>> 8);
        h.write(version);
        h.write(dcid.length);
        h.writeBytes(dcid);
        h.write(0); // no source connection id
        h.write(0); // no token
        int length = 4 + payload.length + 16;
        h.write(0x40 | length >> 8);
        h.write(length);
        h.write(pn >>> 24);
        h.write(pn >>> 16);
        h.write(pn >>> 8);
        h.write(pn);
        byte[] header = h.toByteArray();
        byte[] nonce = keys.iv().clone();
        for (int i = 0; i < 4; i++) {
            nonce[nonce.length - 1 - i] ^= (byte) (pn >>> (8 * i));
        }
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.key(), "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(header);
        byte[] sealed = gcm.doFinal(payload);
        byte[] packet = new byte[header.length + sealed.length];
        System.arraycopy(header, 0, packet, 0, header.length);
        System.arraycopy(sealed, 0, packet, header.length, sealed.length);
        int pnOffset = header.length - 4;
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.hp(), "AES"));
        byte[] mask = ecb.doFinal(packet, pnOffset + 4, 16);
        packet[0] ^= (byte) (mask[0] & 0x0f);
        for (int i = 0; i < 4; i++) {
            packet[pnOffset + i] ^= mask[1 + i];
        }
        return packet;
    }

    /** A CRYPTO frame carrying {@code data[from, to)} at stream offset {@code from} (offset and length as 2-byte varints). */
    static byte[] crypto(byte[] data, int from, int to) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x06);
        f.write(0x40 | from >> 8);
        f.write(from);
        f.write(0x40 | (to - from) >> 8);
        f.write(to - from);
        f.write(data, from, to - from);
        return f.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
