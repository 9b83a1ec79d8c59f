package org.cleanpath.server;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: every line must be a
 * HELP, TYPE, comment or sample line; TYPE comes once per family and before its samples; each sample
 * belongs to a declared family; label values use only the format's escapes; values are floats.
 */
final class PrometheusText {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(Inf|NaN|[0-9]+(\\.[0-9]*)?([eE][+-]?[0-9]+)?|\\.[0-9]+([eE][+-]?[0-9]+)?)");
    private static final Map<String, Set<String>> SUFFIXES = Map.of(
            "counter", Set.of("", "_total", "_created"),
            "gauge", Set.of(""),
            "untyped", Set.of(""),
            "histogram", Set.of("_bucket", "_sum", "_count", "_created"),
            "summary", Set.of("", "_sum", "_count", "_created"));

    /** Samples keyed by {@code name{labels}} as written, and family types. */
    record Parsed(Map<String, Double> samples, Map<String, String> types) {
        double value(String series) {
            Double v = samples.get(series);
            if (v == null) {
                throw new AssertionError("no sample " + series + " in " + samples.keySet());
            }
            return v;
        }

        String type(String family) {
            return types.get(family);
        }
    }

    private PrometheusText() {}

    static Parsed parse(String text) {
        if (!text.endsWith("\n")) {
            throw new AssertionError("exposition must end with a newline");
        }
        Map<String, Double> samples = new LinkedHashMap<>();
        Map<String, String> types = new HashMap<>();
        Set<String> helped = new java.util.HashSet<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                if (!helped.add(m.group(1))) {
                    throw new AssertionError("line " + n + ": second HELP for " + m.group(1));
                }
                if (m.group(2).matches(".*\\\\[^\\\\n].*")) {
                    throw new AssertionError("line " + n + ": bad escape in HELP");
                }
            } else if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null) {
                    throw new AssertionError("line " + n + ": second TYPE for " + m.group(1));
                }
                for (String s : samples.keySet()) {
                    if (s.startsWith(m.group(1))) {
                        throw new AssertionError("line " + n + ": TYPE after samples of " + m.group(1));
                    }
                }
            } else if (line.startsWith("#")) {
                if (!line.startsWith("# ") && !line.equals("#")) {
                    throw new AssertionError("line " + n + ": malformed comment: " + line);
                }
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String name = m.group(1);
                if (familyOf(name, types) == null) {
                    throw new AssertionError("line " + n + ": sample of undeclared family: " + line);
                }
                if (m.group(3) != null) {
                    Matcher l = LABEL.matcher(m.group(3));
                    int end = 0;
                    while (l.find() && l.start() == end) {
                        end = l.end();
                    }
                    if (end != m.group(3).length()) {
                        throw new AssertionError("line " + n + ": malformed labels: " + line);
                    }
                }
                if (!FLOAT.matcher(m.group(4)).matches()) {
                    throw new AssertionError("line " + n + ": bad value: " + line);
                }
                String key = m.group(2) == null ? name : name + m.group(2);
                if (samples.put(key, Double.parseDouble(m.group(4).replace("Inf", "Infinity"))) != null) {
                    throw new AssertionError("line " + n + ": duplicate series: " + key);
                }
            } else {
                throw new AssertionError("line " + n + ": not exposition format: " + line);
            }
        }
        return new Parsed(samples, types);
    }

    private static String familyOf(String sample, Map<String, String> types) {
        for (Map.Entry<String, String> t : types.entrySet()) {
            for (String suffix : SUFFIXES.get(t.getValue())) {
                if (sample.equals(t.getKey() + suffix)) {
                    return t.getKey();
                }
            }
        }
        return null;
    }
}
