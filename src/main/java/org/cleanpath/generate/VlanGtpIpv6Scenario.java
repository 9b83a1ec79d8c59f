package org.cleanpath.generate;

import java.util.List;

/**
 * Decoder showcase: 802.1Q and QinQ tagged IPv4, GTP-U tunnels (two gNB-UPF pairs) with IPv4 and
 * IPv6 UE traffic and QFIs, native IPv6, ICMP/ICMPv6 echo and DNS. Only clean remote ends.
 */
final class VlanGtpIpv6Scenario implements Scenario {
    private static final long SEED = 0x5eed_0001L;

    private static final long ROUTER = Packets.mac("02:cf:00:00:00:01");
    private static final Link OFFICE = new Link(Packets.mac("02:cf:00:10:01:21"), ROUTER, List.of(Vlan.dot1q(100)));
    private static final Link CARRIER_LAN =
            new Link(Packets.mac("02:cf:00:30:00:15"), ROUTER, List.of(Vlan.service(200), Vlan.dot1q(30)));
    private static final Link NATIVE_V6 = new Link(Packets.mac("02:cf:00:60:00:21"), ROUTER, List.of());
    private static final Link N3_GNB1 = new Link(Packets.mac("02:cf:00:20:01:11"), ROUTER, List.of(Vlan.dot1q(120)));
    private static final Link N3_GNB2 = new Link(Packets.mac("02:cf:00:20:01:12"), ROUTER, List.of(Vlan.dot1q(121)));

    @Override
    public String name() {
        return "vlan-gtp-ipv6";
    }

    @Override
    public List<TimedFrame> frames() {
        Trace trace = new Trace(SEED, START);
        Conversations c = new Conversations(trace);

        String office = "10.10.100.21";
        c.browse(OFFICE, office, "9.9.9.9", 0.10, "www.wikipedia.org", List.of(
                Dns.Answer.cname("www.wikipedia.org", 3600, "dyna.wikimedia.org"),
                Dns.Answer.address("dyna.wikimedia.org", 600, "185.15.59.224")), true, 1600);
        c.dns(OFFICE, office, "9.9.9.9", 1.00, "deb.debian.org", Dns.A, List.of(
                Dns.Answer.cname("deb.debian.org", 3600, "debian.map.fastly.net"),
                Dns.Answer.address("debian.map.fastly.net", 30, "151.101.2.132"),
                Dns.Answer.address("debian.map.fastly.net", 30, "151.101.66.132")));
        c.http(OFFICE, office, "151.101.2.132", 1.10, "deb.debian.org", "/debian/README",
                "See https://www.debian.org/distrib/ftplist for the mirror list.\n");
        c.ntp(OFFICE, office, "162.159.200.123", 2.00);
        c.ping(OFFICE, office, "9.9.9.9", 2.50, 3);
        c.browse(OFFICE, office, "9.9.9.9", 4.00, "www.google.com", List.of(
                Dns.Answer.address("www.google.com", 300, "142.250.185.68")), true, 1900);

        String customer = "10.30.0.15";
        c.browse(CARRIER_LAN, customer, "1.1.1.1", 0.40, "github.com", List.of(
                Dns.Answer.address("github.com", 60, "140.82.121.4")), false, 1400);
        c.dns(CARRIER_LAN, customer, "1.1.1.1", 3.00, "www.cloudflare.com", Dns.AAAA, List.of(
                Dns.Answer.address("www.cloudflare.com", 300, "2606:4700::6810:7b60")));
        trace.flow(CARRIER_LAN, customer, trace.ephemeralPort(), "10.30.0.1", 8080, 3.50).tcpRefused();
        c.browse(CARRIER_LAN, customer, "1.1.1.1", 4.50, "www.cloudflare.com", List.of(
                Dns.Answer.address("www.cloudflare.com", 300, "104.16.124.96")), true, 1300);

        GtpTunnel ueA = new GtpTunnel(N3_GNB1, "10.20.1.11", "10.20.0.1", 0x0000_1a01L, 0x8000_1a01L, 9);
        GtpTunnel ueB = new GtpTunnel(N3_GNB1, "10.20.1.11", "10.20.0.1", 0x0000_1a02L, 0x8000_1a02L, 9);
        GtpTunnel ueC = new GtpTunnel(N3_GNB2, "10.20.1.12", "10.20.0.2", 0x0000_2b01L, 0x8000_2b01L, 9);
        GtpTunnel ueD = new GtpTunnel(N3_GNB2, "10.20.1.12", "10.20.0.2", 0x0000_2b02L, 0x8000_2b02L, 8);
        c.browse(ueA, "10.45.1.10", "8.8.8.8", 0.30, "www.google.com", List.of(
                Dns.Answer.address("www.google.com", 300, "142.250.185.68")), true, 2200);
        c.ping(ueA.withQfi(1), "10.45.1.10", "1.1.1.1", 4.00, 2);
        c.ntp(ueB.withQfi(5), "10.45.1.11", "162.159.200.1", 1.50);
        c.http(ueB, "10.45.1.11", "151.101.66.132", 1.80, "deb.debian.org", "/debian/project/trace/master",
                "Date: Mon Jan  5 08:52:01 UTC 2026\n");
        c.browse(ueB, "10.45.1.11", "8.8.8.8", 3.00, "www.wikipedia.org", List.of(
                Dns.Answer.cname("www.wikipedia.org", 3600, "dyna.wikimedia.org"),
                Dns.Answer.address("dyna.wikimedia.org", 600, "185.15.59.224")), true, 1700);
        String ueV6 = "2001:db8:45:1::10";
        c.browse(ueC, ueV6, "2001:4860:4860::8888", 0.60, "www.youtube.com", List.of(
                Dns.Answer.cname("www.youtube.com", 300, "youtube-ui.l.google.com"),
                Dns.Answer.address("youtube-ui.l.google.com", 300, "2a00:1450:4001:82b::200e")), true, 1500);
        c.ping(ueC.withQfi(1), ueV6, "2001:4860:4860::8888", 5.00, 2);
        c.browse(ueD, "10.45.2.20", "8.8.8.8", 2.20, "github.com", List.of(
                Dns.Answer.address("github.com", 60, "140.82.121.4")), true, 1100);

        String lanV6 = "2001:db8:10::21";
        c.browse(NATIVE_V6, lanV6, "2606:4700:4700::1111", 0.80, "www.python.org", List.of(
                Dns.Answer.cname("www.python.org", 3600, "dualstack.python.map.fastly.net"),
                Dns.Answer.address("dualstack.python.map.fastly.net", 30, "2a04:4e42::223")), true, 1500);
        c.ntp(NATIVE_V6, lanV6, "2606:4700:f1::123", 3.20);
        c.ping(NATIVE_V6, lanV6, "2606:4700:4700::1111", 6.00, 3);
        c.https(NATIVE_V6, lanV6, "2a00:1450:4001:82b::2004", 7.00, "www.google.com", true, 1200);
        return trace.frames();
    }
}
