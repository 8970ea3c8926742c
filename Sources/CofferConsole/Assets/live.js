// live.js: the live lecture view (landing page): KMS calls per second by caller and operation as SVG charts, the
// Bucket Key caches, the calls saved and their cost, quota use, and the "run the experiment" panel. Fed by one
// signed streaming fetch of /_coffer/console/api/live, stopped when the tab is hidden or the page is left.
"use strict";

(function () {
  const { el, clear, table, emptyRow, formatNumber, formatMoney, showError, announce } = Coffer.ui;
  const CAPACITY = 60;
  const SECONDS_PER_MONTH = 30 * 24 * 3600;
  const PRICE_PER_REQUEST = 0.03 / 10000;
  const LIVE_PATH = "/_coffer/console/api/live";
  const EXPERIMENT_PATH = "/_coffer/console/api/experiment";

  function sum(counts) {
    return Object.values(counts || {}).reduce((a, b) => a + b, 0);
  }

  function card(label, id, hint) {
    return el("div", { class: "card" }, el("span", { class: "card-label", text: label }),
      el("span", { class: "card-value", id, text: "—" }), hint ? el("span", { class: "card-hint", text: hint }) : null);
  }

  // Rates from two consecutive cumulative events.
  function ratesBetween(previous, current) {
    const seconds = (Date.parse(current.time) - Date.parse(previous.time)) / 1000;
    if (!(seconds > 0)) return null;
    const ops = {};
    ["api", "s3"].forEach((caller) => {
      const now = (current.kmsRequests || {})[caller] || {};
      const before = (previous.kmsRequests || {})[caller] || {};
      Object.keys(now).forEach((op) => { ops[caller + " " + op] = Math.max(0, (now[op] - (before[op] || 0)) / seconds); });
    });
    const callerRate = (caller) => Math.max(0, (sum((current.kmsRequests || {})[caller]) - sum((previous.kmsRequests || {})[caller])) / seconds);
    const hits = (e) => ((e.bucketKeyCache || {}).writes || {}).hits + ((e.bucketKeyCache || {}).reads || {}).hits || 0;
    const quotas = {};
    (current.quotas || []).forEach((q) => {
      const before = (previous.quotas || []).find((p) => p.family === q.family);
      quotas[q.family] = before ? Math.max(0, (q.admitted - before.admitted) / seconds) : 0;
    });
    return { api: callerRate("api"), s3: callerRate("s3"), ops, savedRate: Math.max(0, (hits(current) - hits(previous)) / seconds), quotas };
  }

  function buildExperimentPanel() {
    const objects = el("input", { id: "experiment-objects", type: "number", min: 1, max: 1000, value: 100, required: true });
    const run = el("button", { id: "experiment-run", type: "submit", class: "primary" }, "Run the experiment");
    const progress = el("progress", { id: "experiment-progress", max: 1, value: 0, "aria-label": "Experiment progress" });
    const side = (title, idPrefix) => el("div", { class: "experiment-bucket" },
      el("h3", { text: title }),
      el("span", { class: "big-number", id: idPrefix + "-calls", text: "—" }),
      el("span", { class: "card-hint", text: "KMS calls made by S3" }),
      el("p", { id: idPrefix + "-detail", class: "small" }));
    const form = el("form", { class: "inline-form", id: "experiment-form" },
      el("label", { for: "experiment-objects", text: "Objects (N PUTs, then N GETs, per bucket)" }), objects, run);
    return el("section", { id: "experiment", class: "panel", "aria-labelledby": "experiment-title", "data-state": "none" },
      el("h2", { id: "experiment-title", text: "Run the experiment" }),
      el("p", { class: "small", text: "The server PUTs and GETs N objects in two buckets under one KMS key: one " +
        "without Bucket Keys (a KMS call per object), one with them (one call per bucket key)." }),
      form, el("div", { class: "progress-row" }, progress, el("span", { id: "experiment-phase", class: "small" })),
      el("div", { class: "experiment-sides" },
        side("Without Bucket Keys", "experiment-without"), side("With Bucket Keys", "experiment-with")),
      el("p", { id: "experiment-summary", class: "summary" }),
      el("p", { id: "experiment-estimate", class: "small" }));
  }

  function showExperiment(experiment) {
    const panel = document.getElementById("experiment");
    if (!panel || !experiment) return;
    panel.setAttribute("data-state", experiment.state);
    const progress = document.getElementById("experiment-progress");
    progress.max = Math.max(1, experiment.total || 1);
    progress.value = experiment.completed || 0;
    document.getElementById("experiment-phase").textContent = experiment.state + ", " + experiment.phase + ": " +
      formatNumber(experiment.completed) + " of " + formatNumber(experiment.total) + " requests";
    const withBk = (experiment.buckets || []).find((b) => b.bucketKeyEnabled) || {};
    const without = (experiment.buckets || []).find((b) => !b.bucketKeyEnabled) || {};
    [["experiment-with", withBk], ["experiment-without", without]].forEach(([prefix, b]) => {
      document.getElementById(prefix + "-calls").textContent = String((b.putCalls || 0) + (b.getCalls || 0));
      document.getElementById(prefix + "-detail").textContent = `${formatNumber(b.putCalls || 0)} for ` +
        `${formatNumber(b.puts || 0)} PUTs, ${formatNumber(b.getCalls || 0)} for ${formatNumber(b.gets || 0)} GETs` +
        (b.name ? ` (bucket ${b.name})` : "");
    });
    document.getElementById("experiment-run").disabled = experiment.state === "running";
    document.getElementById("experiment-summary").textContent = summaryText(experiment, withBk, without);
    const estimate = experiment.estimate;
    document.getElementById("experiment-estimate").textContent = estimate
      ? `At ${formatNumber(estimate.requestsPerSecond.puts)} PUT/s and ${formatNumber(estimate.requestsPerSecond.gets)} GET/s ` +
        `for a month, at $0.03 per 10,000 KMS requests: ${formatMoney(estimate.monthlyCostWithout)} without Bucket Keys, ` +
        `${formatMoney(estimate.monthlyCostWith)} with them (${formatNumber(estimate.reductionPercent)}% less).`
      : "";
  }

  function summaryText(experiment, withBk, without) {
    if (experiment.state === "failed") return "The experiment failed: " + (experiment.error || "unknown error");
    if (experiment.state === "running") return "Running…";
    const calls = (n) => n + " KMS call" + (n === 1 ? "" : "s");
    return `${experiment.objects} PUTs: ${calls(withBk.putCalls)} with Bucket Keys against ${without.putCalls} without. ` +
      `${experiment.objects} GETs: ${withBk.getCalls} against ${without.getCalls}.`;
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

  function buildPage(page) {
    const byCaller = Coffer.charts.create("kms-chart", "KMS calls per second by caller, last 60 seconds");
    const byOperation = Coffer.charts.create("kms-op-chart", "KMS calls per second by operation, last 60 seconds");
    const ops = table("ops-table", "KMS calls by caller and operation", ["Caller", "Operation", "Per second", "Since start"]);
    const caches = table("bk-table", "Bucket Key caches", ["Cache", "Hits", "Misses (KMS calls)", "Coalesced", "Entries", "Loading"]);
    const quotas = table("quota-table", "Request quotas", ["Family", "Limit /s", "Now /s", "Use", "Admitted", "Throttled"]);
    const content = el("div", { id: "live-content" },
      el("div", { class: "cards" },
        card("KMS calls/s via the API", "kms-rate-api"), card("KMS calls/s made by S3", "kms-rate-s3"),
        card("Bucket Key cache hits", "bk-hits", "reads + writes"), card("Bucket Key cache misses", "bk-misses", "each one a KMS call"),
        card("KMS calls saved by Bucket Keys", "calls-saved", "one per cache hit"),
        card("S3's KMS cost at this rate", "cost-now", "per month, $0.03 per 10,000")),
      el("div", { class: "charts" },
        el("figure", {}, el("figcaption", { text: "KMS calls per second by caller" }), byCaller, el("ul", { class: "legend", id: "kms-chart-legend" })),
        el("figure", {}, el("figcaption", { text: "KMS calls per second by operation" }), byOperation, el("ul", { class: "legend", id: "kms-op-chart-legend" }))),
      buildExperimentPanel(),
      el("div", { class: "columns" }, ops.wrap, el("div", {}, caches.wrap, quotas.wrap)));
    page.appendChild(el("h1", { text: "Live lecture view" }));
    page.appendChild(el("p", { id: "live-state", class: "small", text: "Connecting…" }));
    page.appendChild(content);
    return { byCaller, byOperation, ops: ops.tbody, caches: caches.tbody, quotas: quotas.tbody, content };
  }

  function fillOps(tbody, event, rates) {
    clear(tbody);
    const rows = [];
    ["api", "s3"].forEach((caller) => Object.entries((event.kmsRequests || {})[caller] || {}).forEach(([op, total]) =>
      rows.push([caller, op, rates ? rates.ops[caller + " " + op] || 0 : 0, total])));
    if (!rows.length) emptyRow(tbody, 4, "No KMS calls yet.");
    rows.sort((a, b) => b[3] - a[3]).forEach(([caller, op, rate, total]) => tbody.appendChild(el("tr", {},
      el("td", {}, el("span", { class: "badge badge-" + caller, text: caller })), el("td", { text: op }),
      el("td", { class: "num", text: formatNumber(rate) }), el("td", { class: "num", text: formatNumber(total) }))));
  }

  function fillCaches(tbody, event) {
    clear(tbody);
    ["writes", "reads"].forEach((name) => {
      const c = (event.bucketKeyCache || {})[name] || {};
      tbody.appendChild(el("tr", {}, el("th", { scope: "row", text: name === "writes" ? "writes (PUT)" : "reads (GET)" }),
        ...[c.hits, c.misses, c.coalesced, c.entries, c.inFlight].map((v) => el("td", { class: "num", text: formatNumber(v) }))));
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

  // Keeps the last CAPACITY rate samples and draws them.
  function createView(parts) {
    const history = [];
    const colours = new Map();
    let previous = null;
    return function onEvent(event) {
      const rates = previous ? ratesBetween(previous, event) : null;
      previous = event;
      if (rates) {
        history.push(rates);
        if (history.length > CAPACITY) history.shift();
      }
      const caches = event.bucketKeyCache || {};
      const hits = ((caches.writes || {}).hits || 0) + ((caches.reads || {}).hits || 0);
      const misses = ((caches.writes || {}).misses || 0) + ((caches.reads || {}).misses || 0);
      document.getElementById("kms-rate-api").textContent = rates ? formatNumber(rates.api) : "—";
      document.getElementById("kms-rate-s3").textContent = rates ? formatNumber(rates.s3) : "—";
      document.getElementById("bk-hits").textContent = formatNumber(hits);
      document.getElementById("bk-misses").textContent = formatNumber(misses);
      document.getElementById("calls-saved").textContent = formatNumber(hits);
      const recent = history.slice(-10);
      const s3Rate = recent.reduce((a, r) => a + r.s3, 0) / Math.max(1, recent.length);
      document.getElementById("cost-now").textContent = formatMoney(s3Rate * SECONDS_PER_MONTH * PRICE_PER_REQUEST);
      document.getElementById("live-state").textContent = "Live, updated " + Coffer.ui.formatTime(event.time);
      drawCharts(parts, history, colours);
      fillOps(parts.ops, event, rates);
      fillCaches(parts.caches, event);
      fillQuotas(parts.quotas, event, rates);
      if (event.experiment) showExperiment(event.experiment);
    };
  }

  function drawCharts(parts, history, colours) {
    const callers = [
      { name: "api", values: history.map((r) => r.api), colour: 0 },
      { name: "s3", values: history.map((r) => r.s3), colour: 1 },
    ];
    Coffer.charts.draw(parts.byCaller, callers, CAPACITY);
    Coffer.charts.legend(document.getElementById("kms-chart-legend"), callers, "/s");
    // Only the operations called in the window, so the legend stays short.
    const names = [...new Set(history.flatMap((r) => Object.keys(r.ops).filter((name) => r.ops[name] > 0)))].sort();
    names.forEach((name) => { if (!colours.has(name)) colours.set(name, colours.size % 8); });
    const ops = names.map((name) => ({ name, values: history.map((r) => r.ops[name] || 0), colour: colours.get(name) }));
    Coffer.charts.draw(parts.byOperation, ops, CAPACITY);
    Coffer.charts.legend(document.getElementById("kms-op-chart-legend"), ops, "/s");
  }

  function showNeedsRoot(page, parts) {
    parts.content.remove();
    document.getElementById("live-state").remove();
    page.appendChild(el("p", { id: "live-denied", class: "note", text: "This view needs the root user: it shows every caller's " +
      "KMS calls. Sign in with the root credentials to see it." }));
  }

  // One stream while the page is shown and the tab visible; reconnects with a bounded backoff.
  function render(page) {
    const parts = buildPage(page);
    const onEvent = createView(parts);
    document.getElementById("experiment-form").addEventListener("submit", runExperiment);
    let controller = null;
    let retryTimer = null;
    let backoff = 1000;
    let stopped = false;

    async function connect() {
      retryTimer = null;
      if (stopped || document.hidden || controller) return;
      controller = new AbortController();
      const mine = controller;
      try {
        await Coffer.api.stream(LIVE_PATH, (event) => { backoff = 1000; onEvent(event); }, mine.signal);
      } catch (error) {
        if (mine.signal.aborted) return;
        if (error.status === 403) { stopped = true; showNeedsRoot(page, parts); return; }
        document.getElementById("live-state").textContent = "Stream interrupted (" + (error.code || error.message) + "), retrying…";
      } finally {
        if (controller === mine) controller = null;
      }
      if (!stopped && !document.hidden) {
        retryTimer = setTimeout(connect, backoff);
        backoff = Math.min(backoff * 2, 30000);
      }
    }

    function disconnect() {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      if (controller) controller.abort();
      controller = null;
    }

    const onVisibility = () => {
      if (document.hidden) disconnect();
      else connect();
    };
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
