package org.cleanpath.generate;

import java.util.List;

/**
 * A private 5G site seen at its next-hop router: N3 GTP-U from two gNBs to the UPF (VLAN 120), N6 UE
 * traffic (VLAN 160), a home-routed roaming tunnel (VLAN 170) and the router's LLDP. The
 * {@link Remotes} decide whether the remote ends, the router and the roaming partner are covered
 * entities ("dirty") or not ("clean"); everything else is the same in both.
 */
final class FiveGIngressScenario implements Scenario {

    /** What differs between the dirty and the clean variant. */
    record Remotes(
            String name,
            long seed,
            String routerMac,
            String routerDescription,
            String pingTarget,
            String ipLiteralHttpServer,
            String ntpServer,
            String noSniTlsServer,
            String ipv6Resolver,
            String vendorName,
            String vendorAlias,
            String vendorEdge,
            String vendorAddress,
            String roamingPeer,
            double remoteRttMillis) {}

    /** Covered remote ends (ASNs of China Telecom, China Unicom, China Mobile, Alibaba), a Huawei router. */
    static final Remotes DIRTY = new Remotes(
            "5g-ingress-dirty",
            0x5eed_0002L,
            "00:e0:fc:5a:31:07",
            "Huawei Versatile Routing Platform Software\r\n"
                    + "VRP (R) software, Version 8.180 (NE40E V800R011C00SPC200)\r\n"
                    + "Copyright (C) 2012-2018 Huawei Technologies Co., Ltd.\r\n"
                    + "HUAWEI NE40E-X8A",
            "202.97.33.6",
            "211.136.17.107",
            "219.158.3.10",
            "118.31.180.41",
            "2400:3200::1",
            "www.huawei.com",
            "www.huawei.com.edgekey.net",
            "e12001.dscb.akamaiedge.net",
            "23.215.0.136",
            "183.232.231.172",
            210);

    /** The same shape with clean remote ends, a Juniper router and a European roaming partner. */
    static final Remotes CLEAN = new Remotes(
            "5g-ingress-clean",
            0x5eed_0003L,
            "2c:6b:f5:4e:10:07",
            "Juniper Networks, Inc. mx204 internet router, kernel JUNOS 22.4R3-S2.11, "
                    + "Build date: 2024-03-19 14:02:54 UTC Copyright (c) 1996-2024 Juniper Networks, Inc.",
            "9.9.9.9",
            "185.199.108.153",
            "162.159.200.123",
            "104.16.132.229",
            "2606:4700:4700::1111",
            "www.ericsson.com",
            "www.ericsson.com.edgekey.net",
            "e12002.dscb.akamaiedge.net",
            "23.215.0.136",
            "80.156.86.1",
            18);

    private static final String GNB1 = "10.20.1.11";
    private static final String GNB2 = "10.20.1.12";
    private static final String UPF_N3 = "10.20.0.1";
    private static final String GOOGLE_DNS = "8.8.8.8";

    private final Remotes remotes;

    FiveGIngressScenario(Remotes remotes) {
        this.remotes = remotes;
    }

    @Override
    public String name() {
        return remotes.name();
    }

    @Override
    public List<TimedFrame> frames() {
        Trace trace = new Trace(remotes.seed(), START);
        Conversations c = new Conversations(trace);
        long router = Packets.mac(remotes.routerMac());
        Link n3gnb1 = new Link(Packets.mac("02:cf:00:20:01:11"), router, List.of(Vlan.dot1q(120)));
        Link n3gnb2 = new Link(Packets.mac("02:cf:00:20:01:12"), router, List.of(Vlan.dot1q(120)));
        Link n6 = new Link(Packets.mac("02:cf:00:20:06:01"), router, List.of(Vlan.dot1q(160)));
        Link n9 = new Link(Packets.mac("02:cf:00:20:09:01"), router, List.of(Vlan.dot1q(170)));

        for (double at : new double[] {0.05, 30.05}) {
            lldp(trace, at, router);
        }

        // N3: UE traffic in GTP-U, one PDU session (TEID pair) per UE.
        GtpTunnel ueA = new GtpTunnel(n3gnb1, GNB1, UPF_N3, 0x0001_0a01L, 0x0081_0a01L, 9);
        GtpTunnel ueB = new GtpTunnel(n3gnb1, GNB1, UPF_N3, 0x0001_0a02L, 0x0081_0a02L, 9);
        GtpTunnel ueC = new GtpTunnel(n3gnb2, GNB2, UPF_N3, 0x0002_0b01L, 0x0082_0b01L, 9);
        GtpTunnel ueD = new GtpTunnel(n3gnb2, GNB2, UPF_N3, 0x0002_0b02L, 0x0082_0b02L, 6);
        String a = "10.45.1.10";
        String b = "10.45.1.11";
        String cc = "10.45.2.20";
        String d = "10.45.2.21";
        String v6 = "2001:db8:45:2::20";

        c.browse(ueA, a, GOOGLE_DNS, 0.20, "www.google.com", List.of(
                Dns.Answer.address("www.google.com", 300, "142.250.185.68")), true, 4200);
        Conversations remote = c.withRtt(remotes.remoteRttMillis());
        remote.ping(ueA.withQfi(1), a, remotes.pingTarget(), 1.00, 3);

        c.browse(ueB, b, GOOGLE_DNS, 2.00, remotes.vendorName(), List.of(
                Dns.Answer.cname(remotes.vendorName(), 600, remotes.vendorAlias()),
                Dns.Answer.cname(remotes.vendorAlias(), 60, remotes.vendorEdge()),
                Dns.Answer.address(remotes.vendorEdge(), 20, remotes.vendorAddress())), true, 6400);
        remote.ntp(ueB.withQfi(5), b, remotes.ntpServer(), 3.00);

        remote.https(ueC, cc, remotes.noSniTlsServer(), 4.00, null, false, 900);
        c.browse(ueC, cc, GOOGLE_DNS, 5.00, "github.com", List.of(
                Dns.Answer.address("github.com", 60, "140.82.121.4")), false, 2400);

        remote.dns(ueD, v6, remotes.ipv6Resolver(), 6.00, "www.wikipedia.org", Dns.AAAA, List.of(
                Dns.Answer.cname("www.wikipedia.org", 3600, "dyna.wikimedia.org"),
                Dns.Answer.address("dyna.wikimedia.org", 600, "2a02:ec80:300:ed1a::1")));
        c.https(ueD, v6, "2a02:ec80:300:ed1a::1", 6.20, "www.wikipedia.org", true, 3000);
        c.ping(ueD.withQfi(1), v6, "2001:4860:4860::8888", 7.00, 2);
        c.dns(ueD, d, GOOGLE_DNS, 8.00, "deb.debian.org", Dns.A, List.of(
                Dns.Answer.cname("deb.debian.org", 3600, "debian.map.fastly.net"),
                Dns.Answer.address("debian.map.fastly.net", 30, "151.101.2.132")));
        c.http(ueD, d, "151.101.2.132", 8.10, "deb.debian.org", "/debian/README",
                "See https://www.debian.org/distrib/ftplist for the mirror list.\n");

        // N6: UE pool routed without NAT towards the Internet.
        String e = "10.45.3.30";
        String e6 = "2001:db8:45:3::30";
        remote.http(n6, e, remotes.ipLiteralHttpServer(), 9.00, remotes.ipLiteralHttpServer(), "/api/v1/report",
                "{\"status\":\"ok\"}\n");
        c.browse(n6, e, "1.1.1.1", 10.00, "www.cloudflare.com", List.of(
                Dns.Answer.address("www.cloudflare.com", 300, "104.16.124.96")), true, 2800);
        c.ping(n6, e, "1.1.1.1", 11.00, 2);
        c.browse(n6, e6, "2001:4860:4860::8888", 13.00, "www.google.com", List.of(
                Dns.Answer.address("www.google.com", 300, "2a00:1450:4001:82b::2004")), true, 3300);
        c.browse(n6, e6, "2001:4860:4860::8888", 14.00, "www.python.org", List.of(
                Dns.Answer.cname("www.python.org", 3600, "dualstack.python.map.fastly.net"),
                Dns.Answer.address("dualstack.python.map.fastly.net", 30, "2a04:4e42::223")), true, 2700);

        // N9: a roaming UE's traffic home-routed to its home network's UPF, itself clean inside.
        GtpTunnel roaming = new GtpTunnel(n9, UPF_N3, remotes.roamingPeer(), 0x00a0_0001L, 0x00b0_0001L, 9);
        c.withRtt(remotes.remoteRttMillis() + 20).browse(roaming, "10.45.200.7", GOOGLE_DNS, 12.00,
                "www.google.com", List.of(Dns.Answer.address("www.google.com", 300, "142.250.185.68")), true, 3600);
        return trace.frames();
    }

    private void lldp(Trace trace, double at, long router) {
        byte[] pdu = Lldp.pdu(router, "GigabitEthernet0/3/0", "to-5g-core-switch", "n6-edge-r1",
                remotes.routerDescription(), Packets.address("10.20.255.1"), 7);
        trace.add(trace.at(at), Packets.ethernet(Lldp.MULTICAST, router, List.of(), Packets.ETHERTYPE_LLDP, pdu));
    }
}

