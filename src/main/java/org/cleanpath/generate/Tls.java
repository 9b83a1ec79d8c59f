package org.cleanpath.generate;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The records of one TLS 1.2 or 1.3 connection as a browser-like client and a server exchange them:
 * a ClientHello with SNI, ALPN and (1.3) key share, the server's hello, then opaque encrypted records.
 * Key material is random bytes; nothing here decrypts.
 */
final class Tls {
    static final int PORT = 443;

    private static final int HANDSHAKE = 22;
    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int APPLICATION_DATA = 23;
    private static final int CLIENT_HELLO = 1;
    private static final int SERVER_HELLO = 2;
    private static final int SERVER_HELLO_DONE = 14;
    private static final int CLIENT_KEY_EXCHANGE = 16;
    private static final int X25519 = 0x001d;

    private static final int[] CIPHER_SUITES = {
        0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f,
        0x0035
    };
    private static final int[] SIGNATURE_ALGORITHMS = {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601};

    private final Random random;
    private final boolean tls13;
    private final byte[] sessionId;

    Tls(Random random, boolean tls13) {
        this.random = random;
        this.tls13 = tls13;
        // TLS 1.3 clients send a random legacy session id for middlebox compatibility (RFC 8446 D.4).
        this.sessionId = randomBytes(tls13 ? 32 : 0);
    }

    byte[] clientHello(String serverName) {
        return clientHello(serverName.getBytes(StandardCharsets.US_ASCII));
    }

    /** A ClientHello without the server_name extension. */
    byte[] clientHelloWithoutName() {
        return clientHello((byte[]) null);
    }

    private byte[] clientHello(byte[] name) {
        ByteSink body = new ByteSink().u16(0x0303).bytes(randomBytes(32));
        body.u8(sessionId.length).bytes(sessionId);
        int start = body.openU16();
        for (int suite : CIPHER_SUITES) {
            if (tls13 || suite >>> 8 != 0x13) {
                body.u16(suite);
            }
        }
        body.closeU16(start);
        body.u8(1).u8(0); // compression: null only

        int extensions = body.openU16();
        int ext;
        if (name != null) {
            ext = extension(body, 0x0000); // server_name: one host_name
            body.u16(name.length + 3).u8(0).u16(name.length).bytes(name);
            body.closeU16(ext);
        }
        body.closeU16(extension(body, 0x0017)); // extended_master_secret
        ext = extension(body, 0xff01); // renegotiation_info
        body.u8(0);
        body.closeU16(ext);
        ext = extension(body, 0x000a); // supported_groups
        body.u16(6).u16(X25519).u16(0x0017).u16(0x0018);
        body.closeU16(ext);
        ext = extension(body, 0x000b); // ec_point_formats: uncompressed
        body.u8(1).u8(0);
        body.closeU16(ext);
        body.closeU16(extension(body, 0x0023)); // session_ticket
        ext = extension(body, 0x0010); // ALPN
        body.u16(12).u8(2).ascii("h2").u8(8).ascii("http/1.1");
        body.closeU16(ext);
        ext = extension(body, 0x0005); // status_request: OCSP
        body.u8(1).u16(0).u16(0);
        body.closeU16(ext);
        ext = extension(body, 0x000d); // signature_algorithms
        body.u16(SIGNATURE_ALGORITHMS.length * 2);
        for (int algorithm : SIGNATURE_ALGORITHMS) {
            body.u16(algorithm);
        }
        body.closeU16(ext);
        if (tls13) {
            ext = extension(body, 0x0033); // key_share
            body.u16(36).u16(X25519).u16(32).bytes(randomBytes(32));
            body.closeU16(ext);
            ext = extension(body, 0x002b); // supported_versions
            body.u8(4).u16(0x0304).u16(0x0303);
            body.closeU16(ext);
            ext = extension(body, 0x002d); // psk_key_exchange_modes: psk_dhe_ke
            body.u8(1).u8(1);
            body.closeU16(ext);
        }
        body.closeU16(extensions);
        // The record layer says TLS 1.0 in a first ClientHello, as browsers do for compatibility.
        return record(HANDSHAKE, 0x0301, handshake(CLIENT_HELLO, body.toByteArray()));
    }

    /** ServerHello, then (1.3) the encrypted rest of the server's handshake, or (1.2) ServerHelloDone. */
    byte[] serverHello() {
        ByteSink body = new ByteSink().u16(0x0303).bytes(randomBytes(32));
        body.u8(sessionId.length).bytes(sessionId);
        body.u16(tls13 ? 0x1301 : 0xc02f).u8(0);
        int extensions = body.openU16();
        if (tls13) {
            int ext = extension(body, 0x002b);
            body.u16(0x0304);
            body.closeU16(ext);
            ext = extension(body, 0x0033);
            body.u16(X25519).u16(32).bytes(randomBytes(32));
            body.closeU16(ext);
        } else {
            int ext = extension(body, 0xff01);
            body.u8(0);
            body.closeU16(ext);
            body.closeU16(extension(body, 0x0017));
        }
        body.closeU16(extensions);
        ByteSink out = new ByteSink().bytes(record(HANDSHAKE, 0x0303, handshake(SERVER_HELLO, body.toByteArray())));
        if (tls13) {
            out.bytes(changeCipherSpec()).bytes(applicationData(1900 + random.nextInt(600)));
        } else {
            out.bytes(record(HANDSHAKE, 0x0303, handshake(SERVER_HELLO_DONE, new byte[0])));
        }
        return out.toByteArray();
    }

    /** The client's end of the handshake: (1.2) key exchange, ChangeCipherSpec, encrypted Finished. */
    byte[] clientFinished() {
        if (tls13) {
            return new ByteSink().bytes(changeCipherSpec()).bytes(applicationData(53)).toByteArray();
        }
        byte[] keyExchange = new ByteSink().u8(32).bytes(randomBytes(32)).toByteArray();
        return new ByteSink()
                .bytes(record(HANDSHAKE, 0x0303, handshake(CLIENT_KEY_EXCHANGE, keyExchange)))
                .bytes(changeCipherSpec())
                .bytes(record(HANDSHAKE, 0x0303, randomBytes(40)))
                .toByteArray();
    }

    /** (1.2) the server's ChangeCipherSpec and encrypted Finished; nothing for 1.3. */
    byte[] serverFinished() {
        if (tls13) {
            return new byte[0];
        }
        return new ByteSink().bytes(changeCipherSpec()).bytes(record(HANDSHAKE, 0x0303, randomBytes(40))).toByteArray();
    }

    /** One application_data record of {@code length} opaque bytes. */
    byte[] applicationData(int length) {
        return record(APPLICATION_DATA, 0x0303, randomBytes(length));
    }

    private byte[] changeCipherSpec() {
        return record(CHANGE_CIPHER_SPEC, 0x0303, new byte[] {1});
    }

    private static int extension(ByteSink out, int type) {
        out.u16(type);
        return out.openU16();
    }

    private static byte[] handshake(int type, byte[] body) {
        return new ByteSink().u8(type).u24(body.length).bytes(body).toByteArray();
    }

    private static byte[] record(int type, int version, byte[] fragment) {
        return new ByteSink().u8(type).u16(version).u16(fragment.length).bytes(fragment).toByteArray();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
