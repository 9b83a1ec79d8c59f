package org.cleanpath.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cleanpath.Corpus;
import org.cleanpath.capture.CaptureFiles;
import org.cleanpath.capture.CaptureReader;
import org.cleanpath.capture.Frame;
import org.cleanpath.flow.IpText;
import org.junit.jupiter.api.Test;

/**
 * tcpdump/brcm-tag.pcap (LINKTYPE_DSA_TAG_BRCM, which tshark 4.0 refuses): every frame decodes, to
 * the addresses tcpdump prints for it.
 */
class BroadcomTagCorpusTest {
    private static final Pattern TCPDUMP_IPV4 =
            Pattern.compile(" IP (\\d+\\.\\d+\\.\\d+\\.\\d+)(?:\\.\\d+)? > (\\d+\\.\\d+\\.\\d+\\.\\d+)(?:\\.\\d+)?:");

    @Test
    void everyFrameDecodes_toTheAddressesTcpdumpShows() throws Exception {
        Path file = Corpus.require().resolve("tcpdump/brcm-tag.pcap");
        assumeTrue(Files.isRegularFile(file), "no " + file);
        List<String> ours = new ArrayList<>();
        int frames = 0, arp = 0;
        try (CaptureReader reader = CaptureFiles.open(file.toString())) {
            Frame frame = new Frame();
            Packet p = new Packet();
            PacketDecoder decoder = new PacketDecoder();
            while (reader.next(frame)) {
                frames++;
                if (decoder.decode(frame, p) == Outcome.NON_IP) {
                    assertEquals(0x0806, p.etherType, "frame " + frames); // the file's ARP exchange
                    arp++;
                    continue;
                }
                assertEquals(Outcome.DECODED, p.outcome, "frame " + frames);
                IpLayer ip = p.ip[0];
                ours.add(IpText.format(ip.srcHi, ip.srcLo) + " > " + IpText.format(ip.dstHi, ip.dstLo));
            }
        }
        assertEquals(23, frames);
        assertEquals(23, ours.size() + arp, "every frame is IP or ARP");

        assumeTrue(Corpus.hasProgram("tcpdump"), "tcpdump not installed");
        Process tcpdump = new ProcessBuilder("tcpdump", "-nn", "-r", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(tcpdump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(tcpdump.waitFor(60, TimeUnit.SECONDS));
        List<String> theirs = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = TCPDUMP_IPV4.matcher(line);
            if (m.find()) {
                theirs.add(m.group(1) + " > " + m.group(2));
            }
        }
        assertEquals(theirs, ours);
    }
}
