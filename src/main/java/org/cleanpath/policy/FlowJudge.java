package org.cleanpath.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.cleanpath.attribute.Attribution;
import org.cleanpath.attribute.Attributor;
import org.cleanpath.attribute.names.ObservedNames;
import org.cleanpath.attribute.vendor.CoveredEntity;
import org.cleanpath.attribute.vendor.CoveredVendors;
import org.cleanpath.attribute.vendor.Mac;
import org.cleanpath.attribute.vendor.Neighbor;
import org.cleanpath.attribute.vendor.NeighborVendors;
import org.cleanpath.attribute.vendor.OuiRegistry;
import org.cleanpath.attribute.vendor.Vendor;
import org.cleanpath.flow.FlowRecord;

/**
 * Turns a finished flow into what the trust table looks at (its remote and local endpoints, the
 * tunnel's outer endpoints, the L2 next hop) and gives its verdict.
 *
 * <p>An endpoint is local when it lies in the policy's {@code internal:} networks (which also
 * override attribution, as Arkime's override-ips do) or is not a public address; every other
 * endpoint is remote and attributed. The next hop is the MAC the remote side's frames came from.
 */
public final class FlowJudge {
    private final Policy policy;
    private final Attributor attributor;
    private final Supplier<OuiRegistry> ouis;
    private final Supplier<CoveredVendors> covered;

    public FlowJudge(Policy policy, Attributor attributor, OuiRegistry ouis, CoveredVendors covered) {
        this(policy, attributor, () -> ouis, () -> covered);
    }

    /**
     * A judge that asks for the vendor tables only when a MAC address can name its maker: the
     * shipped tables take a tenth of a second to load, and captures whose MACs are all locally
     * administered (virtual machines, containers, the benchmark) never need them. The suppliers
     * must return the same tables each time ({@code OuiRegistry::defaults} does).
     */
    public FlowJudge(Policy policy, Attributor attributor, Supplier<OuiRegistry> ouis, Supplier<CoveredVendors> covered) {
        this.policy = policy;
        this.attributor = attributor;
        this.ouis = ouis;
        this.covered = covered;
    }

    public Policy policy() {
        return policy;
    }

    /** Names a flow revealed: TLS/QUIC/HTTP names of its responder and what DNS said about each end. */
    public record FlowNamesSeen(ObservedNames observed, List<String> respDnsNames, List<String> origDnsNames) {
        public static final FlowNamesSeen NONE = new FlowNamesSeen(ObservedNames.NONE, List.of(), List.of());

        /** Every name that identifies the responder, most specific first. */
        public List<String> respNames() {
            if (observed == ObservedNames.NONE && respDnsNames.isEmpty()) {
                return List.of(); // most flows: no name seen, nothing to merge
            }
            List<String> all = new ArrayList<>(3 + respDnsNames.size());
            addOnce(all, observed.sni().orElse(null));
            addOnce(all, observed.quicSni().orElse(null));
            addOnce(all, observed.httpHost().orElse(null));
            for (String name : respDnsNames) {
                addOnce(all, name);
            }
            return List.copyOf(all);
        }

        /** A list rather than a set: a flow has a handful of names, and a set is more code to compile here. */
        private static void addOnce(List<String> names, String name) {
            if (name != null && !names.contains(name)) {
                names.add(name);
            }
        }
    }

    /**
     * A flow with its verdict and the facts behind it. {@code nextHopL2} is the next hop's MAC address
     * (-1 when there is none), written out by {@link #nextHopMac()} on demand: the text report never
     * shows it, and formatting it cost every flow a string.
     */
    public record JudgedFlow(FlowRecord flow, Verdict verdict, Attribution orig, Attribution resp,
                             Attribution tunnelOrig, Attribution tunnelResp, boolean origLocal, boolean respLocal,
                             long nextHopL2, String nextHopVendor, String nextHopEntity, List<String> names) {

        /** The next hop's MAC address as text, or null when there is none. */
        public String nextHopMac() {
            return nextHopL2 < 0 ? null : Mac.format(nextHopL2);
        }

        /** The remote side's attribution (the responder unless only the originator is remote), or null. */
        public Attribution remote() {
            if (!respLocal) {
                return resp;
            }
            return origLocal ? null : orig;
        }

        public long bytes() {
            return flow.origIpBytes() + flow.respIpBytes();
        }
    }

    public JudgedFlow judge(FlowRecord r, FlowNamesSeen names) {
        FlowNamesSeen n = names == null ? FlowNamesSeen.NONE : names;
        Attribution orig = attribute(r.origHi(), r.origLo());
        Attribution resp = attribute(r.respHi(), r.respLo());
        boolean origInternal = policy.isInternal(r.origHi(), r.origLo());
        boolean respInternal = policy.isInternal(r.respHi(), r.respLo());
        // The attribution carries the address's class: a local end is internal or not public.
        boolean origLocal = origInternal || !orig.addressClass().isPublic();
        boolean respLocal = respInternal || !resp.addressClass().isPublic();
        List<String> respNames = n.respNames();
        Subject respEnd = endpoint(respLocal ? Element.LOCAL : Element.REMOTE, r.respHi(), r.respLo(), resp, respInternal,
                respNames);
        Subject origEnd = endpoint(origLocal ? Element.LOCAL : Element.REMOTE, r.origHi(), r.origLo(), orig, origInternal,
                n.origDnsNames());

        Attribution tOrig = null, tResp = null;
        FlowRecord.Tunnel t = r.tunnel();
        long mac = !respLocal ? r.respMac() : !origLocal ? r.origMac() : -1;
        String vendor = null, entity = null;
        if (mac >= 0 && !Mac.isGroup(mac) && !Mac.isLocallyAdministered(mac)) { // others name no maker
            vendor = ouis.get().lookup(mac).map(Vendor::organization).orElse(null);
            entity = covered.get().entityOf(mac).map(CoveredEntity::name).orElse(null);
        }
        List<Subject> subjects;
        if (t == null && vendor == null && entity == null) {
            subjects = List.of(respEnd, origEnd); // most flows: one small list, not a list and its array
        } else {
            subjects = new ArrayList<>(5);
            subjects.add(respEnd);
            subjects.add(origEnd);
            if (t != null) {
                tOrig = attribute(t.outerOrigHi(), t.outerOrigLo());
                tResp = attribute(t.outerRespHi(), t.outerRespLo());
                subjects.add(endpoint(Element.TUNNEL_OUTER, t.outerRespHi(), t.outerRespLo(), tResp,
                        policy.isInternal(t.outerRespHi(), t.outerRespLo()), List.of()));
                subjects.add(endpoint(Element.TUNNEL_OUTER, t.outerOrigHi(), t.outerOrigLo(), tOrig,
                        policy.isInternal(t.outerOrigHi(), t.outerOrigLo()), List.of()));
            }
            if (vendor != null || entity != null) {
                subjects.add(Subject.device(Element.L2_NEXT_HOP, Mac.format(mac), vendor, entity, List.of()));
            }
        }
        Verdict v = policy.evaluate(subjects);
        return new JudgedFlow(r, v, orig, resp, tOrig, tResp, origLocal, respLocal, mac, vendor, entity,
                respNames);
    }

    /** The verdict for a device announcing itself by LLDP or CDP. */
    public Verdict judge(Neighbor neighbor) {
        Optional<org.cleanpath.attribute.vendor.DeviceVendor> dv =
                new NeighborVendors(ouis.get(), covered.get()).attribute(neighbor);
        long mac = neighbor.mac() != Mac.NONE ? neighbor.mac() : neighbor.sourceMac();
        String label = (neighbor.systemName() != null ? neighbor.systemName() + " " : "")
                + (mac != Mac.NONE ? Mac.format(mac) : neighbor.chassisId());
        List<String> text = new ArrayList<>();
        if (neighbor.systemDescription() != null) {
            text.add(neighbor.systemDescription());
        }
        Subject s = Subject.device(Element.LLDP_NEIGHBOR, label, dv.map(d -> d.vendor()).orElse(null),
                dv.flatMap(d -> d.covered()).map(CoveredEntity::name).orElse(null), text);
        return policy.evaluate(List.of(s));
    }

    private Attribution attribute(long hi, long lo) {
        return attributor.attribute(hi, lo);
    }

    private Subject endpoint(Element element, long hi, long lo, Attribution a, boolean internal, List<String> names) {
        String cls = internal ? "internal" : a.addressClass().label();
        // Internal networks override attribution: the facility's own addresses are never "foreign".
        return Subject.endpoint(element, null, hi, lo,
                internal ? null : a.asn(), internal ? null : a.asOrg(), internal ? null : a.country(),
                internal ? null : a.registeredCountry(), cls, names);
    }
}
