package org.cleanpath.robustness;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cleanpath.attribute.names.HttpHost;
import org.cleanpath.attribute.names.QuicInitial;
import org.cleanpath.attribute.vendor.Lldp;
import org.cleanpath.attribute.vendor.NeighborFrames;
import org.cleanpath.capture.CaptureException;
import org.cleanpath.capture.CaptureFiles;
import org.cleanpath.capture.CaptureReader;
import org.cleanpath.capture.Frame;
import org.cleanpath.capture.LinkType;
import org.cleanpath.decode.IpLayer;
import org.cleanpath.decode.Outcome;
import org.cleanpath.decode.Packet;
import org.cleanpath.decode.PacketDecoder;

/**
 * Fuzz seeds cut from real captures: file heads for the readers, frames for the decoder, payloads
 * for the name parsers, neighbour frames. Used by {@link CorpusSeedsTest} in every build and, via
 * {@link #main}, to fill Jazzer's generated-corpus directories before a campaign (FUZZING.md), so
 * third-party captures are never copied into the repository.
 */
public final class Seeds {
    /** How many seeds one capture may give one target. */
    private static final int PER_FILE = 12;
    private static final int HEAD_BYTES = 6144;

    /** Target names as {@code Class/method}, the layout of Jazzer's corpus directories. */
    public static final String PCAP = "org.cleanpath.capture.CaptureReaderFuzzTest/pcap";
    public static final String PCAPNG = "org.cleanpath.capture.CaptureReaderFuzzTest/pcapng";
    public static final String DECODE = "org.cleanpath.robustness.DecoderFuzzTest/decode";
    public static final String DNS = "org.cleanpath.robustness.NameParsersFuzzTest/dns";
    public static final String TLS = "org.cleanpath.robustness.NameParsersFuzzTest/tlsClientHello";
    public static final String HTTP = "org.cleanpath.robustness.NameParsersFuzzTest/httpHost";
    public static final String QUIC = "org.cleanpath.robustness.NameParsersFuzzTest/quicInitial";
    public static final String NEIGHBOR = "org.cleanpath.robustness.NeighborFuzzTest/neighborFrame";
    public static final String LLDP_CDP = "org.cleanpath.robustness.NeighborFuzzTest/lldpAndCdp";

    private Seeds() {}

    /** Capture files (pcap, pcapng, cap ...) under {@code dir}, sorted; empty when it is absent. */
    public static List<Path> captures(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches(".*\\.(pcap|pcapng|cap|snoop|gz)$"))
                    .sorted().toList();
        }
    }

    /** Seeds by target from {@code files}. */
    public static Map<String, List<byte[]>> from(List<Path> files) throws IOException {
        Map<String, List<byte[]>> out = new LinkedHashMap<>();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            head(bytes, out);
            frames(f, out);
        }
        return out;
    }

    private static void head(byte[] bytes, Map<String, List<byte[]>> out) {
        if (bytes.length < 4) {
            return;
        }
        int magic = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).getInt(0);
        int cut = Math.min(bytes.length, HEAD_BYTES);
        if (magic == 0x0A0D0D0A) {
            add(out, PCAPNG, Arrays.copyOfRange(bytes, 4, cut));
            return;
        }
        int index = switch (magic) {
            case 0xA1B2C3D4 -> 0;
            case 0xA1B23C4D -> 1;
            case 0xD4C3B2A1 -> 2;
            case 0x4D3CB2A1 -> 3;
            default -> -1;
        };
        if (index >= 0) {
            byte[] seed = new byte[cut - 3];
            seed[0] = (byte) index;
            System.arraycopy(bytes, 4, seed, 1, cut - 4);
            add(out, PCAP, seed);
        }
    }

    private static void frames(Path f, Map<String, List<byte[]>> out) throws IOException {
        PacketDecoder decoder = new PacketDecoder();
        Packet p = new Packet();
        Frame frame = new Frame();
        Map<String, Integer> taken = new LinkedHashMap<>();
        try (CaptureReader reader = CaptureFiles.open(f.toString())) {
            int n = 0;
            while (reader.next(frame) && n++ < 20_000) {
                Outcome outcome = decoder.decode(frame, p);
                int linkIndex = indexOf(DecoderFuzzTest.LINK_TYPES, frame.linkType);
                if (linkIndex >= 0 && n % 7 == 1 && bump(taken, DECODE)) {
                    byte[] seed = new byte[frame.capturedLength + 1];
                    seed[0] = (byte) (linkIndex | (frame.isTruncated() ? 0x80 : 0));
                    frame.buffer.get(frame.offset, seed, 1, frame.capturedLength);
                    add(out, DECODE, seed);
                }
                if (outcome == Outcome.NON_IP && frame.linkType == LinkType.ETHERNET
                        && NeighborFrames.mayCarryNeighbor(p.etherType) && bump(taken, NEIGHBOR)) {
                    add(out, NEIGHBOR, slice(frame.buffer, frame.offset, frame.capturedLength));
                    if (p.etherType == Lldp.ETHERTYPE && frame.capturedLength > 14) {
                        add(out, LLDP_CDP, slice(frame.buffer, frame.offset + 14, frame.capturedLength - 14));
                    }
                }
                IpLayer ip = p.innermost();
                if (outcome != Outcome.DECODED || ip == null || !ip.hasTransport || ip.capturedPayloadLength <= 0) {
                    continue;
                }
                byte[] payload = slice(p.buffer, ip.payloadOffset, ip.capturedPayloadLength);
                boolean dns = ip.srcPort == 53 || ip.dstPort == 53 || ip.srcPort == 5353 || ip.dstPort == 5353;
                String target = null;
                if (dns) {
                    target = DNS;
                } else if (ip.protocol == 6 && payload[0] == 0x16) {
                    target = TLS;
                } else if (ip.protocol == 6 && HttpHost.isRequest(ByteBuffer.wrap(payload), 0, payload.length)) {
                    target = HTTP;
                } else if (ip.protocol == 17 && QuicInitial.looksLikeInitial(ByteBuffer.wrap(payload), 0, payload.length)) {
                    target = QUIC;
                }
                if (target != null && bump(taken, target)) {
                    add(out, target, payload);
                }
            }
        } catch (CaptureException damaged) {
            // the corpus holds damaged files on purpose: the frames before the damage still count
        }
    }

    private static boolean bump(Map<String, Integer> taken, String target) {
        return taken.merge(target, 1, Integer::sum) <= PER_FILE;
    }

    private static int indexOf(int[] values, int v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] slice(ByteBuffer b, int offset, int length) {
        byte[] out = new byte[length];
        b.get(offset, out);
        return out;
    }

    private static void add(Map<String, List<byte[]>> out, String target, byte[] seed) {
        out.computeIfAbsent(target, k -> new ArrayList<>()).add(seed);
    }

    /**
     * Writes seeds from the captures under each argument directory into Jazzer's generated-corpus
     * layout under {@code .cifuzz-corpus/} (ignored by git), for a campaign to start from.
     */
    public static void main(String[] args) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            files.addAll(captures(Path.of(a)));
        }
        Path root = Path.of(".cifuzz-corpus");
        int written = 0;
        for (Map.Entry<String, List<byte[]>> e : from(files).entrySet()) {
            Path dir = root.resolve(e.getKey());
            Files.createDirectories(dir);
            int i = 0;
            for (byte[] seed : e.getValue()) {
                Files.write(dir.resolve(String.format("seed-%04d", i++)), seed);
                written++;
            }
        }
        System.out.println(written + " seeds from " + files.size() + " captures under " + root);
    }
}
