package org.cleanpath.report;

import java.util.List;

/**
 * Builds one JSON object into a StringBuilder. Hand-written because it runs once per flow (hundreds
 * of thousands per capture): the generic map-plus-Jackson path measured about 15 us per flow here,
 * this one well under 1 us.
 */
final class JsonText implements FieldWriter {
    static final char[] HEX = "0123456789abcdef".toCharArray();
    /** One builder per formatting thread, reused: a flow line is 700-900 characters. */
    private static final ThreadLocal<StringBuilder> BUILDER = ThreadLocal.withInitial(() -> new StringBuilder(1200));
    private final StringBuilder sb;
    private boolean first = true;

    JsonText(StringBuilder sb) {
        this.sb = sb;
        sb.append('{');
    }

    void end() {
        sb.append('}');
    }

    /** One JSON object line ending in a newline, its fields written by {@code fields}; thread-safe. */
    static String line(java.util.function.Consumer<JsonText> fields) {
        StringBuilder sb = BUILDER.get();
        sb.setLength(0);
        JsonText json = new JsonText(sb);
        fields.accept(json);
        json.end();
        return sb.append('\n').toString();
    }

    private void name(String name) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        sb.append('"').append(name).append("\":");
    }

    @Override
    public void string(String name, String value) {
        if (value == null) {
            return;
        }
        name(name);
        quote(sb, value);
    }

    @Override
    public void number(String name, long value) {
        name(name);
        sb.append(value);
    }

    @Override
    public void seconds(String name, long nanos) {
        name(name);
        appendSeconds(sb, nanos);
    }

    @Override
    public void list(String name, List<?> values) {
        if (values == null) {
            return;
        }
        name(name);
        sb.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values.get(i);
            if (v instanceof Number n) {
                sb.append(n.longValue());
            } else {
                quote(sb, String.valueOf(v));
            }
        }
        sb.append(']');
    }

    static void appendSeconds(StringBuilder sb, long nanos) {
        long micros = Math.floorDiv(nanos, 1000L);
        if (micros < 0) {
            sb.append('-');
            micros = -micros;
        }
        sb.append(micros / 1_000_000).append('.');
        String frac = Long.toString(micros % 1_000_000);
        for (int i = frac.length(); i < 6; i++) {
            sb.append('0');
        }
        sb.append(frac);
    }

    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        int plain = 0;
        while (plain < s.length() && needsNoEscape(s.charAt(plain))) {
            plain++;
        }
        sb.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0xFF) {
                        // Characters past Latin-1 are escaped: valid JSON, and the reused builder
                        // then never switches to two bytes per character for the lines after.
                        sb.append("\\u").append(HEX[c >>> 12]).append(HEX[(c >>> 8) & 0xF])
                                .append(HEX[(c >>> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static boolean needsNoEscape(char c) {
        return c >= 0x20 && c != '"' && c != '\\' && c <= 0xFF;
    }
}
