package org.cleanpath.attribute.vendor;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the IEEE registry CSV files (RFC 4180: quoted fields, {@code ""} inside quotes, CRLF rows,
 * and line breaks inside quoted addresses, which the real files have) into rows that carry the
 * line number they start on, for error messages.
 *
 * <p>It finds delimiters with {@code String.indexOf} and copies each run of plain characters at once:
 * the full registry (46,000 rows, 4 MB) is read when {@code --oui} names it, and a character-at-a-time
 * reader took 0.2 s of that run's start, most of it before the JIT had compiled its loop.
 */
final class IeeeCsv {
    private IeeeCsv() {}

    /** One record: its first line (1-based) and its fields. */
    record Row(int line, List<String> fields) {}

    /** Reads all records of a whole file's text; blank lines are skipped. */
    static List<Row> read(String text, String source) throws OuiFormatException {
        int n = text.length();
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        boolean fieldStarted = false;
        // The next comma, CR and LF at or after i (n when there is none), found again once passed.
        int comma = -1, cr = -1, lf = -1;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' && !fieldStarted) {
                fieldStarted = true;
                int quoteLine = line;
                int from = i + 1;
                while (true) {
                    int q = text.indexOf('"', from);
                    if (q < 0) {
                        throw new OuiFormatException(source, quoteLine,
                                "expected a closing '\"' for the field opened here, found the end of the file");
                    }
                    line += lineBreaks(text, from, q);
                    field.append(text, from, q);
                    if (q + 1 < n && text.charAt(q + 1) == '"') { // "" stands for one quote
                        field.append('"');
                        from = q + 2;
                    } else {
                        i = q + 1;
                        break;
                    }
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
                i++;
            } else if (c == '\r' || c == '\n') {
                i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                endRow(rows, fields, field, fieldStarted, rowLine);
                fieldStarted = false;
                line++;
                rowLine = line;
            } else {
                // A run of plain characters up to the next delimiter (a quote inside a field is plain).
                if (comma < i) comma = indexOrEnd(text, ',', i);
                if (cr < i) cr = indexOrEnd(text, '\r', i);
                if (lf < i) lf = indexOrEnd(text, '\n', i);
                int end = Math.min(comma, Math.min(cr, lf));
                field.append(text, i, end);
                fieldStarted = true;
                i = end;
            }
        }
        endRow(rows, fields, field, fieldStarted, rowLine);
        return rows;
    }

    /**
     * Line breaks in text[from, to): LF, and CR not followed by LF. A loop over the field, not a
     * search: a file without CRs (or LFs) would send a search to its end for every quoted field.
     */
    private static int lineBreaks(String text, int from, int to) {
        int breaks = 0;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c == '\n' || (c == '\r' && (k + 1 >= text.length() || text.charAt(k + 1) != '\n'))) breaks++;
        }
        return breaks;
    }

    private static int indexOrEnd(String text, char c, int from) {
        int at = text.indexOf(c, from);
        return at < 0 ? text.length() : at;
    }

    private static void endRow(List<Row> rows, List<String> fields, StringBuilder field, boolean fieldStarted, int rowLine) {
        if (fieldStarted || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(new Row(rowLine, List.copyOf(fields)));
        }
        fields.clear();
        field.setLength(0);
    }
}
