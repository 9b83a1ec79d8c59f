package org.cleanpath.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the status server listens: address, optional bearer token file, optional TLS, and limits.
 * Build with {@link #builder()}; defaults are loopback port 9750, no token, no TLS.
 *
 * @param host             address to bind, {@code 127.0.0.1} by default
 * @param port             port to bind, 0 for an ephemeral one ({@link StatusServer#port()} tells which)
 * @param tokenFile        file whose trimmed content is the bearer token every data endpoint requires; null for none
 * @param tlsCert          PEM certificate chain; with {@code tlsKey} the server speaks HTTPS only
 * @param tlsKey           PEM PKCS#8 private key
 * @param idleTimeout      a connection with no reads or writes for this long is closed
 * @param maxInitialLine   longest request line accepted (longer: 414)
 * @param maxHeaderSize    largest header block accepted (larger: 431)
 * @param maxContentLength largest request body accepted (larger: 413); GET needs none
 * @param maxConnections   connections open at once; more are closed on accept
 * @param staleAfter       {@code /check} answers 500 when the snapshot is older than this: the monitor
 *                         publishes every second, so an old one means it hangs and its verdict is not current
 */
public record ServerConfig(String host, int port, Path tokenFile, Path tlsCert, Path tlsKey,
                           Duration idleTimeout, int maxInitialLine, int maxHeaderSize, int maxContentLength,
                           int maxConnections, Duration staleAfter) {
    public static final int DEFAULT_PORT = 9750;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(staleAfter, "staleAfter");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate and a key");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive");
        }
    }

    public boolean tls() {
        return tlsCert != null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fluent construction with the defaults above. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private Path tokenFile, tlsCert, tlsKey;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private int maxInitialLine = 4096, maxHeaderSize = 8192, maxContentLength = 64 * 1024, maxConnections = 64;
        private Duration staleAfter = Duration.ofSeconds(10);

        private Builder() {}

        public Builder host(String host) { this.host = host; return this; }
        public Builder port(int port) { this.port = port; return this; }
        public Builder tokenFile(Path tokenFile) { this.tokenFile = tokenFile; return this; }
        public Builder tls(Path certPem, Path keyPem) { this.tlsCert = certPem; this.tlsKey = keyPem; return this; }
        public Builder idleTimeout(Duration idleTimeout) { this.idleTimeout = idleTimeout; return this; }
        public Builder maxInitialLine(int n) { this.maxInitialLine = n; return this; }
        public Builder maxHeaderSize(int n) { this.maxHeaderSize = n; return this; }
        public Builder maxContentLength(int n) { this.maxContentLength = n; return this; }
        public Builder maxConnections(int n) { this.maxConnections = n; return this; }
        public Builder staleAfter(Duration staleAfter) { this.staleAfter = staleAfter; return this; }

        public ServerConfig build() {
            return new ServerConfig(host, port, tokenFile, tlsCert, tlsKey, idleTimeout,
                    maxInitialLine, maxHeaderSize, maxContentLength, maxConnections, staleAfter);
        }
    }
}
