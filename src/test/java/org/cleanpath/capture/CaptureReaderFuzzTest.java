package org.cleanpath.capture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Fuzzes the pcap and pcapng readers through the stream entry point: whatever the bytes, a reader
 * ends cleanly or with a {@link CaptureException}, and every frame lies inside its buffer.
 * In a plain build these run over the seeds in {@code CaptureReaderFuzzTestInputs/}; see FUZZING.md.
 *
 * <p>Lives in the capture package for the package-private stream entry, which needs no temp file.
 */
public class CaptureReaderFuzzTest {
    private static final int[] PCAP_MAGICS = {0xA1B2C3D4, 0xA1B23C4D, 0xD4C3B2A1, 0x4D3CB2A1};

    /** The bytes after a pcap magic the fuzzer picks; the rest is header and records as given. */
    @FuzzTest(maxDuration = "2m")
    public void pcap(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        byte[] bytes = new byte[data.length + 3];
        ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).putInt(0, PCAP_MAGICS[data[0] & 3]);
        System.arraycopy(data, 1, bytes, 4, data.length - 1);
        readAll(bytes);
    }

    /** The bytes after a pcapng section header block type. */
    @FuzzTest(maxDuration = "2m")
    public void pcapng(byte[] data) throws IOException {
        byte[] bytes = new byte[data.length + 4];
        ByteBuffer.wrap(bytes).putInt(0, PcapngReader.SECTION_HEADER);
        System.arraycopy(data, 0, bytes, 4, data.length);
        readAll(bytes);
    }

    /** Reads every frame of {@code bytes}; the only exception allowed out is {@link CaptureException}. */
    static int readAll(byte[] bytes) throws IOException {
        Frame frame = new Frame();
        int frames = 0;
        try (CaptureReader reader = CaptureFiles.open("fuzz", new ByteArrayInputStream(bytes), 64)) {
            while (reader.next(frame)) {
                frames++;
                assertTrue(frame.capturedLength >= 0 && frame.offset >= 0
                        && frame.offset + frame.capturedLength <= frame.buffer.limit(), "frame inside its buffer");
                assertTrue(frames <= bytes.length, "more frames than bytes: the reader does not advance");
            }
        } catch (CaptureException expected) {
            // damage reported as damage
        }
        return frames;
    }
}
