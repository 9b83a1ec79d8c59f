package org.cleanpath.policy;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A domain rule: "huawei.com" matches huawei.com and every name below it (label boundary, so not
 * nothuawei.com); a pattern with "*" is a glob over the whole name ("*.hicloud.*").
 */
public record DomainPattern(String text, Pattern glob) {

    public static DomainPattern parse(String s) {
        String t = normalize(s.trim());
        if (t.isEmpty() || t.contains(" ")) {
            throw new IllegalArgumentException("'" + s + "' is not a domain (expected e.g. huawei.com or *.hicloud.*)");
        }
        if (t.startsWith("*.") && t.indexOf('*', 1) < 0) {
            t = t.substring(2); // "*.x.com" means the same as the suffix rule "x.com" minus x.com itself; keep it simple
            return new DomainPattern("*." + t, Pattern.compile("(?:.+\\.)" + Pattern.quote(t)));
        }
        if (t.indexOf('*') >= 0) {
            String regex = ("\\Q" + t.replace("*", "\\E[^ ]*\\Q") + "\\E").replace("\\Q\\E", "");
            return new DomainPattern(t, Pattern.compile(regex));
        }
        return new DomainPattern(t, null);
    }

    public boolean matches(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        String n = normalize(name);
        if (glob != null) {
            return glob.matcher(n).matches();
        }
        return n.equals(text) || n.endsWith("." + text);
    }

    /** A name as patterns compare it: lower case, without trailing dots. */
    static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int end = n.length();
        while (end > 0 && n.charAt(end - 1) == '.') {
            end--;
        }
        return n.substring(0, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
