package org.cleanpath.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.function.Consumer;
import org.cleanpath.flow.FlowRecord;

/** Writes flow records in one of the output formats, one complete line per record. */
public abstract class FlowWriter implements Consumer<FlowRecord> {
    protected final Writer out;

    protected FlowWriter(Writer out) {
        this.out = out;
    }

    public enum Format { JSONL, CSV, TABLE }

    public static FlowWriter create(Format format, Writer out) {
        return switch (format) {
            case JSONL -> new JsonLinesFlowWriter(out);
            case CSV -> new CsvFlowWriter(out);
            case TABLE -> new TableFlowWriter(out);
        };
    }

    public static Format parseFormat(String s) {
        return Format.valueOf(s.toUpperCase(Locale.ROOT));
    }

    @Override
    public final void accept(FlowRecord r) {
        try {
            // Each record is formatted whole, then written in one call: output never ends mid-line.
            out.write(format(r));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    protected abstract String format(FlowRecord r);

    public void flush() throws IOException {
        out.flush();
    }
}
