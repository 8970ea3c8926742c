// audit.js: the Audit page: the CloudTrail-shaped KMS events from /_coffer/audit, newest first, filtered by key,
// event name, principal and time, S3's calls on a requester's behalf marked "via S3"; follows new events by
// polling every 2 s while the page is shown and the tab visible.
"use strict";

(function () {
  const { el, clear, table, emptyRow, labelled, attempt, formatTime, note } = Coffer.ui;
  const LIMIT = 200;

  function isViaS3(event) {
    const identity = event.userIdentity || {};
    return event.invokedBy === "s3.amazonaws.com" || identity.invokedBy === "s3.amazonaws.com" ||
      event.sourceIPAddress === "s3.amazonaws.com";
  }

  function keyOf(event) {
    const resource = (event.resources || []).find((r) => r.ARN || r.arn);
    return resource ? resource.ARN || resource.arn : ((event.requestParameters || {}).keyId || "—");
  }

  // The server's `since` takes whole seconds: floor an event time to them.
  function wholeSeconds(time) {
    return new Date(Math.floor(Date.parse(time) / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  function eventRow(event) {
    const via = isViaS3(event);
    const context = (event.requestParameters || {}).encryptionContext;
    return el("tr", { class: "audit-event" + (via ? " via-s3" : "") + (event.errorCode ? " failed" : ""),
      "data-event-id": event.eventID, "data-event-name": event.eventName },
      el("td", { text: formatTime(event.eventTime) }),
      el("th", { scope: "row", text: event.eventName }),
      el("td", { class: "wrap", text: (event.userIdentity || {}).arn || "—" }),
      el("td", {}, el("span", { class: via ? "badge badge-s3" : "badge badge-api", text: via ? "via S3" : "API" })),
      el("td", { class: "wrap mono", title: keyOf(event), text: Coffer.ui.shortKeyId(keyOf(event)) }),
      el("td", { class: "wrap", text: context ? JSON.stringify(context) : "—" }),
      el("td", { class: event.errorCode ? "error-text" : "", text: event.errorCode || "—" }));
  }

  function filterForm(params) {
    const text = (name, placeholder) =>
      el("input", { id: "audit-" + name, value: params.get(name) || "", spellcheck: "false", placeholder });
    const inputs = {
      key: text("key", "key ID or ARN"),
      event: text("event", "e.g. GenerateDataKey"),
      principal: text("principal", "part of an ARN"),
      since: el("input", { id: "audit-since", type: "datetime-local", step: 1 }),
      follow: el("input", { id: "audit-follow", type: "checkbox", checked: true }),
    };
    const form = el("form", { class: "panel inline-form", id: "audit-filters", "aria-label": "Filters" },
      labelled("Key", inputs.key), labelled("Event name", inputs.event), labelled("Principal", inputs.principal),
      labelled("Since (UTC)", inputs.since),
      el("div", { class: "control checkbox" }, inputs.follow,
        el("label", { for: "audit-follow", text: "Follow live" })),
      el("button", { type: "submit", id: "audit-apply", class: "primary" }, "Apply"));
    return { form, inputs };
  }

  function render(page, params) {
    const list = table("audit-table", "KMS events, newest first",
      ["Time", "Event", "Principal", "Caller", "Key", "Encryption context", "Error"]);
    const { form, inputs } = filterForm(params);
    const count = el("p", { id: "audit-count", class: "small" });
    page.append(el("h1", { text: "Audit" }), form, count, list.wrap);
    emptyRow(list.tbody, 7, "Loading…");
    let events = [];
    let stopFollow = null;
    let active = true;

    const query = (since) => ({ format: "json", limit: String(LIMIT), key: inputs.key.value.trim() || undefined,
      event: inputs.event.value.trim() || undefined, since });
    const filterSince = () => (inputs.since.value ? wholeSeconds(inputs.since.value + "Z") : undefined);
    const shown = () => {
      const principal = inputs.principal.value.trim().toLowerCase();
      const arnOf = (e) => String((e.userIdentity || {}).arn).toLowerCase();
      const rows = events.filter((e) => !principal || arnOf(e).includes(principal));
      clear(list.tbody);
      if (!rows.length) emptyRow(list.tbody, 7, "No events match.");
      rows.forEach((e) => list.tbody.appendChild(eventRow(e)));
      count.textContent = rows.length + " events shown" + (stopFollow ? ", following live" : "");
    };
    const merge = (fresh) => {
      const known = new Set(events.map((e) => e.eventID));
      events = fresh.filter((e) => !known.has(e.eventID)).concat(events)
        .sort((a, b) => Date.parse(b.eventTime) - Date.parse(a.eventTime)).slice(0, LIMIT);
    };
    const load = async () => {
      events = [];
      merge(await Coffer.api.admin("GET", "/_coffer/audit", query(filterSince())) || []);
      shown();
    };
    const followTick = async () => {
      const since = events.length ? wholeSeconds(events[0].eventTime) : filterSince();
      const before = events.length ? events[0].eventID : null;
      merge(await Coffer.api.admin("GET", "/_coffer/audit", query(since)) || []);
      if (!events.length || events[0].eventID !== before) shown();
    };
    const setFollow = () => {
      if (stopFollow) stopFollow();
      stopFollow = active && inputs.follow.checked ? Coffer.app.poll(followTick, 2000) : null;
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      attempt(async () => { await load(); setFollow(); });
    });
    inputs.follow.addEventListener("change", setFollow);
    inputs.principal.addEventListener("input", shown);
    (async () => {
      try {
        await load();
        setFollow();
      } catch (error) {
        if (error.status !== 403) throw error;
        clear(page).append(el("h1", { text: "Audit" }),
          note("The audit trail needs the root user: it shows every caller's KMS calls."));
      }
    })().catch(Coffer.ui.showError);
    return () => {
      active = false;
      if (stopFollow) stopFollow();
      stopFollow = null;
    };
  }

  Coffer.audit = { render, isViaS3 };
})();
