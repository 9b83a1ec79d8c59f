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
    private boolean started;

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
        write(line(r));
    }

    /** The record's output line, with its attribution; thread-safe, so several threads may format at once. */
    public final String line(FlowRecord r) {
        return format(r, attribution.apply(r));
    }

    /**
     * Writes a line made by {@link #line}, after the header if it is the first; one thread at a time.
     * Each line is written whole, in one call: output never ends mid-line.
     */
    public final void write(String line) {
        try {
            if (!started) {
                String header = header();
                if (header != null) {
                    out.write(header);
                }
                started = true;
            }
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A header written before the first line, or null. */
    protected String header() {
        return null;
    }

    /** Formats one record; must be thread-safe. */
    protected abstract String format(FlowRecord r, FlowFields.Endpoints endpoints);

    public void flush() throws IOException {
        out.flush();
    }
}
