package org.cleanpath.decode;

/** How far a frame decoded; every frame read lands in exactly one of these for the accounting. */
public enum Outcome {
    /** At least one IP layer decoded. */
    DECODED,
    /** A well-formed frame that carries no IP (ARP, LLDP, CDP, STP ...), counted by EtherType. */
    NON_IP,
    /** The frame could not be decoded to an IP layer; {@link Packet#reason} says why. */
    UNDECODABLE
}
