package org.cleanpath.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cleanpath.capture.CaptureFiles;
import org.cleanpath.capture.CaptureReader;
import org.cleanpath.capture.CaptureWriter;
import org.cleanpath.capture.Frame;
import org.cleanpath.capture.PcapWriter;
import org.cleanpath.decode.IpLayer;
import org.cleanpath.decode.Outcome;
import org.cleanpath.decode.Packet;
import org.cleanpath.decode.PacketDecoder;
import org.cleanpath.flow.FlowRecord;
import org.cleanpath.flow.IpText;

/**
 * Writes the packets of dirty flows to a pcap, so an analyst can open exactly the evidence in
 * Wireshark. A flow's verdict is known only when it ends, so this is a second pass over the inputs:
 * a packet is evidence when one of its IP layers has the 5-tuple of a dirty flow within that flow's
 * time span.
 */
public final class EvidenceWriter {
    private record Span(long first, long last) {}

    private final Map<String, List<Span>> dirty = new HashMap<>();

    public void addDirty(FlowRecord r) {
        dirty.computeIfAbsent(key(r.protocol(), r.origHi(), r.origLo(), r.origPort(), r.respHi(), r.respLo(), r.respPort()),
                k -> new ArrayList<>()).add(new Span(r.firstNanos(), r.lastNanos()));
    }

    public int flows() {
        return dirty.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Re-reads the inputs and writes the matching frames; returns how many were written. Frames of a
     * link type other than the first one written are counted in {@code skipped[0]}.
     */
    public long write(List<String> inputs, Path out, long[] skipped) throws IOException {
        PacketDecoder decoder = new PacketDecoder();
        Packet p = new Packet();
        Frame f = new Frame();
        CaptureWriter writer = null;
        int linkType = -1;
        long written = 0;
        try {
            for (String input : inputs) {
                if (input.equals("-")) {
                    continue; // standard input cannot be read twice
                }
                try (CaptureReader reader = CaptureFiles.open(input)) {
                    while (true) {
                        try {
                            if (!reader.next(f)) {
                                break;
                            }
                        } catch (IOException damaged) {
                            break; // the first pass reported the damage
                        }
                        if (decoder.decode(f, p) != Outcome.DECODED || !matches(p, f.timestampNanos)) {
                            continue;
                        }
                        if (writer == null) {
                            linkType = f.linkType;
                            writer = PcapWriter.create(out, linkType, 262144, true);
                        }
                        if (f.linkType != linkType) {
                            skipped[0]++;
                            continue;
                        }
                        writer.write(f);
                        written++;
                    }
                } catch (IOException unreadable) {
                    // reported by the first pass
                }
            }
            if (writer == null) {
                writer = PcapWriter.create(out, 1, 262144, true); // an empty, valid pcap
            }
            writer.close();
            writer = null;
        } finally {
            if (writer != null) {
                writer.abort();
            }
        }
        return written;
    }

    private boolean matches(Packet p, long ts) {
        for (int i = 0; i < p.ipCount; i++) {
            IpLayer l = p.ip[i];
            int sp = l.icmpType >= 0 ? l.icmpType : l.srcPort;
            int dp = l.dstPort;
            List<Span> spans = dirty.get(key(l.protocol, l.srcHi, l.srcLo, sp, l.dstHi, l.dstLo, dp));
            if (spans == null) {
                // The other direction (ICMP keys are already direction-free).
                spans = dirty.get(key(l.protocol, l.dstHi, l.dstLo, dp, l.srcHi, l.srcLo, sp));
            }
            if (spans != null) {
                for (Span s : spans) {
                    if (ts >= s.first && ts <= s.last) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** ICMP flows are keyed by host pair only: any ICMP between the two hosts of a dirty ICMP flow counts. */
    private static String key(int proto, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        if (proto == 1 || proto == 58) {
            String a = IpText.format(aHi, aLo), b = IpText.format(bHi, bLo);
            return proto + " icmp " + (a.compareTo(b) <= 0 ? a + " " + b : b + " " + a);
        }
        return proto + " " + IpText.format(aHi, aLo) + " " + aPort + " " + IpText.format(bHi, bLo) + " " + bPort;
    }
}
