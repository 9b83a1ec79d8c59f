package org.cleanpath.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cleanpath.flow.FlowRecord;
import org.cleanpath.flow.IpText;

/**
 * The columns of a flow record, named as in Zeek's conn.log where the meaning is the same, in one
 * place so the JSON, CSV and table writers agree.
 */
public final class FlowFields {
    private FlowFields() {}

    /** Column order for CSV and table output. */
    public static final List<String> COLUMNS = List.of(
            "ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "duration",
            "orig_pkts", "resp_pkts", "orig_ip_bytes", "resp_ip_bytes", "orig_bytes", "resp_bytes",
            "conn_state", "tunnel_parents", "vlan", "inner_vlan", "mpls", "tunnel_type",
            "tunnel_orig_h", "tunnel_resp_h", "tunnel_orig_id", "tunnel_resp_id", "orig_qfi", "resp_qfi",
            "orig_l2_addr", "resp_l2_addr", "orig_tcp_flags", "resp_tcp_flags", "frag_pkts", "end");

    /** The record as ordered name/value pairs; absent optional values are omitted (null). */
    public static Map<String, Object> of(FlowRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", seconds(r.firstNanos()));
        m.put("uid", r.uid());
        m.put("id.orig_h", IpText.format(r.origHi(), r.origLo()));
        m.put("id.orig_p", r.origPort());
        m.put("id.resp_h", IpText.format(r.respHi(), r.respLo()));
        m.put("id.resp_p", r.respPort());
        m.put("proto", r.protocolName());
        m.put("duration", seconds(r.lastNanos() - r.firstNanos()));
        m.put("orig_pkts", r.origPackets());
        m.put("resp_pkts", r.respPackets());
        m.put("orig_ip_bytes", r.origIpBytes());
        m.put("resp_ip_bytes", r.respIpBytes());
        m.put("orig_bytes", r.origBytes());
        m.put("resp_bytes", r.respBytes());
        m.put("conn_state", r.connState().name());
        FlowRecord.Tunnel t = r.tunnel();
        m.put("tunnel_parents", t == null || t.parentUid() == null ? List.of() : List.of(t.parentUid()));
        m.put("vlan", r.vlan() < 0 ? null : r.vlan());
        m.put("inner_vlan", r.innerVlan() < 0 ? null : r.innerVlan());
        m.put("mpls", r.mplsLabels().isEmpty() ? null : r.mplsLabels());
        if (t != null) {
            m.put("tunnel_type", t.kind());
            m.put("tunnel_orig_h", IpText.format(t.outerOrigHi(), t.outerOrigLo()));
            m.put("tunnel_resp_h", IpText.format(t.outerRespHi(), t.outerRespLo()));
            m.put("tunnel_orig_id", t.origTunnelId() < 0 ? null : t.origTunnelId());
            m.put("tunnel_resp_id", t.respTunnelId() < 0 ? null : t.respTunnelId());
            m.put("orig_qfi", t.origQfi() < 0 ? null : t.origQfi());
            m.put("resp_qfi", t.respQfi() < 0 ? null : t.respQfi());
        }
        m.put("orig_l2_addr", mac(r.origMac()));
        m.put("resp_l2_addr", mac(r.respMac()));
        if (r.protocol() == 6) {
            m.put("orig_tcp_flags", tcpFlags(r.origTcpFlags()));
            m.put("resp_tcp_flags", tcpFlags(r.respTcpFlags()));
        }
        m.put("frag_pkts", r.nonFirstFragments() == 0 ? null : r.nonFirstFragments());
        m.put("end", r.end().name().toLowerCase(Locale.ROOT));
        m.values().removeIf(v -> v == null);
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
        return String.format("%02x:%02x:%02x:%02x:%02x:%02x", (mac >>> 40) & 0xff, (mac >>> 32) & 0xff,
                (mac >>> 24) & 0xff, (mac >>> 16) & 0xff, (mac >>> 8) & 0xff, mac & 0xff);
    }

    /** TCP flags as letters in tcpdump's order (S F R P . U E C for SYN FIN RST PSH ACK URG ECE CWR). */
    static String tcpFlags(int f) {
        StringBuilder sb = new StringBuilder();
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
