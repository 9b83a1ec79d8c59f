package org.cleanpath.generate;

/** How the IP packets of a flow reach the capture point: an Ethernet hop, or a GTP-U tunnel over one. */
sealed interface Carrier permits Link, GtpTunnel {

    /** The frame that carries {@code ip} from the host side ({@code outbound}) or towards it. */
    byte[] frame(Trace trace, boolean outbound, byte[] ip);
}
