package org.cleanpath.attribute.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cleanpath.Corpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Acceptance check against Wireshark: for every frame of the corpus files with LLDP or CDP, the
 * neighbour we parse from the frame bytes has the fields tshark dissects, and frames tshark sees as
 * anything else give no neighbour. Frame bytes come from tshark's hex dump, so the check needs no
 * capture reader. CDP inside GRE (various_gre.pcap frames 49 and 63) is the GRE decoder's to hand
 * over and is checked in {@link CdpTest}.
 */
class TsharkNeighborsTest {
    private static final List<String> FILES = List.of("tcpdump/LLDP_and_CDP.pcap", "tcpdump/various_gre.pcap");
    private static final String AGGREGATOR = "\u0001";
    private static final List<String> FIELDS = List.of("frame.number", "frame.protocols", "lldp.chassis.id.mac", "lldp.port.id",
            "lldp.tlv.system.name", "lldp.tlv.system.desc", "cdp.deviceid", "cdp.portid", "cdp.platform", "cdp.software_version");

    @TestFactory
    Stream<DynamicTest> neighboursAgreeWithTshark() {
        Path corpus = Corpus.require();
        assumeTrue(Corpus.hasProgram("tshark"), "tshark not installed");
        return FILES.stream().map(f -> DynamicTest.dynamicTest(f, () -> compare(corpus.resolve(f))));
    }

    private static void compare(Path file) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=" + AGGREGATOR));
        FIELDS.forEach(f -> args.addAll(List.of("-e", f)));
        List<String> rows = run(args).lines().toList();
        List<byte[]> frames = hexDump(run(List.of("tshark", "-n", "-r", file.toString(), "-x")));
        assertEquals(rows.size(), frames.size(), "frames in the field export and in the hex dump");
        int neighbours = 0;
        for (String row : rows) {
            String[] f = row.split("\t", -1);
            int number = Integer.parseInt(f[0]);
            byte[] frame = frames.get(number - 1);
            Optional<Neighbor> ours = NeighborFrames.parse(ByteBuffer.wrap(frame), 0, frame.length);
            String where = file.getFileName() + " frame " + number + " (" + f[1] + ")";
            if (f[1].equals("eth:ethertype:lldp")) {
                Neighbor n = ours.orElseThrow(() -> new AssertionError(where + ": no neighbour parsed"));
                assertEquals(f[2], n.chassisId(), where + " chassis id");
                assertEquals(f[3], n.portId(), where + " port id");
                assertEquals(f[4], n.systemName(), where + " system name");
                assertEquals(unescape(f[5]), n.systemDescription(), where + " system description");
                neighbours++;
            } else if (f[1].equals("eth:llc:cdp")) {
                Neighbor n = ours.orElseThrow(() -> new AssertionError(where + ": no neighbour parsed"));
                assertEquals(f[6], n.chassisId(), where + " device id");
                assertEquals(f[7], n.portId(), where + " port id");
                assertEquals(f[8], n.platform(), where + " platform");
                assertEquals(unescape(f[9]).replace(AGGREGATOR, "\n"), n.softwareVersion(), where + " software version");
                neighbours++;
            } else {
                assertEquals(Optional.empty(), ours, where + ": tshark sees no LLDP/CDP at layer 2");
            }
        }
        assertTrue(neighbours > 0, file + ": no LLDP/CDP frames found");
    }

    /** tshark's field export writes a line break inside a string as {@code \n}. */
    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t").replace("\\\\", "\\");
    }

    /** Frames of {@code tshark -x}: rows {@code 0000  01 00 0c ...}, a new frame at offset 0000. */
    private static List<byte[]> hexDump(String text) {
        List<byte[]> frames = new ArrayList<>();
        StringBuilder hex = null;
        for (String line : text.split("\n")) {
            if (!line.matches("^[0-9a-f]{4,}  .*")) {
                continue;
            }
            int gap = line.indexOf("  ");
            if (Integer.parseInt(line.substring(0, gap), 16) == 0) {
                if (hex != null) {
                    frames.add(HexFormat.of().parseHex(hex));
                }
                hex = new StringBuilder();
            }
            hex.append(line.substring(gap + 2, Math.min(line.length(), gap + 2 + 48)).replace(" ", ""));
        }
        if (hex != null) {
            frames.add(HexFormat.of().parseHex(hex));
        }
        return frames;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "tshark failed on " + command);
        return out;
    }
}
