package org.cleanpath.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a PEM certificate and key, as an operator configures it. */
class StatusServerTlsTest {
    @TempDir
    static Path tmp;
    static Path certPem, keyPem;
    static Certificate cert;

    /** A self-signed certificate for 127.0.0.1 made with the JDK's keytool, written out as PEM files. */
    @BeforeAll
    static void makeCertificate() throws Exception {
        Path p12 = tmp.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "status", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(p12.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        cert = ks.getCertificate("status");
        certPem = tmp.resolve("cert.pem");
        keyPem = tmp.resolve("key.pem");
        Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
        // PKCS#12 keys come out as PKCS#8, the form SslContextBuilder.forServer(cert, key) reads
        Files.writeString(keyPem, pem("PRIVATE KEY", ks.getKey("status", "changeit".toCharArray()).getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static HttpClient trusting(Certificate c) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("status", c);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void tls_servesHttpsWithThePemPair() throws Exception {
        Path token = tmp.resolve("token");
        Files.writeString(token, "tls-token");
        ServerConfig config = ServerConfig.builder().port(0).tls(certPem, keyPem).tokenFile(token).build();
        try (StatusServer server = StatusServer.start(config, Snapshots::clean, new Metrics(),
                Clock.fixed(Snapshots.NOW, ZoneOffset.UTC))) {
            HttpClient client = trusting(cert);
            URI check = URI.create("https://127.0.0.1:" + server.port() + "/check");
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(check).header("Authorization", "Bearer tls-token").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertTrue(ok.body().contains("\"result\":\"pass\""), ok.body());
            assertEquals(401, client.send(HttpRequest.newBuilder(check).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void tls_clientNotTrustingTheCertificate_failsTheHandshake() throws Exception {
        ServerConfig config = ServerConfig.builder().port(0).tls(certPem, keyPem).build();
        try (StatusServer server = StatusServer.start(config, Snapshots::clean, new Metrics())) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI uri = URI.create("https://127.0.0.1:" + server.port() + "/healthz");
            assertThrows(SSLHandshakeException.class,
                    () -> client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void tls_plainHttpIsNotAnswered() throws Exception {
        ServerConfig config = ServerConfig.builder().port(0).tls(certPem, keyPem).build();
        try (StatusServer server = StatusServer.start(config, Snapshots::clean, new Metrics())) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/healthz");
            assertThrows(IOException.class,
                    () -> client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void config_needsBothCertificateAndKey() {
        assertThrows(IllegalArgumentException.class, () -> ServerConfig.builder().tls(certPem, null).build());
    }
}
