package org.cleanpath.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.function.Function;
import org.cleanpath.flow.FlowRecord;

/** One JSON object per line (like Zeek's JSON logs and Suricata's eve.json). */
final class JsonLinesFlowWriter extends FlowWriter {
    static final JsonFactory JSON = new JsonFactory();

    JsonLinesFlowWriter(Writer out, Function<FlowRecord, FlowFields.Endpoints> attribution) {
        super(out, attribution);
    }

    @Override
    protected String format(FlowRecord r, FlowFields.Endpoints endpoints) {
        return JsonText.line(json -> FlowFields.write(r, endpoints, json));
    }

    /** Serialises a map (values: strings, numbers, lists, maps) as one JSON line, for summaries and reports. */
    static String line(Map<String, Object> fields) {
        StringWriter sw = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(sw)) {
            writeValue(g, fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sw.write('\n');
        return sw.toString();
    }

    static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof java.math.BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof Integer n) {
            g.writeNumber(n);
        } else if (v instanceof Double n) {
            g.writeNumber(n);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Iterable<?> it) {
            g.writeStartArray();
            for (Object o : it) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(String.valueOf(v));
        }
    }
}
