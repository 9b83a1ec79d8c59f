package org.cleanpath.robustness;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cleanpath.Corpus;
import org.cleanpath.capture.CaptureReaderFuzzTest;
import org.junit.jupiter.api.Test;

/**
 * The fuzz targets' regression run over seeds cut from real captures at test time: the project's
 * own {@code captures/} always, the third-party corpus when it is present. Jazzer's own regression
 * mode covers the small committed seeds; this covers everything the captures hold.
 */
class CorpusSeedsTest {

    static List<Path> sources() throws IOException {
        List<Path> files = new ArrayList<>(Seeds.captures(Path.of("captures")));
        files.addAll(Seeds.captures(Corpus.dir()));
        return files;
    }

    @Test
    void everyTargetHandlesEverySeedFromTheCaptures() throws Exception {
        Map<String, List<byte[]>> seeds = Seeds.from(sources());
        assertFalse(seeds.isEmpty(), "the project's captures give seeds");
        CaptureReaderFuzzTest capture = new CaptureReaderFuzzTest();
        DecoderFuzzTest decoder = new DecoderFuzzTest();
        NameParsersFuzzTest names = new NameParsersFuzzTest();
        NeighborFuzzTest neighbors = new NeighborFuzzTest();
        for (Map.Entry<String, List<byte[]>> e : seeds.entrySet()) {
            for (byte[] seed : e.getValue()) {
                switch (e.getKey()) {
                    case Seeds.PCAP -> capture.pcap(seed);
                    case Seeds.PCAPNG -> capture.pcapng(seed);
                    case Seeds.DECODE -> decoder.decode(seed);
                    case Seeds.DNS -> names.dns(seed);
                    case Seeds.TLS -> names.tlsClientHello(seed);
                    case Seeds.HTTP -> names.httpHost(seed);
                    case Seeds.QUIC -> names.quicInitial(seed);
                    case Seeds.NEIGHBOR -> neighbors.neighborFrame(seed);
                    case Seeds.LLDP_CDP -> neighbors.lldpAndCdp(seed);
                    default -> throw new AssertionError("no target " + e.getKey());
                }
            }
        }
    }

    @Test
    void thePolicyParserHandlesTheShippedPolicyCutAnywhere() throws IOException {
        Path policy = Path.of("geodb/trust/clean-network.yaml");
        if (!Files.exists(policy)) {
            return;
        }
        byte[] bytes = Files.readAllBytes(policy);
        PolicyParserFuzzTest parser = new PolicyParserFuzzTest();
        for (int cut = 0; cut <= bytes.length; cut += 97) {
            parser.parse(java.util.Arrays.copyOf(bytes, cut));
        }
        parser.parse(bytes);
    }
}
