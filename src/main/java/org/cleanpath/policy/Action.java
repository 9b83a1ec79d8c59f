package org.cleanpath.policy;

/** What a matching rule does to a flow, like a firewall ACL entry. */
public enum Action {
    /** The flow is clean. */
    ALLOW,
    /** The flow is dirty. */
    DENY,
    /** The flow stays clean but the match is reported. */
    WARN
}
