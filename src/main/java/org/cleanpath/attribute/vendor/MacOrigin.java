package org.cleanpath.attribute.vendor;

/** What the MAC registry can say about one address: who holds its block, or why nobody can be named. */
public sealed interface MacOrigin {

    /** A universally administered unicast address in a block the loaded registry lists. */
    record Registered(Vendor vendor) implements MacOrigin {}

    /** A universally administered unicast address whose block the loaded registry files do not list. */
    record Unlisted(long mac48) implements MacOrigin {}

    /** An address whose prefix names no manufacturer, whatever the registry lists under it. */
    record NotAttributable(Reason reason) implements MacOrigin {}

    /** Why an address is not attributable. */
    enum Reason {
        /** I/G bit set: multicast or broadcast. */
        GROUP,
        /** U/L bit set: randomized (phones), virtual (hypervisors, containers) or set by hand. */
        LOCALLY_ADMINISTERED
    }
}
