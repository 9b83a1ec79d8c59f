// CleanPath dashboard: polls /status and renders it. Every value from the server is written with
// textContent, never parsed as HTML, so rule reasons, domains or host names cannot inject markup.
// With a bearer token configured, open the page as /#token=<token>: the fragment never leaves the
// browser, and the script sends it as an Authorization header.
"use strict";
(function () {
  var REFRESH_MS = 3000;
  var token = (function () {
    var m = /(?:^#|&)token=([^&]*)/.exec(location.hash);
    return m ? decodeURIComponent(m[1]) : null;
  })();

  function $(id) { return document.getElementById(id); }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function bytes(n) {
    var units = ["B", "KiB", "MiB", "GiB", "TiB"];
    var i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n : n.toFixed(1)) + " " + units[i];
  }

  function num(n) { return Number(n).toLocaleString("en-US"); }

  function hostPort(h, p) { return (h.indexOf(":") >= 0 ? "[" + h + "]" : h) + ":" + p; }

  function time(ts) { return ts == null ? "never" : new Date(ts * 1000).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z"); }

  function banner(cls, title, detail) {
    $("banner").className = "banner " + cls;
    $("verdict").textContent = title;
    $("banner-detail").textContent = detail;
  }

  function fillTable(tbody, rows) {
    while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
    rows.forEach(function (cells) {
      var tr = document.createElement("tr");
      cells.forEach(function (c) { tr.appendChild(c); });
      tbody.appendChild(tr);
    });
  }

  function bars(container, rows) {
    while (container.firstChild) container.removeChild(container.firstChild);
    if (rows.length === 0) { container.appendChild(el("div", "No traffic yet.", "muted")); return; }
    var max = rows.reduce(function (m, r) { return Math.max(m, r.bytes); }, 1);
    rows.forEach(function (r) {
      var row = el("div", null, "bar-row");
      row.appendChild(el("div", r.label ? r.key + " " + r.label : r.key, "bar-label"));
      var track = el("div", null, "bar-track");
      var fill = el("div", null, "bar-fill");
      fill.style.width = (100 * r.bytes / max).toFixed(1) + "%";
      track.appendChild(fill);
      row.appendChild(track);
      row.appendChild(el("div", bytes(r.bytes) + " / " + num(r.flows), "bar-value"));
      container.appendChild(row);
    });
  }

  function render(s) {
    var v = s.verdict.window;
    var cap = s.capture;
    if (cap.state !== "running") {
      banner("unknown", "CAPTURE " + cap.state.toUpperCase(), cap.error || "verdicts are not current");
    } else {
      banner(v, v.toUpperCase(), "over the last " + s.window_s + " s; since start: " + s.verdict.total);
    }
    var c = s.counts;
    $("packets").textContent = num(c.packets.read);
    $("packets-detail").textContent = num(c.packets.decoded) + " decoded, " + num(c.packets.undecodable) +
        " undecodable, " + num(c.packets.non_ip) + " non-IP";
    $("flows").textContent = num(c.flows);
    $("flows-detail").textContent = num(c.flows_by_verdict.clean) + " clean, " + num(c.flows_by_verdict.dirty) +
        " dirty, " + num(c.flows_by_verdict.unverified) + " unverified";
    $("bytes").textContent = bytes(c.bytes);
    $("bytes-detail").textContent = bytes(c.bytes_by_verdict.dirty) + " dirty, " +
        bytes(c.bytes_by_verdict.unverified) + " unverified";
    $("capture").textContent = cap.state;
    $("capture-detail").textContent = (cap.interface || cap.file) + ": " + num(cap.packets_received) +
        " received, " + num(cap.dropped_by_kernel) + " dropped by kernel, " + num(cap.dropped_by_interface) +
        " by interface; last packet " + time(cap.last_packet_ts);

    fillTable($("violations").tBodies[0], s.violations.map(function (x) {
      return [el("td", x.rule), el("td", x.reason), el("td", [x.element, x.subject].filter(Boolean).join(" ")),
        el("td", x.asn == null ? "" : "AS" + x.asn), el("td", x.country), el("td", x.vendor), el("td", x.domain),
        el("td", num(x.flows), "num"), el("td", bytes(x.bytes), "num"), el("td", x.example_uids.join(" "))];
    }));
    $("no-violations").hidden = s.violations.length > 0;
    bars($("by-country"), s.by_country);
    bars($("by-as"), s.by_as);
    fillTable($("recent").tBodies[0], s.recent_flows.map(function (f) {
      return [el("td", time(f.ts)), el("td", f.uid), el("td", hostPort(f["id.orig_h"], f["id.orig_p"])),
        el("td", hostPort(f["id.resp_h"], f["id.resp_p"])), el("td", f.proto), el("td", bytes(f.bytes), "num"),
        el("td", f.verdict, "v-" + f.verdict), el("td", f.rule)];
    }));
    var ver = s.versions;
    var dbs = Object.keys(ver.databases).map(function (k) { return k + " " + ver.databases[k]; }).join(", ");
    $("versions").textContent = "policy " + (ver.policy || "?") + "; databases: " + (dbs || "none") +
        "; last reload " + time(ver.last_reload_ts) + (ver.last_reload_error ? " (failed: " + ver.last_reload_error + ")" : "") +
        "; snapshot " + time(s.generated_at);
  }

  function refresh() {
    var headers = token ? { "Authorization": "Bearer " + token } : {};
    fetch("status", { headers: headers, cache: "no-store" }).then(function (r) {
      if (r.status === 401) throw new Error("unauthorized: open this page as /#token=<token>");
      if (!r.ok) throw new Error("status " + r.status);
      return r.json();
    }).then(render).catch(function (e) {
      banner("unknown", "NO STATUS", e.message);
    });
  }

  refresh();
  setInterval(refresh, REFRESH_MS);
})();
