// live.js: the live lecture view (landing page): KMS calls per second by caller and operation as SVG charts, the
// Bucket Key caches, the calls saved and their cost, quota use, and the "run the experiment" panel. Fed by one
// signed streaming fetch of /_coffer/console/api/live, stopped when the tab is hidden or the page is left.
"use strict";

(function () {
  const { el, clear, table, emptyRow, formatNumber, formatMoney, formatTime, showError, announce } = Coffer.ui;
  const CAPACITY = 60;
  const SECONDS_PER_MONTH = 30 * 24 * 3600;
  const PRICE_PER_REQUEST = 0.03 / 10000;
  const LIVE_PATH = "/_coffer/console/api/live";
  const EXPERIMENT_PATH = "/_coffer/console/api/experiment";

  // ---- rates from cumulative counters ----

  function sum(counts) {
    return Object.values(counts || {}).reduce((a, b) => a + b, 0);
  }

  function cacheTotal(event, field) {
    const caches = event.bucketKeyCache || {};
    return ((caches.writes || {})[field] || 0) + ((caches.reads || {})[field] || 0);
  }

  // Per-second rates between two consecutive events: by caller, by "caller operation", by quota family.
  function ratesBetween(previous, current) {
    const seconds = (Date.parse(current.time) - Date.parse(previous.time)) / 1000;
    if (!(seconds > 0)) return null;
    const rate = (now, before) => Math.max(0, (now - (before || 0)) / seconds);
    const counts = (event, caller) => (event.kmsRequests || {})[caller] || {};
    const rates = { ops: {}, quotas: {} };
    ["api", "s3"].forEach((caller) => {
      const now = counts(current, caller);
      const before = counts(previous, caller);
      rates[caller] = rate(sum(now), sum(before));
      Object.keys(now).forEach((op) => { rates.ops[caller + " " + op] = rate(now[op], before[op]); });
    });
    (current.quotas || []).forEach((q) => {
      const before = (previous.quotas || []).find((p) => p.family === q.family);
      rates.quotas[q.family] = before ? rate(q.admitted, before.admitted) : 0;
    });
    return rates;
  }

  // ---- the experiment panel ----

  function experimentSide(title, idPrefix) {
    return el("div", { class: "experiment-bucket" },
      el("h3", { text: title }),
      el("span", { class: "big-number", id: idPrefix + "-calls", text: "—" }),
      el("span", { class: "card-hint", text: "KMS calls made by S3" }),
      el("p", { id: idPrefix + "-detail", class: "small" }));
  }

  function buildExperimentPanel() {
    const objects = el("input", { id: "experiment-objects", type: "number", min: 1, max: 1000, value: 100,
      required: true });
    const run = el("button", { id: "experiment-run", type: "submit", class: "primary" }, "Run the experiment");
    const progress = el("progress", { id: "experiment-progress", max: 1, value: 0,
      "aria-label": "Experiment progress" });
    const form = el("form", { class: "inline-form", id: "experiment-form" },
      el("label", { for: "experiment-objects", text: "Objects (N PUTs, then N GETs, per bucket)" }), objects, run);
    form.addEventListener("submit", runExperiment);
    return el("section", { id: "experiment", class: "panel", "aria-labelledby": "experiment-title",
      "data-state": "none" },
      el("h2", { id: "experiment-title", text: "Run the experiment" }),
      el("p", { class: "small", text: "The server PUTs and GETs N objects in two buckets under one KMS key: one " +
        "without Bucket Keys (a KMS call per object), one with them (one call per bucket key)." }),
      form,
      el("div", { class: "progress-row" }, progress, el("span", { id: "experiment-phase", class: "small" })),
      el("div", { class: "experiment-sides" },
        experimentSide("Without Bucket Keys", "experiment-without"),
        experimentSide("With Bucket Keys", "experiment-with")),
      el("p", { id: "experiment-summary", class: "summary" }),
      el("p", { id: "experiment-estimate", class: "small" }));
  }

  function summaryText(experiment, withBk, without) {
    if (experiment.state === "failed") return "The experiment failed: " + (experiment.error || "unknown error");
    if (experiment.state === "running") return "Running…";
    const calls = (n) => n + " KMS call" + (n === 1 ? "" : "s");
    return `${experiment.objects} PUTs: ${calls(withBk.putCalls)} with Bucket Keys against ${without.putCalls} ` +
      `without. ${experiment.objects} GETs: ${withBk.getCalls} against ${without.getCalls}.`;
  }

  function estimateText(estimate) {
    if (!estimate) return "";
    const perSecond = estimate.requestsPerSecond;
    return `At ${formatNumber(perSecond.puts)} PUT/s and ${formatNumber(perSecond.gets)} GET/s for a month, at ` +
      `$0.03 per 10,000 KMS requests: ${formatMoney(estimate.monthlyCostWithout)} without Bucket Keys, ` +
      `${formatMoney(estimate.monthlyCostWith)} with them (${formatNumber(estimate.reductionPercent)}% less).`;
  }

  function showSide(idPrefix, bucket) {
    const b = bucket || {};
    document.getElementById(idPrefix + "-calls").textContent = String((b.putCalls || 0) + (b.getCalls || 0));
    document.getElementById(idPrefix + "-detail").textContent =
      `${formatNumber(b.putCalls || 0)} for ${formatNumber(b.puts || 0)} PUTs, ` +
      `${formatNumber(b.getCalls || 0)} for ${formatNumber(b.gets || 0)} GETs` + (b.name ? ` (bucket ${b.name})` : "");
  }

  // Shows an EXPERIMENT (from the POST answer or a live event); does nothing once the page is gone.
  function showExperiment(experiment) {
    const panel = document.getElementById("experiment");
    if (!panel || !experiment) return;
    panel.setAttribute("data-state", experiment.state);
    const progress = document.getElementById("experiment-progress");
    progress.max = Math.max(1, experiment.total || 1);
    progress.value = experiment.completed || 0;
    document.getElementById("experiment-phase").textContent = `${experiment.state}, ${experiment.phase}: ` +
      `${formatNumber(experiment.completed)} of ${formatNumber(experiment.total)} requests`;
    const withBk = (experiment.buckets || []).find((b) => b.bucketKeyEnabled) || {};
    const without = (experiment.buckets || []).find((b) => !b.bucketKeyEnabled) || {};
    showSide("experiment-with", withBk);
    showSide("experiment-without", without);
    document.getElementById("experiment-run").disabled = experiment.state === "running";
    document.getElementById("experiment-summary").textContent = summaryText(experiment, withBk, without);
    document.getElementById("experiment-estimate").textContent = estimateText(experiment.estimate);
  }

  async function runExperiment(event) {
    event.preventDefault();
    const objects = Number(document.getElementById("experiment-objects").value);
    try {
      const experiment = await Coffer.api.admin("POST", EXPERIMENT_PATH, undefined, { objects });
      announce("Experiment started with " + objects + " objects");
      showExperiment(experiment);
    } catch (error) {
      showError(error);
    }
  }

  // ---- the page ----

  function card(label, id, hint) {
    return el("div", { class: "card" }, el("span", { class: "card-label", text: label }),
      el("span", { class: "card-value", id, text: "—" }),
      hint ? el("span", { class: "card-hint", text: hint }) : null);
  }

  function figure(caption, svg, legendId) {
    return el("figure", {}, el("figcaption", { text: caption }), svg, el("ul", { class: "legend", id: legendId }));
  }

  function buildPage(page) {
    const view = {
      byCaller: Coffer.charts.create("kms-chart", "KMS calls per second by caller, last 60 seconds"),
      byOperation: Coffer.charts.create("kms-op-chart", "KMS calls per second by operation, last 60 seconds"),
      ops: table("ops-table", "KMS calls by caller and operation",
        ["Caller", "Operation", "Per second", "Since start"]),
      caches: table("bk-table", "Bucket Key caches",
        ["Cache", "Hits", "Misses (KMS calls)", "Coalesced", "Entries", "Loading"]),
      quotas: table("quota-table", "Request quotas", ["Family", "Limit /s", "Now /s", "Use", "Admitted", "Throttled"]),
      state: el("p", { id: "live-state", class: "small", text: "Connecting…" }),
    };
    view.content = el("div", { id: "live-content" },
      el("div", { class: "cards" },
        card("KMS calls/s via the API", "kms-rate-api"), card("KMS calls/s made by S3", "kms-rate-s3"),
        card("Bucket Key cache hits", "bk-hits", "reads + writes"),
        card("Bucket Key cache misses", "bk-misses", "each one a KMS call"),
        card("KMS calls saved by Bucket Keys", "calls-saved", "one per cache hit"),
        card("S3's KMS cost at this rate", "cost-now", "per month, $0.03 per 10,000")),
      el("div", { class: "charts" },
        figure("KMS calls per second by caller", view.byCaller, "kms-chart-legend"),
        figure("KMS calls per second by operation", view.byOperation, "kms-op-chart-legend")),
      buildExperimentPanel(),
      el("div", { class: "columns" }, view.ops.wrap, el("div", {}, view.caches.wrap, view.quotas.wrap)));
    page.append(el("h1", { text: "Live lecture view" }), view.state, view.content);
    return view;
  }

  function fillOps(tbody, event, rates) {
    clear(tbody);
    const rows = [];
    ["api", "s3"].forEach((caller) => Object.entries((event.kmsRequests || {})[caller] || {}).forEach(([op, total]) =>
      rows.push({ caller, op, total, rate: rates ? rates.ops[caller + " " + op] || 0 : 0 })));
    if (!rows.length) emptyRow(tbody, 4, "No KMS calls yet.");
    rows.sort((a, b) => b.total - a.total).forEach((r) => tbody.appendChild(el("tr", {},
      el("td", {}, el("span", { class: "badge badge-" + r.caller, text: r.caller })), el("td", { text: r.op }),
      el("td", { class: "num", text: formatNumber(r.rate) }),
      el("td", { class: "num", text: formatNumber(r.total) }))));
  }

  function fillCaches(tbody, event) {
    clear(tbody);
    [["writes", "writes (PUT)"], ["reads", "reads (GET)"]].forEach(([name, label]) => {
      const c = (event.bucketKeyCache || {})[name] || {};
      const numbers = [c.hits, c.misses, c.coalesced, c.entries, c.inFlight];
      tbody.appendChild(el("tr", {}, el("th", { scope: "row", text: label }),
        numbers.map((v) => el("td", { class: "num", text: formatNumber(v) }))));
    });
  }

  function fillQuotas(tbody, event, rates) {
    clear(tbody);
    if (!(event.quotas || []).length) emptyRow(tbody, 6, "No quota families reported.");
    (event.quotas || []).forEach((q) => {
      const now = rates ? rates.quotas[q.family] || 0 : 0;
      const use = q.limitPerSecond ? (100 * now) / q.limitPerSecond : null;
      tbody.appendChild(el("tr", { class: q.throttled > 0 ? "warn" : null },
        el("th", { scope: "row", text: q.label || q.family }),
        el("td", { class: "num", text: q.limitPerSecond ? formatNumber(q.limitPerSecond) : "no limit" }),
        el("td", { class: "num", text: formatNumber(now) }),
        el("td", { class: "num", text: use === null ? "—" : formatNumber(use) + "%" }),
        el("td", { class: "num", text: formatNumber(q.admitted) }),
        el("td", { class: "num", text: formatNumber(q.throttled) })));
    });
  }

  function drawCharts(view, history, colours) {
    const callers = [
      { name: "api", values: history.map((r) => r.api), colour: 0 },
      { name: "s3", values: history.map((r) => r.s3), colour: 1 },
    ];
    Coffer.charts.draw(view.byCaller, callers, CAPACITY);
    Coffer.charts.legend(document.getElementById("kms-chart-legend"), callers, "/s");
    // Only the operations called in the window, so the legend stays short; each keeps its colour.
    const names = [...new Set(history.flatMap((r) => Object.keys(r.ops).filter((name) => r.ops[name] > 0)))].sort();
    names.forEach((name) => { if (!colours.has(name)) colours.set(name, colours.size % 8); });
    const ops = names.map((name) => ({ name, colour: colours.get(name),
      values: history.map((r) => r.ops[name] || 0) }));
    Coffer.charts.draw(view.byOperation, ops, CAPACITY);
    Coffer.charts.legend(document.getElementById("kms-op-chart-legend"), ops, "/s");
  }

  function setText(id, text) {
    document.getElementById(id).textContent = text;
  }

  // Returns the event handler: keeps the last CAPACITY rate samples and redraws everything.
  function createUpdater(view) {
    const history = [];
    const colours = new Map();
    let previous = null;
    return function onEvent(event) {
      const rates = previous ? ratesBetween(previous, event) : null;
      previous = event;
      if (rates) history.push(rates);
      if (history.length > CAPACITY) history.shift();
      const recent = history.slice(-10);
      const s3Rate = recent.reduce((a, r) => a + r.s3, 0) / Math.max(1, recent.length);
      setText("kms-rate-api", rates ? formatNumber(rates.api) : "—");
      setText("kms-rate-s3", rates ? formatNumber(rates.s3) : "—");
      setText("bk-hits", formatNumber(cacheTotal(event, "hits")));
      setText("bk-misses", formatNumber(cacheTotal(event, "misses")));
      setText("calls-saved", formatNumber(cacheTotal(event, "hits")));
      setText("cost-now", formatMoney(s3Rate * SECONDS_PER_MONTH * PRICE_PER_REQUEST));
      view.state.textContent = "Live, updated " + formatTime(event.time);
      drawCharts(view, history, colours);
      fillOps(view.ops.tbody, event, rates);
      fillCaches(view.caches.tbody, event);
      fillQuotas(view.quotas.tbody, event, rates);
      if (event.experiment) showExperiment(event.experiment);
    };
  }

  function showNeedsRoot(page, view) {
    view.content.remove();
    view.state.remove();
    page.appendChild(el("p", { id: "live-denied", class: "note", text: "This view needs the root user: it shows " +
      "every caller's KMS calls. Sign in with the root credentials to see it." }));
  }

  // One stream while the page is shown and the tab visible; reconnects with a bounded backoff (1 s to 30 s).
  function render(page) {
    const view = buildPage(page);
    const onEvent = createUpdater(view);
    let controller = null;
    let retryTimer = null;
    let backoff = 1000;
    let stopped = false;

    async function connect() {
      retryTimer = null;
      if (stopped || document.hidden || controller) return;
      const mine = new AbortController();
      controller = mine;
      try {
        await Coffer.api.stream(LIVE_PATH, (event) => { backoff = 1000; onEvent(event); }, mine.signal);
      } catch (error) {
        if (mine.signal.aborted) return;
        if (error.status === 403) {
          stopped = true;
          showNeedsRoot(page, view);
          return;
        }
        view.state.textContent = "Stream interrupted (" + (error.code || error.message) + "), retrying…";
      } finally {
        if (controller === mine) controller = null;
      }
      if (stopped || document.hidden) return;
      retryTimer = setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 30000);
    }

    function disconnect() {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      if (controller) controller.abort();
      controller = null;
    }

    const onVisibility = () => (document.hidden ? disconnect() : connect());
    document.addEventListener("visibilitychange", onVisibility);
    connect();
    return () => {
      stopped = true;
      disconnect();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }

  Coffer.live = { render };
})();
