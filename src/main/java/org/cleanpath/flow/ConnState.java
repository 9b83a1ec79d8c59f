package org.cleanpath.flow;

/**
 * Zeek's conn_state values, derived from what each side of a connection sent.
 *
 * <p>The names and meanings follow Zeek's conn.log so analysts can grep for them unchanged.
 */
public enum ConnState {
    /** Connection attempt seen, no reply. */
    S0,
    /** Established, not terminated. */
    S1,
    /** Normal establishment and termination (for UDP/ICMP: both sides sent). */
    SF,
    /** Connection attempt rejected. */
    REJ,
    /** Established, originator closed, no reply. */
    S2,
    /** Established, responder closed, no reply. */
    S3,
    /** Established, originator aborted (RST). */
    RSTO,
    /** Responder sent a RST. */
    RSTR,
    /** Originator sent a SYN then a RST, no SYN-ACK seen. */
    RSTOS0,
    /** Responder sent a SYN-ACK then a RST, no SYN from the originator seen. */
    RSTRH,
    /** Originator sent a SYN then a FIN, no SYN-ACK seen. */
    SH,
    /** Responder sent a SYN-ACK then a FIN, no SYN seen. */
    SHR,
    /** No SYN seen, just midstream traffic. */
    OTH;

    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, ACK = 0x10;

    /** TCP state from the flags each side sent (OR of all its packets' flags, plus SYN without ACK). */
    static ConnState ofTcp(int origFlags, int respFlags, boolean origPureSyn, boolean respSynAck) {
        boolean origRst = (origFlags & RST) != 0, respRst = (respFlags & RST) != 0;
        boolean origFin = (origFlags & FIN) != 0, respFin = (respFlags & FIN) != 0;
        if (!origPureSyn && !respSynAck) {
            return OTH;
        }
        if (origRst) {
            if (origPureSyn && !respSynAck) {
                return RSTOS0;
            }
            return respSynAck && !origPureSyn ? RSTRH : RSTO;
        }
        if (respRst) {
            if (origPureSyn && !respSynAck) {
                return REJ;
            }
            return respSynAck && !origPureSyn ? RSTRH : RSTR;
        }
        if (!respSynAck) {
            return origFin ? SH : S0;
        }
        if (!origPureSyn) {
            return respFin ? SHR : OTH;
        }
        if (origFin && respFin) {
            return SF;
        }
        if (origFin) {
            return S2;
        }
        return respFin ? S3 : S1;
    }

    /** Connectionless protocols: Zeek reports S0 without a reply and SF with one. */
    static ConnState ofConnectionless(long respPackets) {
        return respPackets == 0 ? S0 : SF;
    }
}
