package org.cleanpath.attribute.names;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.GeneralSecurityException;

/**
 * Fuzzes what lies behind QUIC Initial protection: the fuzzer picks the decrypted payload (frames,
 * CRYPTO data, the ClientHello inside), sealed here with the real Initial keys so it authenticates.
 * Random datagrams never get past AES-GCM, so this is the only way to reach the frame walker.
 *
 * <p>In the names package for the test-only sender {@link QuicPackets}.
 */
class QuicPlaintextFuzzTest {
    private static final int[] VERSIONS = {QuicInitial.VERSION_1, QuicInitial.VERSION_2, QuicInitial.DRAFT_29};

    @FuzzTest(maxDuration = "2m")
    void sealedInitial(FuzzedDataProvider in) throws GeneralSecurityException {
        int version = in.pickValue(VERSIONS);
        byte[] dcid = in.consumeBytes(in.consumeInt(0, 20));
        int pn = in.consumeInt();
        byte[] payload = in.consumeRemainingAsBytes();
        if (payload.length > 1100) {
            return; // one datagram; the header's 2-byte length varint holds less than 16 KiB anyway
        }
        byte[] datagram = QuicPackets.clientInitial(version, dcid, pn, payload);
        QuicInitial.clientHello(datagram);
        FlowNames names = new FlowNames(new NameCache());
        FlowNames.State state = new FlowNames.State();
        for (int i = 0; i < 2; i++) {
            names.onPacket(state, FlowNames.UDP, 50000, 443, true, 0, 0,
                    java.nio.ByteBuffer.wrap(datagram), 0, datagram.length, i);
        }
        state.names();
    }
}
