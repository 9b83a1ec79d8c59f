package org.cleanpath.flow;

/** Per-flow tunnel and label facts, allocated once per tunnelled or labelled flow (never per packet). */
final class TunnelState {
    String kind;
    long parentSeq = -1;
    long outerOrigHi, outerOrigLo, outerRespHi, outerRespLo;
    long origTunnelId = -1, respTunnelId = -1;
    int origQfi = -1, respQfi = -1;
    int[] mplsLabels;

    FlowRecord.Tunnel toRecord() {
        return new FlowRecord.Tunnel(kind, parentSeq < 0 ? null : Uids.of(parentSeq),
                outerOrigHi, outerOrigLo, outerRespHi, outerRespLo, origTunnelId, respTunnelId, origQfi, respQfi);
    }
}
