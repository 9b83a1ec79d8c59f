package org.cleanpath.report;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds one JSON object line. Hand-written because it runs once per flow (hundreds of thousands per
 * capture): the generic map-plus-Jackson path measured about 15 us per flow here, this one well
 * under 1 us.
 *
 * <p>It writes into its own char array rather than a StringBuilder: a flow line has some forty
 * fields, the JIT inlines the writer into each field's call site, and StringBuilder's appends
 * (capacity, Latin-1 and UTF-16 paths) made the compiled line writer 45 KB of code, compiled again
 * after every deoptimization. A bounds check and a copy per field are all this needs.
 */
final class JsonText implements FieldWriter {
    static final char[] HEX = "0123456789abcdef".toCharArray();
    /** One writer per formatting thread, reused: a flow line is 700-900 characters. */
    private static final ThreadLocal<JsonText> WRITER = ThreadLocal.withInitial(JsonText::new);

    private char[] buf = new char[2048];
    private int len;
    private boolean first;

    private JsonText() {}

    /** One JSON object line ending in a newline, its fields written by {@code fields}; thread-safe. */
    static String line(Consumer<JsonText> fields) {
        JsonText json = WRITER.get();
        json.len = 0;
        json.first = true;
        json.put('{');
        fields.accept(json);
        json.put('}');
        json.put('\n');
        return new String(json.buf, 0, json.len);
    }

    /** Seconds with microsecond precision, as the JSON lines write them (also for CSV cells). */
    static String secondsText(long nanos) {
        JsonText text = new JsonText();
        text.putSeconds(nanos);
        return new String(text.buf, 0, text.len);
    }

    @Override
    public void string(String name, String value) {
        if (value == null) {
            return;
        }
        name(name);
        quote(value);
    }

    @Override
    public void number(String name, long value) {
        name(name);
        putLong(value);
    }

    @Override
    public void seconds(String name, long nanos) {
        name(name);
        putSeconds(nanos);
    }

    @Override
    public void list(String name, List<?> values) {
        if (values == null) {
            return;
        }
        name(name);
        put('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                put(',');
            }
            Object v = values.get(i);
            if (v instanceof Number n) {
                putLong(n.longValue());
            } else {
                quote(String.valueOf(v));
            }
        }
        put(']');
    }

    private void name(String name) {
        if (!first) {
            put(',');
        }
        first = false;
        put('"');
        put(name);
        put('"');
        put(':');
    }

    private void quote(String s) {
        put('"');
        int start = len;
        put(s);
        for (int i = start; i < len; i++) {
            if (!needsNoEscape(buf[i])) {
                // Rare: write it again, escaped, out of line (the JIT then keeps it out of every field).
                len = start;
                putEscaped(s);
                break;
            }
        }
        put('"');
    }

    private void putEscaped(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> put("\\\"");
                case '\\' -> put("\\\\");
                case '\n' -> put("\\n");
                case '\r' -> put("\\r");
                case '\t' -> put("\\t");
                default -> {
                    if (c < 0x20 || c > 0xFF) {
                        // Characters past Latin-1 are escaped: valid JSON, and the line stays one
                        // byte per character in the String made from it.
                        put("\\u");
                        put(HEX[c >>> 12]);
                        put(HEX[(c >>> 8) & 0xF]);
                        put(HEX[(c >>> 4) & 0xF]);
                        put(HEX[c & 0xF]);
                    } else {
                        put(c);
                    }
                }
            }
        }
    }

    private static boolean needsNoEscape(char c) {
        return c >= 0x20 && c != '"' && c != '\\' && c <= 0xFF;
    }

    private void putSeconds(long nanos) {
        long micros = Math.floorDiv(nanos, 1000L);
        if (micros < 0) {
            put('-');
            micros = -micros;
        }
        putLong(micros / 1_000_000);
        put('.');
        ensure(6);
        long frac = micros % 1_000_000;
        for (int i = 5; i >= 0; i--) {
            buf[len + i] = (char) ('0' + frac % 10);
            frac /= 10;
        }
        len += 6;
    }

    private void putLong(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                put(Long.toString(v));
                return;
            }
            put('-');
            v = -v;
        }
        int digits = 1;
        for (long rest = v / 10; rest != 0; rest /= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = len + digits - 1; i >= len; i--) {
            buf[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        len += digits;
    }

    private void put(char c) {
        ensure(1);
        buf[len++] = c;
    }

    private void put(String s) {
        int n = s.length();
        ensure(n);
        s.getChars(0, n, buf, len);
        len += n;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
