package org.cleanpath.policy;

/** What a matching rule does to a flow, like a firewall ACL entry. */
public enum Action {
    /** The flow is clean. */
    ALLOW,
    /** The flow is dirty. */
    DENY,
    /** The flow stays clean but the match is reported. */
    WARN;

    private final String key = name().toLowerCase(java.util.Locale.ROOT);

    /** The YAML spelling: allow, deny, warn (also how verdict lines name the action). */
    public String key() {
        return key;
    }
}
