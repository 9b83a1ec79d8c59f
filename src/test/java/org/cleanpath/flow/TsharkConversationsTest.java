package org.cleanpath.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cleanpath.Corpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Acceptance check against Wireshark: for every corpus file tshark reads, our TCP and UDP flows
 * match tshark's conversation tables ({@code -z conv,tcp -z conv,udp}) in number and frames.
 *
 * <p>The mapping between the two (both sides of it are what the tools document):
 * <ul>
 *   <li>A tunnelled frame counts in the outer and the inner conversation in both tools.</li>
 *   <li>Headers quoted inside ICMP errors are no conversation in either tool.</li>
 *   <li>tshark reassembles IP fragments and counts a datagram's transport once (in the frame that
 *       completes it); we count every fragment in the datagram's flow and report the non-first ones
 *       as {@code frag_pkts}, so our frames minus {@code frag_pkts} is tshark's count.</li>
 *   <li>tshark keeps one conversation per address/port pair for the whole file; we split a flow
 *       on idle timeouts and on a SYN reusing a finished TCP connection (as Zeek does), so flows
 *       of one pair are summed before comparing, and their count is compared only where the pair
 *       had no timeout or reuse split.</li>
 * </ul>
 * Differences still allowed are listed in {@link #ALLOWED}, each with its reason.
 */
class TsharkConversationsTest {

    /** file -> why its conversations may differ from tshark's. */
    static final Map<String, String> ALLOWED = Map.of(
            "ndpi/fuzz-2006-06-26-2594.pcap",
            "Wireshark fuzz output: corrupted IP headers (random fragment fields, bad lengths) that tshark"
                    + " rejects as malformed are still counted by us as far as their bytes decode",
            "zeek/gtp1_gn_normal_incl_fragmentation.pcap",
            "4 fragmented outer GTP datagrams lack their last fragment: tshark cannot reassemble them and counts"
                    + " neither the outer UDP nor the inner TCP frame, we count both from the first fragment");

    @TestFactory
    Stream<DynamicTest> flowsAgreeWithTsharkConversations() {
        Corpus.require();
        assumeTrue(Corpus.hasProgram("tshark"), "tshark not installed");
        return Corpus.manifest().stream()
                .filter(Corpus.Entry::tsharkReads)
                .filter(e -> !e.file().endsWith(".snoop"))
                .map(e -> DynamicTest.dynamicTest(e.file(), () -> compare(e)));
    }

    private void compare(Corpus.Entry e) throws Exception {
        Map<String, long[]> theirs = tshark(e);
        Map<String, long[]> ours = ours(e);
        if (ALLOWED.containsKey(e.file())) {
            return;
        }
        assertEquals(describe(theirs), describe(ours), e.file() + ": TCP/UDP conversations differ from tshark's");
    }

    /** key "proto A:pa B:pb" (endpoints sorted) -> {flows, frames}. */
    private static Map<String, long[]> tshark(Corpus.Entry e) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tshark", "-n", "-r", e.path().toString(), "-q", "-z", "conv,tcp", "-z", "conv,udp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor(120, TimeUnit.SECONDS));
        Map<String, long[]> conv = new TreeMap<>();
        String proto = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("TCP Conversations")) {
                proto = "tcp";
            } else if (line.startsWith("UDP Conversations")) {
                proto = "udp";
            }
            String[] t = line.trim().split("\\s+");
            if (proto == null || t.length < 10 || !t[1].equals("<->")) {
                continue;
            }
            long frames = Long.parseLong(t[3].replace(",", "")) + Long.parseLong(t[6].replace(",", ""));
            long[] v = conv.computeIfAbsent(key(proto, t[0], t[2]), k -> new long[2]);
            v[0]++;
            v[1] += frames;
        }
        return conv;
    }

    private static Map<String, long[]> ours(Corpus.Entry e) {
        List<FlowRecord> flows = new ArrayList<>();
        CaptureAnalysis a = new CaptureAnalysis(FlowSettings.defaults(), flows::add, CaptureAnalysis.Progress.NONE);
        a.read(e.path().toString());
        a.finish();
        Map<String, long[]> conv = new TreeMap<>();
        for (FlowRecord r : flows) {
            if (r.protocol() != 6 && r.protocol() != 17 || r.origPackets() + r.respPackets() == r.nonFirstFragments()) {
                // Only later fragments whose first fragment is not in the capture: tshark cannot
                // reassemble them and counts them in no conversation.
                continue;
            }
            String k = key(r.protocolName(), endpoint(r.origHi(), r.origLo(), r.origPort()),
                    endpoint(r.respHi(), r.respLo(), r.respPort()));
            long[] v = conv.computeIfAbsent(k, x -> new long[3]);
            v[0]++;
            v[1] += r.origPackets() + r.respPackets() - r.nonFirstFragments();
            if (r.end() == FlowRecord.End.TIMEOUT || r.end() == FlowRecord.End.REUSED) {
                v[2] = 1;
            }
        }
        // A pair split by our timeouts or port reuse is one tshark conversation.
        conv.values().forEach(v -> {
            if (v[2] == 1) {
                v[0] = 1;
            }
        });
        return conv;
    }

    private static String endpoint(long hi, long lo, int port) {
        return IpText.format(hi, lo) + ":" + port;
    }

    private static String key(String proto, String a, String b) {
        return proto + " " + (a.compareTo(b) <= 0 ? a + " " + b : b + " " + a);
    }

    private static String describe(Map<String, long[]> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k).append(" flows=").append(v[0]).append(" frames=").append(v[1]).append('\n'));
        return sb.toString();
    }
}
