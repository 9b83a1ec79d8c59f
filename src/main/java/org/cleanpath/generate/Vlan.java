package org.cleanpath.generate;

/** One VLAN tag: 0x8100 for 802.1Q (C-tag), 0x88a8 for an 802.1ad service tag (QinQ outer tag). */
record Vlan(int tpid, int vid, int priority) {
    static final int C_TAG = 0x8100;
    static final int S_TAG = 0x88a8;

    static Vlan dot1q(int vid) {
        return new Vlan(C_TAG, vid, 0);
    }

    static Vlan service(int vid) {
        return new Vlan(S_TAG, vid, 0);
    }
}
