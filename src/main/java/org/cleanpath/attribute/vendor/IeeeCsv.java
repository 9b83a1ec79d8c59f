package org.cleanpath.attribute.vendor;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the IEEE registry CSV files (RFC 4180: quoted fields, {@code ""} inside quotes, CRLF rows,
 * and line breaks inside quoted addresses, which the real files have) into rows that carry the
 * line number they start on, for error messages.
 */
final class IeeeCsv {
    private IeeeCsv() {}

    /** One record: its first line (1-based) and its fields. */
    record Row(int line, List<String> fields) {}

    /** Reads all records; blank lines are skipped. */
    static List<Row> read(Reader reader, String source) throws IOException {
        Chars in = new Chars(reader);
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        int quoteLine = 0;
        boolean quoted = false;
        boolean fieldStarted = false;
        int c = in.read();
        while (c >= 0) {
            int next = in.read();
            if (quoted) {
                if (c == '"' && next == '"') {
                    field.append('"');
                    next = in.read();
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n' || (c == '\r' && next != '\n')) {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
                quoteLine = line;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && next == '\n') {
                    next = in.read();
                }
                endRow(rows, fields, field, fieldStarted, rowLine);
                fieldStarted = false;
                line++;
                rowLine = line;
            } else {
                field.append((char) c);
                fieldStarted = true;
            }
            c = next;
        }
        if (quoted) {
            throw new OuiFormatException(source, quoteLine, "expected a closing '\"' for the field opened here, found the end of the file");
        }
        endRow(rows, fields, field, fieldStarted, rowLine);
        return rows;
    }

    private static void endRow(List<Row> rows, List<String> fields, StringBuilder field, boolean fieldStarted, int rowLine) {
        if (fieldStarted || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(new Row(rowLine, List.copyOf(fields)));
        }
        fields.clear();
        field.setLength(0);
    }

    /** The whole text, read in blocks and then handed out a character at a time (not a decoder call each). */
    private static final class Chars {
        private final String text;
        private int next;

        Chars(Reader in) throws IOException {
            StringBuilder sb = new StringBuilder(1 << 16);
            char[] buf = new char[1 << 14];
            for (int n; (n = in.read(buf)) >= 0; ) {
                sb.append(buf, 0, n);
            }
            text = sb.toString();
        }

        int read() {
            return next < text.length() ? text.charAt(next++) : -1;
        }
    }
}
