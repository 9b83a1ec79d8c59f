package org.cleanpath.capture;

/** LINKTYPE_* values (tcpdump.org/linktypes.html) that the decoders understand. */
public final class LinkType {
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int PPP = 9;
    /** BSD's value for raw IP (DLT_RAW on some BSDs), seen in real pcapng files. */
    public static final int RAW_BSD = 12;
    public static final int RAW_BSD_ALT = 14;
    public static final int RAW = 101;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;
    /** Ethernet from a switch port with a Broadcom tag (4 bytes) between the source MAC and the EtherType. */
    public static final int DSA_TAG_BRCM = 281;
    /** Ethernet from a switch port with a Broadcom tag (4 bytes) before the destination MAC. */
    public static final int DSA_TAG_BRCM_PREPEND = 282;

    private LinkType() {}
}
