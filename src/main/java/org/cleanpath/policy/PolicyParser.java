package org.cleanpath.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a YAML trust table. Works on the YAML node tree (not plain maps) so every problem points at
 * the line and column it comes from; unknown keys are errors, never silently ignored.
 */
public final class PolicyParser {
    private static final Set<String> TOP_KEYS = Set.of("version", "name", "description", "internal", "default",
            "missing_attribution", "rules");
    private static final Set<String> RULE_KEYS = Set.of("id", "reason", "action", "applies_to", "match", "source",
            "entity", "category");
    private static final Set<String> MATCH_KEYS = Set.of("asn", "as_org", "country", "registered_country", "cidr",
            "vendor", "domain");
    private static final Set<Element> DEFAULT_APPLIES_TO = EnumSet.of(Element.REMOTE, Element.TUNNEL_OUTER);

    private final String file;
    private final List<PolicyException.Problem> problems = new ArrayList<>();

    private PolicyParser(String file) {
        this.file = file;
    }

    public static Policy parse(Path path) throws PolicyException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PolicyException(List.of(new PolicyException.Problem(path.toString(), 0, 0, "no such file")));
        } catch (IOException e) {
            throw new PolicyException(List.of(new PolicyException.Problem(path.toString(), 0, 0,
                    "cannot read: " + e.getMessage())));
        }
        return parse(path.toString(), text);
    }

    public static Policy parse(String file, String text) throws PolicyException {
        return new PolicyParser(file).read(text);
    }

    private Policy read(String text) throws PolicyException {
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(file).build()).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().orElse(e.getContextMark().orElse(null));
            problems.add(new PolicyException.Problem(file, m == null ? 0 : m.getLine() + 1,
                    m == null ? 0 : m.getColumn() + 1, "YAML syntax: " + e.getProblem()));
            throw new PolicyException(problems);
        } catch (YamlEngineException e) {
            problems.add(new PolicyException.Problem(file, 0, 0, "YAML: " + e.getMessage()));
            throw new PolicyException(problems);
        }
        if (root.isEmpty() || !(root.get() instanceof MappingNode top)) {
            problems.add(new PolicyException.Problem(file, 1, 1,
                    "expected a mapping with 'rules:' (and optionally name, internal, default, missing_attribution)"));
            throw new PolicyException(problems);
        }
        String name = "policy";
        String description = null;
        List<Cidr> internal = new ArrayList<>();
        Action defaultAction = Action.ALLOW;
        Policy.MissingAttribution missing = Policy.MissingAttribution.UNVERIFIED;
        List<Rule> rules = new ArrayList<>();
        boolean sawRules = false;
        for (NodeTuple t : top.getValue()) {
            String key = key(t);
            Node v = t.getValueNode();
            switch (key == null ? "" : key) {
                case "version" -> {
                    String s = scalar(v, "version");
                    if (s != null && !s.equals("1")) {
                        problem(v, "unsupported policy version '" + s + "' (this release reads version 1)");
                    }
                }
                case "name" -> name = Optional.ofNullable(scalar(v, "name")).orElse(name);
                case "description" -> description = scalar(v, "description");
                case "internal" -> {
                    for (Node n : list(v, "internal")) {
                        Cidr c = cidr(n);
                        if (c != null) {
                            internal.add(c);
                        }
                    }
                }
                case "default" -> defaultAction = Optional.ofNullable(action(v)).orElse(defaultAction);
                case "missing_attribution" -> missing = Optional.ofNullable(missing(v)).orElse(missing);
                case "rules" -> {
                    sawRules = true;
                    Set<String> ids = new HashSet<>();
                    for (Node n : list(v, "rules")) {
                        Rule r = rule(n);
                        if (r != null && !ids.add(r.id())) {
                            problem(n, "duplicate rule id '" + r.id() + "'");
                        } else if (r != null) {
                            rules.add(r);
                        }
                    }
                }
                default -> problem(t.getKeyNode(), "unknown key '" + key + "' (expected one of " + sorted(TOP_KEYS) + ")");
            }
        }
        if (!sawRules) {
            problem(top, "missing 'rules:' list");
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return new Policy(name, name + "@sha256:" + sha256(text).substring(0, 12), description,
                List.copyOf(internal), defaultAction, missing, List.copyOf(rules), file);
    }

    private Rule rule(Node n) {
        if (!(n instanceof MappingNode m)) {
            problem(n, "expected a rule mapping with id, reason, action and match");
            return null;
        }
        int before = problems.size();
        String id = null, reason = null, source = null;
        Action action = null;
        Set<Element> appliesTo = DEFAULT_APPLIES_TO;
        Set<Long> asns = null;
        Pattern asOrg = null;
        Set<String> countries = null, regCountries = null;
        List<Cidr> cidrs = null;
        List<String> vendors = null;
        List<DomainPattern> domains = null;
        boolean sawMatch = false;
        for (NodeTuple t : m.getValue()) {
            String key = key(t);
            Node v = t.getValueNode();
            switch (key == null ? "" : key) {
                case "id" -> id = scalar(v, "id");
                case "reason" -> reason = scalar(v, "reason");
                case "source", "entity", "category" -> {
                    String s = scalar(v, key);
                    if (key.equals("source")) {
                        source = s;
                    }
                }
                case "action" -> action = action(v);
                case "applies_to" -> appliesTo = elements(v);
                case "match" -> {
                    sawMatch = true;
                    if (!(v instanceof MappingNode mm) || mm.getValue().isEmpty()) {
                        problem(v, "'match' needs at least one of " + sorted(MATCH_KEYS));
                        continue;
                    }
                    for (NodeTuple c : mm.getValue()) {
                        String ck = key(c);
                        Node cv = c.getValueNode();
                        switch (ck == null ? "" : ck) {
                            case "asn" -> asns = asns(cv);
                            case "as_org" -> asOrg = regex(cv);
                            case "country" -> countries = countries(cv);
                            case "registered_country" -> regCountries = countries(cv);
                            case "cidr" -> {
                                cidrs = new ArrayList<>();
                                for (Node x : list(cv, "cidr")) {
                                    Cidr c2 = cidr(x);
                                    if (c2 != null) {
                                        cidrs.add(c2);
                                    }
                                }
                            }
                            case "vendor" -> vendors = strings(cv, "vendor");
                            case "domain" -> {
                                domains = new ArrayList<>();
                                for (Node x : list(cv, "domain")) {
                                    String s = scalar(x, "domain");
                                    try {
                                        if (s != null) {
                                            domains.add(DomainPattern.parse(s));
                                        }
                                    } catch (IllegalArgumentException e) {
                                        problem(x, e.getMessage());
                                    }
                                }
                            }
                            default -> problem(c.getKeyNode(), "unknown match key '" + ck + "' (expected one of "
                                    + sorted(MATCH_KEYS) + ")");
                        }
                    }
                }
                default -> problem(t.getKeyNode(), "unknown rule key '" + key + "' (expected one of " + sorted(RULE_KEYS) + ")");
            }
        }
        if (id == null || id.isBlank()) {
            problem(m, "rule without 'id'");
        }
        if (reason == null || reason.isBlank()) {
            problem(m, "rule '" + id + "' without 'reason' (say why, for the admin reading the report)");
        }
        if (action == null && problems.size() == before) {
            problem(m, "rule '" + id + "' without 'action' (allow, deny or warn)");
        }
        if (!sawMatch) {
            problem(m, "rule '" + id + "' without 'match'");
        }
        if (problems.size() != before) {
            return null;
        }
        return new Rule(id, reason, action, appliesTo, asns, asOrg, countries, regCountries, cidrs, vendors, domains,
                source, line(m));
    }

    // ---- value readers: each reports a problem at the node and returns null when it cannot read it ----

    private String key(NodeTuple t) {
        if (t.getKeyNode() instanceof ScalarNode s) {
            return s.getValue();
        }
        problem(t.getKeyNode(), "expected a plain key");
        return null;
    }

    private String scalar(Node n, String what) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        problem(n, "'" + what + "' must be a single value");
        return null;
    }

    private List<Node> list(Node n, String what) {
        if (n instanceof SequenceNode s) {
            return s.getValue();
        }
        if (n instanceof ScalarNode s && !s.getValue().isEmpty()) {
            return List.of(n);
        }
        problem(n, "'" + what + "' must be a list");
        return List.of();
    }

    private List<String> strings(Node n, String what) {
        List<String> out = new ArrayList<>();
        for (Node x : list(n, what)) {
            String s = scalar(x, what);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private Action action(Node n) {
        String s = scalar(n, "action");
        if (s == null) {
            return null;
        }
        try {
            return Action.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problem(n, "unknown action '" + s + "' (expected allow, deny or warn)");
            return null;
        }
    }

    private Policy.MissingAttribution missing(Node n) {
        String s = scalar(n, "missing_attribution");
        if (s == null) {
            return null;
        }
        try {
            return Policy.MissingAttribution.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problem(n, "unknown missing_attribution '" + s + "' (expected unverified, allow or deny)");
            return null;
        }
    }

    private Set<Element> elements(Node n) {
        Set<Element> out = EnumSet.noneOf(Element.class);
        for (Node x : list(n, "applies_to")) {
            String s = scalar(x, "applies_to");
            if (s == null) {
                continue;
            }
            if (s.equals("any")) {
                out.addAll(EnumSet.allOf(Element.class));
                continue;
            }
            try {
                out.add(Element.valueOf(s.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problem(x, "unknown element '" + s + "' (expected remote, local, tunnel_outer, l2_next_hop, lldp_neighbor or any)");
            }
        }
        return out.isEmpty() ? DEFAULT_APPLIES_TO : out;
    }

    private Set<Long> asns(Node n) {
        Set<Long> out = new HashSet<>();
        for (Node x : list(n, "asn")) {
            String s = scalar(x, "asn");
            if (s == null) {
                continue;
            }
            String digits = s.trim().toUpperCase(Locale.ROOT).startsWith("AS") ? s.trim().substring(2) : s.trim();
            try {
                long v = Long.parseLong(digits);
                if (v < 0 || v > 0xffff_ffffL) {
                    throw new NumberFormatException();
                }
                out.add(v);
            } catch (NumberFormatException e) {
                problem(x, "'" + s + "' is not an AS number (expected e.g. 4134 or AS4134)");
            }
        }
        return out;
    }

    private Pattern regex(Node n) {
        String s = scalar(n, "as_org");
        if (s == null) {
            return null;
        }
        try {
            return Pattern.compile(s, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            problem(n, "as_org is not a valid regular expression: " + e.getDescription());
            return null;
        }
    }

    private Set<String> countries(Node n) {
        Set<String> out = new LinkedHashSet<>();
        for (Node x : list(n, "country")) {
            String s = scalar(x, "country");
            if (s == null) {
                continue;
            }
            String cc = s.trim().toUpperCase(Locale.ROOT);
            if (!cc.matches("[A-Z]{2}")) {
                problem(x, "'" + s + "' is not an ISO 3166 two-letter country code");
            } else {
                out.add(cc);
            }
        }
        return out;
    }

    private Cidr cidr(Node n) {
        String s = scalar(n, "cidr");
        if (s == null) {
            return null;
        }
        try {
            return Cidr.parse(s);
        } catch (IllegalArgumentException e) {
            problem(n, e.getMessage());
            return null;
        }
    }

    private void problem(Node n, String message) {
        Optional<Mark> m = n == null ? Optional.empty() : n.getStartMark();
        problems.add(new PolicyException.Problem(file, m.map(x -> x.getLine() + 1).orElse(0),
                m.map(x -> x.getColumn() + 1).orElse(0), message));
    }

    private static int line(Node n) {
        return n.getStartMark().map(x -> x.getLine() + 1).orElse(0);
    }

    private static String sorted(Set<String> keys) {
        return String.join(", ", keys.stream().sorted().toList());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
