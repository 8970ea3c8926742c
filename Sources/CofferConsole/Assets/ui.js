// ui.js: small DOM helpers shared by the pages: element building (text only, never HTML), tables, definition
// lists, the error banner, the polite status line, the confirm step and number/byte/time formatting.
"use strict";

(function () {
  // el("button", {id: "x", class: "primary", type: "button", onclick: fn}, "text", childNode, ...)
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([name, value]) => {
      if (value === undefined || value === null || value === false) return;
      if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
      else if (name === "text") node.textContent = String(value);
      else if (name === "value") node.value = String(value);
      else if (name === "checked") node.checked = Boolean(value);
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    append(node, children);
    return node;
  }

  function append(node, children) {
    children.flat().forEach((child) => {
      if (child === undefined || child === null || child === false) return;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  // A table with a caption and column headers; returns {table, tbody}.
  function table(id, caption, headers) {
    const tbody = el("tbody");
    const table = el("table", { id, class: "data" },
      el("caption", { text: caption }),
      el("thead", {}, el("tr", {}, headers.map((h) => el("th", { scope: "col", text: h })))),
      tbody);
    // A scrollable region a keyboard user can focus to scroll it.
    const wrap = el("div", { class: "table-wrap", tabindex: 0, role: "region", "aria-label": caption }, table);
    return { table, tbody, wrap };
  }

  function emptyRow(tbody, columns, text) {
    tbody.appendChild(el("tr", { class: "empty" }, el("td", { colspan: columns, text })));
  }

  // A <dl> of fields: [[label, value, fieldName]]; value may be a node or text.
  function fields(id, rows) {
    const dl = el("dl", { id, class: "fields" });
    rows.forEach(([label, value, name]) => {
      dl.appendChild(el("dt", { text: label }));
      dl.appendChild(el("dd", { "data-field": name }, value == null || value === "" ? "—" : value));
    });
    return dl;
  }

  function showError(error) {
    const banner = document.getElementById("error");
    const code = error && error.code ? error.code : "Error";
    const message = error && error.message ? error.message : String(error);
    clear(banner).appendChild(el("strong", { text: code }));
    banner.appendChild(document.createTextNode(": " + message));
    banner.appendChild(el("button", { type: "button", class: "link", "aria-label": "Dismiss the error",
      onclick: clearError }, "×"));
    banner.hidden = false;
  }

  function clearError() {
    const banner = document.getElementById("error");
    clear(banner);
    banner.hidden = true;
  }

  let announcedAt = 0;

  function announce(text) {
    document.getElementById("status").textContent = text;
    announcedAt = Date.now();
  }

  // Called on navigation: a message older than a few seconds belongs to the previous page.
  function clearStaleAnnouncement() {
    if (Date.now() - announcedAt > 3000) document.getElementById("status").textContent = "";
  }

  // Runs an async action, showing its failure in the banner; resolves to its result or undefined.
  async function attempt(action) {
    try {
      return await action();
    } catch (error) {
      showError(error);
      return undefined;
    }
  }

  // Replaces `host`'s content with a question and Yes/No buttons; onYes runs on Yes.
  function confirmStep(host, question, onYes) {
    const no = el("button", { type: "button", id: "confirm-no" }, "Cancel");
    const yes = el("button", { type: "button", id: "confirm-yes", class: "danger" }, "Yes");
    const box = el("div", { class: "confirm", role: "group", "aria-label": question },
      el("span", { text: question }), yes, no);
    clear(host).appendChild(box);
    yes.addEventListener("click", () => { clear(host); onYes(); });
    no.addEventListener("click", () => clear(host));
    yes.focus();
  }

  function formatNumber(n) {
    return n === null || n === undefined ? "—" : Number(n).toLocaleString("en-US", { maximumFractionDigits: 2 });
  }

  function formatBytes(n) {
    if (n === null || n === undefined) return "—";
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let value = Number(n);
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
    return (unit === 0 ? String(value) : value.toFixed(1)) + " " + units[unit];
  }

  function formatTime(value) {
    if (!value) return "—";
    const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
    return isNaN(date) ? String(value) : date.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
  }

  // "arn:aws:kms:us-east-1:111122223333:key/ID" -> "ID"; anything else unchanged.
  function shortKeyId(arn) {
    return String(arn).replace(/^arn:aws:kms:[^:]*:[^:]*:key\//, "");
  }

  // A link to a key's page, showing `text` (the ARN by default).
  function keyLink(arn, text) {
    return el("a", { href: "#/keys/" + encodeURIComponent(shortKeyId(arn)), class: "mono", title: arn }, text || arn);
  }

  function formatMoney(n) {
    return "$" + Number(n).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  // A labelled input: returns the wrapper; the input itself is built by `control`.
  function labelled(labelText, control) {
    return el("div", { class: "control" }, el("label", { for: control.id, text: labelText }), control);
  }

  // A page-level "you may not" note.
  function note(text, className = "note") {
    return el("p", { class: className, text });
  }

  Coffer.ui = { el, clear, table, emptyRow, fields, showError, clearError, announce, clearStaleAnnouncement, attempt,
    confirmStep, formatNumber, formatBytes, formatTime, formatMoney, shortKeyId, keyLink, labelled, note };
})();
