package org.cleanpath.report;

import java.io.Writer;
import java.util.Map;
import org.cleanpath.flow.FlowRecord;

/** RFC 4180 CSV with a header line; lists are comma-joined inside a quoted cell. */
final class CsvFlowWriter extends FlowWriter {
    CsvFlowWriter(Writer out, java.util.function.Function<FlowRecord, FlowFields.Endpoints> attribution) {
        super(out, attribution);
    }

    @Override
    protected String format(FlowRecord r, FlowFields.Endpoints endpoints) {
        StringBuilder sb = new StringBuilder(256);
        Map<String, Object> m = FlowFields.map(r, endpoints);
        for (int i = 0; i < FlowFields.COLUMNS.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(FlowFields.cell(m.get(FlowFields.COLUMNS.get(i)))));
        }
        return sb.append("\r\n").toString();
    }

    @Override
    protected String header() {
        return String.join(",", FlowFields.COLUMNS) + "\r\n";
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
