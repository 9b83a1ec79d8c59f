package org.cleanpath.robustness;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.cleanpath.attribute.vendor.Cdp;
import org.cleanpath.attribute.vendor.Lldp;
import org.cleanpath.attribute.vendor.Mac;
import org.cleanpath.attribute.vendor.NeighborFrames;
import org.cleanpath.attribute.vendor.OuiFormatException;
import org.cleanpath.attribute.vendor.OuiRegistry;

/**
 * Fuzzes the neighbour parsers (LLDP, CDP, and the frame-level dispatch in {@link NeighborFrames}),
 * which never throw, and the OUI registry loader, which may only throw {@link OuiFormatException}.
 */
class NeighborFuzzTest {

    /** Whole Ethernet frames, as the flow stage hands NON_IP frames over. */
    @FuzzTest(maxDuration = "2m")
    void neighborFrame(byte[] data) {
        ByteBuffer buf = NameParsersFuzzTest.inside(data);
        NeighborFrames.parse(buf, 3, data.length);
        NeighborFrames.parse(buf, 3, data.length + 5); // a length past the buffer's end
    }

    /** Bytes after the EtherType (LLDP) or after the SNAP header (CDP). */
    @FuzzTest(maxDuration = "2m")
    void lldpAndCdp(byte[] data) {
        ByteBuffer buf = NameParsersFuzzTest.inside(data);
        Lldp.parse(buf, 3, data.length, 0x0000_0c12_3456L);
        Lldp.parse(buf, 3, data.length, Mac.NONE);
        Cdp.parse(buf, 3, data.length, 0x0000_0c12_3456L);
        Cdp.parse(buf, 3, data.length, Mac.NONE);
    }

    @FuzzTest(maxDuration = "2m")
    void ouiRegistry(byte[] data) throws IOException {
        try {
            OuiRegistry registry = OuiRegistry.load(new ByteArrayInputStream(data), "fuzz.csv");
            registry.lookup(0x0000_0c12_3456L);
        } catch (OuiFormatException expected) {
            // a malformed registry file, named as such
        }
    }
}
