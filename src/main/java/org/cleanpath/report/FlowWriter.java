package org.cleanpath.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import org.cleanpath.flow.FlowRecord;

/** Writes flow records in one of the output formats, one complete line per record. */
public abstract class FlowWriter implements Consumer<FlowRecord> {
    protected final Writer out;
    private final Function<FlowRecord, FlowFields.Endpoints> attribution;

    protected FlowWriter(Writer out, Function<FlowRecord, FlowFields.Endpoints> attribution) {
        this.out = out;
        this.attribution = attribution;
    }

    public enum Format { JSONL, CSV, TABLE }

    /** A writer; {@code attribution} gives each record's endpoint attributions (or NONE). */
    public static FlowWriter create(Format format, Writer out, Function<FlowRecord, FlowFields.Endpoints> attribution) {
        return switch (format) {
            case JSONL -> new JsonLinesFlowWriter(out, attribution);
            case CSV -> new CsvFlowWriter(out, attribution);
            case TABLE -> new TableFlowWriter(out, attribution);
        };
    }

    public static Format parseFormat(String s) {
        return Format.valueOf(s.toUpperCase(Locale.ROOT));
    }

    @Override
    public final void accept(FlowRecord r) {
        try {
            // Each record is formatted whole, then written in one call: output never ends mid-line.
            out.write(format(r, attribution.apply(r)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected abstract String format(FlowRecord r, FlowFields.Endpoints endpoints);

    public void flush() throws IOException {
        out.flush();
    }
}
