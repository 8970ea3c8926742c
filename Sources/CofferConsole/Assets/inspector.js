// inspector.js: the request inspector: the server's ring of recent S3 requests, newest first, each expandable
// into its envelope steps (who asked, which key, Bucket Key hit or KMS call, data key source, bytes sealed or
// opened, where they went). Refresh button and a 2-second auto-refresh while the page is shown and visible.
"use strict";

(function () {
  const { el, clear, table, emptyRow, formatTime, formatNumber, note } = Coffer.ui;
  const PATH = "/_coffer/console/api/requests";

  function stepList(steps) {
    return el("ol", { class: "steps" }, (steps || []).map((s) => el("li", { "data-step": s.step },
      el("span", { class: "step-name", text: s.step }), " ",
      el("span", { class: "step-detail", text: s.detail || "" }),
      s.durationMs == null ? null
        : el("span", { class: "step-time", text: " (" + formatNumber(s.durationMs) + " ms)" }))));
  }

  function stepCount(n) {
    return n + (n === 1 ? " step" : " steps");
  }

  function requestRow(request, open) {
    const details = el("details", { "data-request-id": request.id, open },
      el("summary", { text: stepCount((request.steps || []).length) }), stepList(request.steps));
    const target = request.bucket ? request.bucket + (request.key ? "/" + request.key : "") : "/";
    const failed = request.status >= 400;
    return el("tr", { class: "inspector-request" + (failed ? " failed" : ""), "data-request-id": request.id },
      el("td", { text: formatTime(request.time) }),
      el("th", { scope: "row", text: request.method + " " + (request.operation || "") }),
      el("td", { class: "wrap", text: target }),
      el("td", { class: "wrap", text: request.principal || "anonymous" }),
      el("td", { class: failed ? "error-text num" : "num", text: String(request.status) }),
      el("td", { class: "num", text: formatNumber(request.durationMs) + " ms" }),
      el("td", { class: "steps-cell" }, details));
  }

  function render(page) {
    const list = table("inspector-table", "Recent S3 requests, newest first",
      ["Time", "Request", "Bucket / key", "Principal", "Status", "Duration", "Envelope steps"]);
    const auto = el("input", { id: "inspector-auto", type: "checkbox", checked: true });
    const refresh = el("button", { type: "button", id: "inspector-refresh" }, "Refresh");
    const info = el("p", { id: "inspector-info", class: "small" });
    page.append(el("h1", { text: "Request inspector" }),
      el("p", { class: "small",
        text: "Each S3 request as its envelope steps. Kept in a bounded ring in memory; never key or object bytes." }),
      el("div", { class: "inline-form" }, refresh,
        el("div", { class: "control checkbox" }, auto,
          el("label", { for: "inspector-auto", text: "Refresh every 2 s" }))),
      info, list.wrap);
    emptyRow(list.tbody, 7, "Loading…");
    let newest = null;
    let stopAuto = null;
    let active = true;

    const load = async (force) => {
      const answer = await Coffer.api.admin("GET", PATH, { limit: "200" });
      const requests = answer.requests || [];
      info.textContent = requests.length + " requests shown (the ring keeps " + formatNumber(answer.capacity) + ")";
      if (!force && requests.length && requests[0].id === newest) return;
      newest = requests.length ? requests[0].id : null;
      const openDetails = Array.from(list.tbody.querySelectorAll("details[open]"));
      const open = new Set(openDetails.map((d) => d.getAttribute("data-request-id")));
      clear(list.tbody);
      if (!requests.length) emptyRow(list.tbody, 7, "No S3 requests yet.");
      requests.forEach((r) => list.tbody.appendChild(requestRow(r, open.has(r.id))));
    };
    const setAuto = () => {
      if (stopAuto) stopAuto();
      stopAuto = active && auto.checked ? Coffer.app.poll(() => load(false), 2000) : null;
    };
    refresh.addEventListener("click", () => Coffer.ui.attempt(() => load(true)));
    auto.addEventListener("change", setAuto);
    load(true).then(setAuto, (error) => {
      if (error.status !== 403) return Coffer.ui.showError(error);
      clear(page).append(el("h1", { text: "Request inspector" }),
        note("The request inspector needs the root user: it shows every caller's requests."));
    });
    return () => {
      active = false;
      if (stopAuto) stopAuto();
      stopAuto = null;
    };
  }

  Coffer.inspector = { render };
})();
