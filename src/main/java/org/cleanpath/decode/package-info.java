/**
 * Decode stage: captured frames to {@link org.cleanpath.decode.Packet} views, one small decoder per
 * protocol, in the order a frame is peeled.
 *
 * <ul>
 *   <li>Links: {@code PacketDecoder} (dispatch on link type), {@code EthernetDecoder} (Ethernet II,
 *       802.3 LLC/SNAP, the EtherType switch), {@code LinuxSllDecoder}, {@code NullLoopbackDecoder},
 *       {@code PppDecoder}.
 *   <li>L2 shims: {@code VlanDecoder}, {@code MplsDecoder}, {@code PppoeDecoder}.
 *   <li>IP: {@code IpDecoder} (version choice, payload dispatch), {@code Ipv4Decoder},
 *       {@code Ipv6Decoder}.
 *   <li>Transports: {@code TcpDecoder}, {@code UdpDecoder}, {@code SctpDecoder},
 *       {@code IcmpDecoder}.
 *   <li>Tunnels: {@code GreDecoder}, {@code ErspanDecoder}, {@code VxlanDecoder},
 *       {@code GeneveDecoder}, {@code GtpUDecoder}; IP-in-IP in {@code IpDecoder}.
 * </ul>
 *
 * <p>Decoders are static methods over a reused {@code DecodeState}: they read by absolute offset,
 * check every read against the captured end, never throw and allocate nothing per frame.
 */
package org.cleanpath.decode;
