package org.cleanpath.capture.live;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.cleanpath.capture.CaptureFiles;
import org.cleanpath.capture.CaptureReader;
import org.cleanpath.capture.Frame;
import org.cleanpath.generate.Samples;

/** Test helper: generated sample captures, and frames read back as comparable values. */
final class TestCaptures {
    /** 226 Ethernet frames over 7.9 s: VLAN-tagged IPv4/IPv6, 91 of them GTP-U (UDP 2152) in VLAN 100. */
    static final String SCENARIO = "vlan-gtp-ipv6";

    private TestCaptures() {}

    /** Writes the scenario as classic pcap to {@code target}. */
    static Path write(Path target) throws IOException {
        Samples.write(SCENARIO, Samples.Format.PCAP, target);
        return target;
    }

    /** A frame's bytes as hex, so frames compare by content. */
    static String hex(Frame frame) {
        byte[] bytes = new byte[frame.capturedLength];
        frame.buffer.get(frame.offset, bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The frames of a capture file, each as hex. */
    static List<String> frames(Path file) throws IOException {
        List<String> frames = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(file.toString())) {
            Frame frame = new Frame();
            while (reader.next(frame)) {
                frames.add(hex(frame));
            }
        }
        return frames;
    }
}
