// app.js: sign-in and sign-out, the hash router (#/live, #/buckets, #/buckets/<b>, #/keys, #/keys/<id>, #/audit,
// #/inspector), the nav state and the visibility-aware poller the pages use. Runs last.
"use strict";

(function () {
  const { el, clear, clearError, showError, announce } = Coffer.ui;
  let cleanup = null;

  // Runs fn now and then every intervalMs while the tab is visible; returns a stop function.
  function poll(fn, intervalMs) {
    let timer = null;
    let stopped = false;
    const tick = async () => {
      timer = null;
      if (stopped || document.hidden) return;
      try { await fn(); } catch (error) { showError(error); }
      if (!stopped && !document.hidden) timer = setTimeout(tick, intervalMs);
    };
    const onVisibility = () => { if (!document.hidden && timer === null && !stopped) tick(); };
    document.addEventListener("visibilitychange", onVisibility);
    tick();
    return () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }

  // "#/buckets/b%20x?prefix=a%2F" -> {parts: ["buckets", "b x"], params: URLSearchParams}
  function parseHash() {
    const hash = location.hash.replace(/^#\/?/, "");
    const [path, search] = hash.split("?");
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    return { parts, params: new URLSearchParams(search || "") };
  }

  function stopPage() {
    if (cleanup) cleanup();
    cleanup = null;
  }

  function markNav(name) {
    document.querySelectorAll("#nav a").forEach((link) => {
      if (link.id === "nav-" + name) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    });
  }

  function route() {
    // Only "#/..." is a route; "#view" is the skip link's in-page target.
    if (!Coffer.api.signedIn() || !location.hash.startsWith("#/")) return;
    stopPage();
    clearError();
    Coffer.ui.clearStaleAnnouncement();
    const { parts, params } = parseHash();
    const name = parts[0] || "live";
    // A fresh container per visit: a page still loading after the user moved on writes into a detached node.
    const page = el("div", { class: "page-" + name });
    clear(document.getElementById("page")).appendChild(page);
    const pages = {
      live: () => Coffer.live.render(page),
      buckets: () => (parts[1] ? Coffer.objects.render(page, parts[1], params) : Coffer.buckets.render(page)),
      keys: () => (parts[1] ? Coffer.keyPage.render(page, parts[1]) : Coffer.keys.render(page)),
      audit: () => Coffer.audit.render(page, params),
      inspector: () => Coffer.inspector.render(page),
    };
    const render = pages[name] || pages.live;
    markNav(pages[name] ? name : "live");
    cleanup = render() || null;
  }

  function showSignedIn(identity) {
    document.getElementById("signin-section").hidden = true;
    document.getElementById("nav").hidden = false;
    document.getElementById("session").hidden = false;
    document.getElementById("whoami").textContent = identity.arn;
    document.getElementById("whoami").title = identity.isRoot ? "root user" : "IAM user " + (identity.userName || "");
  }

  async function signIn(event) {
    event.preventDefault();
    const errorLine = document.getElementById("signin-error");
    errorLine.hidden = true;
    const secretInput = document.getElementById("secret-access-key");
    Coffer.api.setCredentials({
      accessKeyId: document.getElementById("access-key-id").value.trim(),
      secretAccessKey: secretInput.value,
      region: document.getElementById("region").value.trim() || "us-east-1",
    });
    try {
      Coffer.session = await Coffer.api.admin("GET", "/_coffer/console/api/whoami");
    } catch (error) {
      Coffer.api.setCredentials(null);
      errorLine.textContent = error.code + ": " + error.message;
      errorLine.hidden = false;
      return;
    }
    secretInput.value = "";
    showSignedIn(Coffer.session);
    announce("Signed in as " + Coffer.session.arn);
    if (!location.hash.startsWith("#/")) location.hash = "#/live";
    else route();
  }

  function signOut() {
    stopPage();
    Coffer.api.setCredentials(null);
    Coffer.session = null;
    clear(document.getElementById("page"));
    clearError();
    document.getElementById("nav").hidden = true;
    document.getElementById("session").hidden = true;
    document.getElementById("whoami").textContent = "";
    document.getElementById("signin-section").hidden = false;
    document.getElementById("access-key-id").focus();
    announce("Signed out");
  }

  function start() {
    if (!window.crypto || !crypto.subtle) {
      document.getElementById("signin-insecure").hidden = false;
      document.getElementById("signin-submit").disabled = true;
    }
    document.getElementById("signin").addEventListener("submit", signIn);
    document.getElementById("signout").addEventListener("click", signOut);
    window.addEventListener("hashchange", route);
  }

  Coffer.app = { poll, route };
  start();
})();
