package org.cleanpath.generate;

import java.util.List;

/** Typical application exchanges (DNS lookup, HTTPS, HTTP, NTP, ping) built from {@link Flow}s. */
final class Conversations {
    private static final String USER_AGENT = "curl/7.88.1";

    private final Trace trace;
    /** Round trip for the flows started here; 0 lets each flow draw its own. */
    private final double rttMillis;

    Conversations(Trace trace) {
        this(trace, 0);
    }

    private Conversations(Trace trace, double rttMillis) {
        this.trace = trace;
        this.rttMillis = rttMillis;
    }

    /** The same, for servers {@code millis} away (round trip) from the capture point. */
    Conversations withRtt(double millis) {
        return new Conversations(trace, millis);
    }

    /** A recursive lookup of {@code name} at {@code resolver} and its answer. */
    Flow dns(Carrier carrier, String client, String resolver, double at, String name, int type,
            List<Dns.Answer> answers) {
        int id = trace.random().nextInt(0x10000);
        return start(carrier, client, trace.ephemeralPort(), resolver, Dns.PORT, at)
                .udp(true, Dns.query(id, name, type))
                .udp(false, Dns.response(id, name, type, answers));
    }

    /**
     * What a browser does for https://{@code name}/: looks the name up at {@code resolver} (A or AAAA
     * by the address family of the last answer), then connects to that last answer's address.
     */
    Flow browse(Carrier carrier, String client, String resolver, double at, String name, List<Dns.Answer> answers,
            boolean tls13, int responseBytes) {
        Dns.Answer address = answers.get(answers.size() - 1);
        dns(carrier, client, resolver, at, name, address.type(), answers);
        return https(carrier, client, address.data(), at + 0.1, name, tls13, responseBytes);
    }

    /**
     * An HTTPS connection: handshake, ClientHello with {@code serverName} (none when null, as clients
     * do when they connect to an address), server hello, a request and a response of about
     * {@code responseBytes}, then an orderly close.
     */
    Flow https(Carrier carrier, String client, String server, double at, String serverName, boolean tls13,
            int responseBytes) {
        Tls tls = new Tls(trace.random(), tls13);
        Flow flow = start(carrier, client, trace.ephemeralPort(), server, Tls.PORT, at).tcpHandshake();
        flow.tcpSend(true, serverName == null ? tls.clientHelloWithoutName() : tls.clientHello(serverName));
        flow.tcpSend(false, tls.serverHello());
        flow.tcpSend(true, concat(tls.clientFinished(), tls.applicationData(380 + trace.random().nextInt(200))));
        flow.tcpSend(false, concat(tls.serverFinished(), tls.applicationData(responseBytes)));
        return flow.tcpClose();
    }

    /** A plain-HTTP GET with a Host header and a short text response. */
    Flow http(Carrier carrier, String client, String server, double at, String host, String path, String body) {
        return start(carrier, client, trace.ephemeralPort(), server, Http.PORT, at)
                .tcpHandshake()
                .tcpSend(true, Http.get(host, path, USER_AGENT))
                .tcpSend(false, Http.ok("text/plain", body))
                .tcpClose();
    }

    /** One NTP poll (client port 123, as ntpd and chrony use by default). */
    Flow ntp(Carrier carrier, String client, String server, double at) {
        Flow flow = start(carrier, client, Ntp.PORT, server, Ntp.PORT, at);
        long sent = trace.at(at);
        flow.udp(true, Ntp.request(sent));
        return flow.udp(false, Ntp.reply(sent, sent + 900_000L, sent + 950_000L, "192.0.2.123"));
    }

    /** {@code count} ICMP or ICMPv6 echo requests and replies. */
    Flow ping(Carrier carrier, String client, String server, double at, int count) {
        return start(carrier, client, 1 + trace.random().nextInt(0xfffe), server, 0, at).echo(count);
    }

    private Flow start(Carrier carrier, String client, int clientPort, String server, int serverPort, double at) {
        Flow flow = trace.flow(carrier, client, clientPort, server, serverPort, at);
        return rttMillis > 0 ? flow.rtt(rttMillis) : flow;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return new ByteSink().bytes(a).bytes(b).toByteArray();
    }
}
