package org.cleanpath.attribute.names;

import java.util.Optional;

/**
 * The names one flow revealed, under the field names reports use.
 *
 * @param sni TLS server_name of the client's ClientHello over TCP ({@code sni})
 * @param httpHost Host of the first HTTP/1.x request ({@code http_host})
 * @param quicSni server_name of the ClientHello in the QUIC client Initial ({@code quic_sni})
 * @param dnsQuery first name asked in a DNS flow ({@code dns_query})
 */
public record ObservedNames(Optional<String> sni, Optional<String> httpHost, Optional<String> quicSni,
        Optional<String> dnsQuery) {
    public static final ObservedNames NONE = new ObservedNames(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** The name the flow's server is best known by: SNI, QUIC SNI, HTTP Host, then DNS query. */
    public Optional<String> best() {
        return sni.or(() -> quicSni).or(() -> httpHost).or(() -> dnsQuery);
    }
}
