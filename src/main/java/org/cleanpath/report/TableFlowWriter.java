package org.cleanpath.report;

import java.io.Writer;
import java.util.Map;
import org.cleanpath.flow.FlowRecord;

/** A fixed-width table for people: the columns an analyst scans first. */
final class TableFlowWriter extends FlowWriter {
    private static final String ROW = "%-17s %-5s %-41s %-41s %-5s %9s %9s %12s %12s %s%n";

    TableFlowWriter(Writer out, java.util.function.Function<FlowRecord, FlowFields.Endpoints> attribution) {
        super(out, attribution);
    }

    @Override
    protected String format(FlowRecord r, FlowFields.Endpoints endpoints) {
        StringBuilder sb = new StringBuilder(200);
        Map<String, Object> m = FlowFields.map(r, endpoints);
        String tunnel = "";
        if (m.containsKey("tunnel_type")) {
            tunnel = m.get("tunnel_type") + " " + m.get("tunnel_orig_h") + "->" + m.get("tunnel_resp_h")
                    + (m.containsKey("tunnel_orig_id") ? " id " + m.get("tunnel_orig_id") : "")
                    + (m.containsKey("orig_qfi") ? " qfi " + m.get("orig_qfi") : "");
        }
        if (m.containsKey("vlan")) {
            tunnel += (tunnel.isEmpty() ? "" : " ") + "vlan " + m.get("vlan")
                    + (m.containsKey("inner_vlan") ? "/" + m.get("inner_vlan") : "");
        }
        sb.append(String.format(ROW, m.get("ts"), m.get("proto"),
                endpoint((String) m.get("id.orig_h"), r.origPort()), endpoint((String) m.get("id.resp_h"), r.respPort()),
                m.get("conn_state"), r.origPackets(), r.respPackets(), r.origBytes(), r.respBytes(), tunnel));
        return sb.toString();
    }

    @Override
    protected String header() {
        return String.format(ROW, "ts", "proto", "orig", "resp", "state", "orig_pkts", "resp_pkts",
                "orig_bytes", "resp_bytes", "tunnel/vlan");
    }

    private static String endpoint(String host, int port) {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
