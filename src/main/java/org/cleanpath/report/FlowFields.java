package org.cleanpath.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cleanpath.attribute.Attribution;
import org.cleanpath.flow.FlowRecord;
import org.cleanpath.flow.IpText;

/**
 * The fields of a flow record, named as in Zeek's conn.log where the meaning is the same, written in
 * one place so the JSON, CSV and table outputs agree.
 */
public final class FlowFields {
    private FlowFields() {}

    /** Attributions of a flow's endpoints and tunnel endpoints; any of them may be null. */
    public record Endpoints(Attribution orig, Attribution resp, Attribution tunnelOrig, Attribution tunnelResp) {
        public static final Endpoints NONE = new Endpoints(null, null, null, null);

        /** Looks up both endpoints and, for a tunnelled flow, both outer endpoints. */
        public static Endpoints of(FlowRecord r, org.cleanpath.attribute.Attributor attributor) {
            FlowRecord.Tunnel t = r.tunnel();
            return new Endpoints(attributor.attribute(r.origHi(), r.origLo()), attributor.attribute(r.respHi(), r.respLo()),
                    t == null ? null : attributor.attribute(t.outerOrigHi(), t.outerOrigLo()),
                    t == null ? null : attributor.attribute(t.outerRespHi(), t.outerRespLo()));
        }
    }

    /** Column order for CSV and table output. */
    public static final List<String> COLUMNS = List.of(
            "ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "duration",
            "orig_pkts", "resp_pkts", "orig_ip_bytes", "resp_ip_bytes", "orig_bytes", "resp_bytes",
            "conn_state", "tunnel_parents", "vlan", "inner_vlan", "mpls", "tunnel_type",
            "tunnel_orig_h", "tunnel_resp_h", "tunnel_orig_id", "tunnel_resp_id", "orig_qfi", "resp_qfi",
            "orig_l2_addr", "resp_l2_addr", "orig_tcp_flags", "resp_tcp_flags", "frag_pkts", "end",
            "orig_addr_class", "orig_asn", "orig_as_org", "orig_cc", "orig_reg_cc",
            "resp_addr_class", "resp_asn", "resp_as_org", "resp_cc", "resp_reg_cc",
            "tunnel_orig_asn", "tunnel_orig_as_org", "tunnel_orig_cc", "tunnel_orig_reg_cc",
            "tunnel_resp_asn", "tunnel_resp_as_org", "tunnel_resp_cc", "tunnel_resp_reg_cc");

    public static void write(FlowRecord r, Endpoints a, FieldWriter w) {
        w.seconds("ts", r.firstNanos());
        w.string("uid", r.uid());
        w.string("id.orig_h", IpText.format(r.origHi(), r.origLo()));
        w.number("id.orig_p", r.origPort());
        w.string("id.resp_h", IpText.format(r.respHi(), r.respLo()));
        w.number("id.resp_p", r.respPort());
        w.string("proto", r.protocolName());
        w.seconds("duration", r.lastNanos() - r.firstNanos());
        w.number("orig_pkts", r.origPackets());
        w.number("resp_pkts", r.respPackets());
        w.number("orig_ip_bytes", r.origIpBytes());
        w.number("resp_ip_bytes", r.respIpBytes());
        w.number("orig_bytes", r.origBytes());
        w.number("resp_bytes", r.respBytes());
        w.string("conn_state", r.connState().name());
        FlowRecord.Tunnel t = r.tunnel();
        w.list("tunnel_parents", t == null || t.parentUid() == null ? List.of() : List.of(t.parentUid()));
        if (r.vlan() >= 0) {
            w.number("vlan", r.vlan());
        }
        if (r.innerVlan() >= 0) {
            w.number("inner_vlan", r.innerVlan());
        }
        if (!r.mplsLabels().isEmpty()) {
            w.list("mpls", r.mplsLabels());
        }
        if (t != null) {
            w.string("tunnel_type", t.kind());
            w.string("tunnel_orig_h", IpText.format(t.outerOrigHi(), t.outerOrigLo()));
            w.string("tunnel_resp_h", IpText.format(t.outerRespHi(), t.outerRespLo()));
            optional(w, "tunnel_orig_id", t.origTunnelId());
            optional(w, "tunnel_resp_id", t.respTunnelId());
            optional(w, "orig_qfi", t.origQfi());
            optional(w, "resp_qfi", t.respQfi());
        }
        w.string("orig_l2_addr", mac(r.origMac()));
        w.string("resp_l2_addr", mac(r.respMac()));
        if (r.protocol() == 6) {
            w.string("orig_tcp_flags", tcpFlags(r.origTcpFlags()));
            w.string("resp_tcp_flags", tcpFlags(r.respTcpFlags()));
        }
        if (r.nonFirstFragments() != 0) {
            w.number("frag_pkts", r.nonFirstFragments());
        }
        w.string("end", r.end().key());
        attribution(w, AttributionNames.ORIG, a.orig(), true);
        attribution(w, AttributionNames.RESP, a.resp(), true);
        attribution(w, AttributionNames.TUNNEL_ORIG, a.tunnelOrig(), false);
        attribution(w, AttributionNames.TUNNEL_RESP, a.tunnelResp(), false);
    }

    /** The attribution field names of one endpoint, built once rather than per flow, in column order. */
    private record AttributionNames(String[] names) {
        static final AttributionNames ORIG = of("orig_");
        static final AttributionNames RESP = of("resp_");
        static final AttributionNames TUNNEL_ORIG = of("tunnel_orig_");
        static final AttributionNames TUNNEL_RESP = of("tunnel_resp_");
        static final int ADDRESS_CLASS = 0, ASN = 1, AS_ORG = 2, CC = 3, COLUMNS = 5;

        static AttributionNames of(String prefix) {
            return new AttributionNames(new String[] {prefix + "addr_class", prefix + "asn", prefix + "as_org",
                    prefix + "cc", prefix + "reg_cc"});
        }
    }

    /**
     * An endpoint's columns, written by a loop with one call of each field writer: written out, the
     * five calls (each inlined with its quoting and copying) made this method 16 KB of compiled code,
     * which the JIT built on the core the packet loop shares while a run was under way.
     */
    private static void attribution(FieldWriter w, AttributionNames names, Attribution a, boolean withClass) {
        if (a == null) {
            return;
        }
        for (int column = withClass ? 0 : 1; column < AttributionNames.COLUMNS; column++) {
            if (column == AttributionNames.ASN) {
                if (a.asn() != null) {
                    w.number(names.names()[column], a.asn());
                }
            } else {
                w.string(names.names()[column], switch (column) {
                    case AttributionNames.ADDRESS_CLASS -> a.addressClass().label();
                    case AttributionNames.AS_ORG -> a.asOrg();
                    case AttributionNames.CC -> a.country();
                    default -> a.registeredCountry();
                });
            }
        }
    }

    private static void optional(FieldWriter w, String name, long v) {
        if (v >= 0) {
            w.number(name, v);
        }
    }

    /** The record as ordered name/value pairs (for CSV and table output). */
    public static Map<String, Object> map(FlowRecord r, Endpoints a) {
        Map<String, Object> m = new LinkedHashMap<>();
        write(r, a, new MapFieldWriter(m));
        return m;
    }

    /** Epoch seconds with microsecond precision, as Zeek prints them. */
    public static java.math.BigDecimal seconds(long nanos) {
        return java.math.BigDecimal.valueOf(Math.floorDiv(nanos, 1000L), 6);
    }


    static String mac(long mac) {
        if (mac < 0) {
            return null;
        }
        char[] c = new char[17];
        for (int i = 0; i < 6; i++) {
            int b = (int) (mac >>> (40 - 8 * i)) & 0xff;
            c[i * 3] = JsonText.HEX[b >>> 4];
            c[i * 3 + 1] = JsonText.HEX[b & 0xf];
            if (i < 5) {
                c[i * 3 + 2] = ':';
            }
        }
        return new String(c);
    }

    /** TCP flags as letters in tcpdump's order (S F R P . U E W for SYN FIN RST PSH ACK URG ECE CWR). */
    static String tcpFlags(int f) {
        StringBuilder sb = new StringBuilder(8);
        if ((f & 0x02) != 0) sb.append('S');
        if ((f & 0x01) != 0) sb.append('F');
        if ((f & 0x04) != 0) sb.append('R');
        if ((f & 0x08) != 0) sb.append('P');
        if ((f & 0x10) != 0) sb.append('.');
        if ((f & 0x20) != 0) sb.append('U');
        if ((f & 0x40) != 0) sb.append('E');
        if ((f & 0x80) != 0) sb.append('W');
        return sb.toString();
    }

    /** Flattens a value for CSV/table cells: lists joined with commas. */
    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object o : l) {
                parts.add(String.valueOf(o));
            }
            return String.join(",", parts);
        }
        return v.toString();
    }
}
