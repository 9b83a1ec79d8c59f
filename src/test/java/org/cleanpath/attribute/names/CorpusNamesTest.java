package org.cleanpath.attribute.names;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.cleanpath.Corpus;
import org.cleanpath.attribute.names.TsharkPackets.Pkt;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Acceptance check against Wireshark on the corpus: the names tshark decodes from a capture are the
 * names {@link FlowNames} extracts when fed its packets flow by flow (packets exported by tshark,
 * see {@link TsharkPackets}). Skips without the corpus or tshark.
 */
class CorpusNamesTest {
    /** tshark exports by file, shared by the tests of this class (tshark is the slow part). */
    private static final Map<String, TsharkPackets.Export> EXPORTS = new ConcurrentHashMap<>();

    /** Runs every TCP/UDP packet of the file through one FlowNames in capture order; the first packet's sender originates a flow. */
    private static Map<String, FlowNames.State> run(String file, FlowNames names) {
        Map<String, FlowNames.State> states = new LinkedHashMap<>();
        Map<String, String> originator = new HashMap<>();
        for (Pkt p : EXPORTS.computeIfAbsent(file, TsharkPackets::export).packets()) {
            String from = p.src() + "/" + p.srcPort();
            String to = p.dst() + "/" + p.dstPort();
            String key = p.protocol() + " " + (from.compareTo(to) < 0 ? from + " " + to : to + " " + from);
            FlowNames.State s = states.computeIfAbsent(key, k -> new FlowNames.State());
            boolean fromOriginator = originator.computeIfAbsent(key, k -> from).equals(from);
            names.onPacket(s, p.protocol(), p.srcPort(), p.dstPort(), fromOriginator, p.seq(), p.flags(), ByteBuffer.wrap(p.payload()), 0,
                    p.payload().length, p.timeNanos());
        }
        return states;
    }

    private static Set<String> diff(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static Set<String> printable(Set<String> names) {
        Set<String> out = new TreeSet<>(names);
        out.removeIf(n -> !n.matches("[!-\\[\\]-~]+") || n.equals(".")); // tshark skips some root questions of malformed packets
        return out;
    }

    private static Set<String> collect(Map<String, FlowNames.State> states, Function<ObservedNames, Optional<String>> field) {
        Set<String> out = new TreeSet<>();
        states.values().forEach(s -> field.apply(s.names()).ifPresent(out::add));
        return out;
    }

    @Test
    void tlsServerName_ofClientHelloSplitOverSegments_isWwwGoogleCom() {
        String file = "suricata-verify/tls/tls-client-hello-frag-01/dump_mtu300.pcap";
        Set<String> ours = collect(run(file, new FlowNames(new NameCache())), ObservedNames::sni);
        assertEquals(Set.of("www.google.com"), ours);
    }

    @Test
    void quicServerNames_ofKnownCaptures() {
        assertEquals(Set.of("localhost"), collect(run("tcpdump/quic_handshake.pcap", new FlowNames(new NameCache())), ObservedNames::quicSni));
        assertEquals(Set.of("api.cirrus-ci.com"),
                collect(run("zeek/chromium-115.0.5790.110-api-cirrus-com.pcap", new FlowNames(new NameCache())), ObservedNames::quicSni));
    }

    /** Corpus files tshark reads whose manifest says they carry names (TLS, QUIC, HTTP or DNS). */
    private static Stream<Corpus.Entry> namedFiles() {
        return Corpus.manifest().stream()
                .filter(Corpus.Entry::tsharkReads)
                .filter(e -> e.covers().toLowerCase().matches(".*(tls|sni|quic|http|dns).*"));
    }

    /** The files the brief names, whatever the manifest says of them. */
    private static final Set<String> REQUIRED = Set.of("pcapplusplus/tls1_3.pcap",
            "suricata-verify/tls/tls-client-hello-frag-01/dump_mtu300.pcap", "zeek/tls-conn-with-extensions.pcap", "pcapplusplus/tls2.pcap",
            "tcpdump/quic_handshake.pcap", "zeek/chromium-115.0.5790.110-api-cirrus-com.pcap", "zeek/wikipedia.pcap",
            "pcapplusplus/nanosecs_big_endian.pcap", "ndpi/1kxun.pcap");

    @TestFactory
    Stream<DynamicTest> flowNames_matchTsharkFields() {
        Set<String> files = new TreeSet<>(REQUIRED);
        namedFiles().forEach(e -> files.add(e.file()));
        return files.stream().map(file -> DynamicTest.dynamicTest(file, () -> {
            Map<String, FlowNames.State> states = run(file, new FlowNames(new NameCache()));
            TsharkPackets.Export tshark = EXPORTS.get(file);
            assertAll(file,
                    () -> assertEquals(tshark.tlsSni(), collect(states, ObservedNames::sni), "sni"),
                    () -> assertEquals(tshark.quicSni(), collect(states, ObservedNames::quicSni), "quic_sni"),
                    () -> assertEquals(tshark.httpHosts(), collect(states, ObservedNames::httpHost), "http_host"),
                    // A flow reports its first question; tshark lists every question of every DNS packet. Names
                    // with bytes outside printable ASCII are left out: tshark and dig (as we do) write them differently.
                    () -> assertTrue(tshark.dnsQueries().containsAll(printable(collect(states, ObservedNames::dnsQuery))),
                            () -> "dns_query: " + diff(printable(collect(states, ObservedNames::dnsQuery)), tshark.dnsQueries())));
        }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zeek/wikipedia.pcap", "pcapplusplus/DnsPackets.pcap", "ndpi/1kxun.pcap", "ndpi/vxlan.pcap",
            "zeek/pcapng-multi-interface.pcapng"})
    void dnsAnswers_matchTsharkAnswerSections(String file) throws Exception {
        JsonNode frames = new ObjectMapper().readTree(TsharkPackets.json(file, "dns && (udp.port == 53 || udp.port == 5353) && !icmp", "frame udp dns"));
        int compared = 0;
        for (JsonNode f : frames) {
            JsonNode layers = f.path("_source").path("layers");
            byte[] payload = TsharkPackets.hex(layers.path("udp").path("udp.payload").asText());
            String frame = layers.path("frame").path("frame.number").asText();
            Set<String> theirs = new TreeSet<>();
            layers.path("dns").path("Answers").forEach(a -> {
                String text = answerText(a.path("dns.resp.name").asText(), a.path("dns.resp.ttl").asText(), a.path("dns.a").asText(null),
                        a.path("dns.aaaa").asText(null), a.path("dns.cname").asText(null));
                if (text != null) {
                    theirs.add(text);
                }
            });
            DnsMessage m = DnsMessages.parse(payload).orElseThrow();
            Set<String> ours = new TreeSet<>();
            for (DnsMessage.Answer a : m.answers()) {
                if (a instanceof DnsMessage.AddressAnswer aa) {
                    ours.add(answerText(aa.name(), Long.toString(aa.ttl()), aa.isV4() ? aa.address() : null, aa.isV4() ? null : aa.address(), null));
                } else if (a instanceof DnsMessage.CnameAnswer c) {
                    ours.add(answerText(c.name(), Long.toString(c.ttl()), null, null, c.canonical()));
                }
            }
            assertEquals(theirs, ours, file + " frame " + frame);
            compared++;
        }
        assertTrue(compared > 0, "no DNS frames in " + file);
    }

    private static String answerText(String name, String ttl, String a, String aaaa, String cname) {
        if (a != null) {
            return name.toLowerCase() + " A " + a + " " + ttl;
        }
        if (aaaa != null) {
            return name.toLowerCase() + " AAAA " + aaaa + " " + ttl;
        }
        if (cname != null) {
            return name.toLowerCase() + " CNAME " + cname.toLowerCase() + " " + ttl;
        }
        return null;
    }

    @Test
    void nameCache_afterWikipediaCapture_knowsTheCnameChainOfUploadServer() {
        NameCache cache = new NameCache();
        run("zeek/wikipedia.pcap", new FlowNames(cache));
        // Frame 21: upload.wikimedia.org CNAME upload.pmtpa.wikimedia.org A 208.80.152.3 (TTL 2156 s).
        List<String> names = cache.namesFor(0, 0x0000_ffff_0000_0000L | 0xd0_50_98_03L);
        assertEquals(List.of("upload.wikimedia.org", "upload.pmtpa.wikimedia.org"), new ArrayList<>(names));
    }
}
