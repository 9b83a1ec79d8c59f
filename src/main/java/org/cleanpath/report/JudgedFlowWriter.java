package org.cleanpath.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.cleanpath.policy.FlowJudge.JudgedFlow;
import org.cleanpath.policy.Verdict;

/**
 * One line per judged flow: the flow's fields (as {@code flows} writes them) followed by its
 * verdict and evidence, as JSON lines (Suricata eve.json style) or CSV.
 */
public final class JudgedFlowWriter implements Consumer<JudgedFlow> {
    private static final List<String> VERDICT_COLUMNS = List.of("verdict", "rule", "action", "reason", "element",
            "subject", "matched", "value", "evidence", "names", "next_hop_l2_addr", "next_hop_vendor");

    private static final List<String> CSV_COLUMNS = csvColumns();
    private final Writer out;
    private final boolean csv;
    private boolean headerWritten;

    public JudgedFlowWriter(Writer out, boolean csv) {
        this.out = out;
        this.csv = csv;
    }

    static void writeVerdict(JudgedFlow j, FieldWriter w) {
        Verdict v = j.verdict();
        w.string("verdict", v.status().key());
        w.string("rule", v.ruleId());
        w.string("action", v.action() == null ? null : v.action().key());
        w.string("reason", v.reason());
        w.string("element", v.element() == null ? null : v.element().key());
        w.string("subject", v.subject());
        w.string("matched", v.attribute());
        w.string("value", v.value());
        w.string("evidence", v.element() == null ? null : v.evidence());
        if (!j.names().isEmpty()) {
            w.list("names", j.names());
        }
        w.string("next_hop_l2_addr", j.nextHopMac());
        w.string("next_hop_vendor", j.nextHopEntity() != null ? j.nextHopEntity() + " (" + j.nextHopVendor() + ")"
                : j.nextHopVendor());
    }

    private static FlowFields.Endpoints endpoints(JudgedFlow j) {
        return new FlowFields.Endpoints(j.orig(), j.resp(), j.tunnelOrig(), j.tunnelResp());
    }

    @Override
    public void accept(JudgedFlow j) {
        write(line(j));
    }

    /** The flow's output line; thread-safe, so several threads may format at once. */
    public String line(JudgedFlow j) {
        return csv ? csvLine(j) : jsonLine(j);
    }

    /** Writes a line made by {@link #line}, after the CSV header if it is the first; one thread at a time. */
    public void write(String line) {
        try {
            if (csv && !headerWritten) {
                out.write(String.join(",", CSV_COLUMNS) + "\r\n");
            }
            headerWritten = true;
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> csvColumns() {
        List<String> columns = new ArrayList<>(FlowFields.COLUMNS);
        columns.addAll(VERDICT_COLUMNS);
        return columns;
    }

    /** The flow and its verdict as one JSON object line. */
    public static String jsonLine(JudgedFlow j) {
        return JsonText.line(json -> {
            FlowFields.write(j.flow(), endpoints(j), json);
            writeVerdict(j, json);
        });
    }

    private static String csvLine(JudgedFlow j) {
        StringBuilder sb = new StringBuilder(600);
        List<String> columns = CSV_COLUMNS;
        Map<String, Object> m = FlowFields.map(j.flow(), endpoints(j));
        writeVerdict(j, new MapFieldWriter(m));
        for (int i = 0; i < columns.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(CsvFlowWriter.quote(FlowFields.cell(m.get(columns.get(i)))));
        }
        return sb.append("\r\n").toString();
    }
}
