package org.cleanpath.attribute.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reader against a plain one that takes a character at a time through RFC 4180's states (the
 * reader's own earlier form): same rows, same line numbers, same error, on random texts made of the
 * characters that matter and on the full IEEE registry.
 */
class IeeeCsvTest {

    @Test
    void readsRandomTextsAsTheCharacterAtATimeReaderDoes() throws IOException {
        char[] alphabet = {'a', 'b', ' ', ',', ',', '"', '"', '\r', '\n', '\n', 'é', '日'};
        Random random = new Random(42);
        int errors = 0;
        for (int t = 0; t < 20_000; t++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = sb.toString();
            List<IeeeCsv.Row> expected;
            try {
                expected = reference(text);
            } catch (OuiFormatException e) {
                errors++;
                OuiFormatException actual = assertThrows(OuiFormatException.class, () -> IeeeCsv.read(text, "t.csv"), text);
                assertEquals(e.getMessage(), actual.getMessage(), text);
                continue;
            }
            assertEquals(expected, IeeeCsv.read(text, "t.csv"), () -> "text: " + text.replace("\r", "\\r").replace("\n", "\\n"));
        }
        // Both kinds of outcome were exercised.
        assertTrue(errors > 1000 && errors < 19_000, "errors: " + errors);
    }

    @Test
    void readsTheFullRegistryAsTheCharacterAtATimeReaderDoes() throws IOException {
        Path dir = SharedData.ieeeData();
        for (String name : OuiRegistry.IEEE_FILES) {
            Path f = dir.resolve(name);
            if (!Files.isRegularFile(f)) continue;
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            List<IeeeCsv.Row> rows = IeeeCsv.read(text, name);
            assertEquals(reference(text), rows, name);
            assertTrue(rows.size() > 1000, name + ": " + rows.size());
        }
    }

    @Test
    void quotedFieldsKeepTheirLineBreaksAndCountThem() throws IOException {
        List<IeeeCsv.Row> rows = IeeeCsv.read("MA-L,001882,\"A \"\"B\"\"\r\nC\",x\r\nMA-L,0018BA,D\n\n\"\n\"", "t.csv");
        assertEquals(List.of(
                new IeeeCsv.Row(1, List.of("MA-L", "001882", "A \"B\"\r\nC", "x")),
                new IeeeCsv.Row(3, List.of("MA-L", "0018BA", "D")),
                new IeeeCsv.Row(5, List.of("\n"))), rows);
        OuiFormatException e = assertThrows(OuiFormatException.class, () -> IeeeCsv.read("a\nb,\"c\nd\n", "t.csv"));
        assertEquals(2, e.line());
    }

    /**
     * Every row quoted, with LF line ends only: each search must stop at its own row. (A search for
     * CR to the end of the text per quoted field took 7 s for a third of these rows, and grows with
     * the square of their number.)
     */
    @Test
    @Timeout(30)
    void readsAFileOfQuotedRowsWithoutCarriageReturnsInOnePass() throws IOException {
        int n = 300_000;
        StringBuilder sb = new StringBuilder("Registry,Assignment,Organization Name,Organization Address\n");
        for (int i = 0; i < n; i++) {
            String hex = Integer.toHexString(0x1000000 | i).substring(1).toUpperCase(Locale.ROOT);
            sb.append("MA-L,").append(hex).append(",\"Maker ").append(i).append(", Inc\",\"Street ").append(i).append("\nTown\"\n");
        }
        List<IeeeCsv.Row> rows = IeeeCsv.read(sb.toString(), "lf.csv");
        assertEquals(n + 1, rows.size());
        assertEquals(new IeeeCsv.Row(2 + 2 * (n - 1), List.of("MA-L", "0493DF", "Maker 299999, Inc", "Street 299999\nTown")),
                rows.get(n));
    }

    /** A character at a time: the states of RFC 4180 with this reader's leniencies. */
    private static List<IeeeCsv.Row> reference(String text) throws OuiFormatException {
        List<IeeeCsv.Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1, rowLine = 1, quoteLine = 0, at = 0;
        boolean quoted = false, fieldStarted = false;
        int c = at < text.length() ? text.charAt(at++) : -1;
        while (c >= 0) {
            int next = at < text.length() ? text.charAt(at++) : -1;
            if (quoted) {
                if (c == '"' && next == '"') {
                    field.append('"');
                    next = at < text.length() ? text.charAt(at++) : -1;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n' || (c == '\r' && next != '\n')) line++;
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
                if (c == '\r' && next == '\n') next = at < text.length() ? text.charAt(at++) : -1;
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
            throw new OuiFormatException("t.csv", quoteLine, "expected a closing '\"' for the field opened here, found the end of the file");
        }
        endRow(rows, fields, field, fieldStarted, rowLine);
        return rows;
    }

    private static void endRow(List<IeeeCsv.Row> rows, List<String> fields, StringBuilder field, boolean started, int rowLine) {
        if (started || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(new IeeeCsv.Row(rowLine, List.copyOf(fields)));
        }
        fields.clear();
        field.setLength(0);
    }
}
