// keys.js: the Keys page: customer managed and AWS managed keys with state, spec, usage, origin and aliases, and
// the create form. listKeys() is shared with the bucket encryption form.
"use strict";

(function () {
  const { el, clear, table, emptyRow, labelled, attempt, announce, formatTime } = Coffer.ui;
  const { kms } = Coffer.api;
  const KEY_SPECS = ["SYMMETRIC_DEFAULT", "RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384",
    "ECC_NIST_P521", "ECC_SECG_P256K1", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512"];
  const USAGES = ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC"];

  // Follows a KMS list operation's Marker/NextMarker pages and concatenates `field`.
  async function listAll(operation, payload, field) {
    const items = [];
    let marker;
    do {
      const answer = await kms(operation, Object.assign({}, payload, marker ? { Marker: marker } : {}));
      items.push(...(answer[field] || []));
      marker = answer.Truncated ? answer.NextMarker : undefined;
    } while (marker);
    return items;
  }

  function fromMetadata(entry, metadata, aliases) {
    return {
      keyId: entry.KeyId, arn: entry.KeyArn, aliases, denied: !metadata,
      description: metadata ? metadata.Description : "", state: metadata ? metadata.KeyState : "not allowed",
      spec: metadata ? metadata.KeySpec : "", usage: metadata ? metadata.KeyUsage : "",
      origin: metadata ? metadata.Origin : "", manager: metadata ? metadata.KeyManager : "",
      created: metadata ? metadata.CreationDate : null,
    };
  }

  // Every key the caller may list, with its metadata (DescribeKey; null when denied) and aliases.
  async function listKeys() {
    const [entries, aliases] = await Promise.all([listAll("ListKeys", { Limit: 1000 }, "Keys"),
      listAll("ListAliases", { Limit: 100 }, "Aliases").catch(() => [])]);
    const described = await Promise.all(entries.map((k) => kms("DescribeKey", { KeyId: k.KeyId })
      .then((a) => a.KeyMetadata).catch(() => null)));
    return entries.map((k, i) => fromMetadata(k, described[i],
      aliases.filter((a) => a.TargetKeyId === k.KeyId).map((a) => a.AliasName)));
  }

  function keyRow(key) {
    return el("tr", { "data-key-id": key.keyId, class: key.denied ? "denied" : null },
      el("th", { scope: "row" },
        el("a", { href: "#/keys/" + encodeURIComponent(key.keyId), class: "mono", text: key.keyId })),
      el("td", { text: key.aliases.join(", ") || "—" }),
      el("td", { class: "wrap", text: key.description || "—" }),
      el("td", {}, el("span", { class: "state state-" + String(key.state).replace(/\W/g, ""), text: key.state })),
      [key.spec, key.usage, key.origin].map((value) => el("td", { text: value || "—" })),
      el("td", { text: key.manager === "AWS" ? "AWS managed" : key.manager ? "customer" : "—" }),
      el("td", { text: formatTime(key.created) }));
  }

  async function fill(tbody) {
    const keys = await listKeys();
    clear(tbody);
    if (!keys.length) emptyRow(tbody, 9, "No keys yet.");
    // Customer managed keys first, newest first.
    keys.sort((a, b) => (a.manager === "AWS") - (b.manager === "AWS") || (b.created || 0) - (a.created || 0))
      .forEach((k) => tbody.appendChild(keyRow(k)));
  }

  function select(id, values, selected) {
    return el("select", { id }, values.map((v) => el("option", { value: v, selected: v === selected }, v)));
  }

  function createForm() {
    const description = el("input", { id: "key-description", maxlength: 8192 });
    const spec = select("key-spec", KEY_SPECS, "SYMMETRIC_DEFAULT");
    const usage = select("key-usage", USAGES, "ENCRYPT_DECRYPT");
    spec.addEventListener("change", () => {
      const family = spec.value.split("_")[0];
      usage.value = { HMAC: "GENERATE_VERIFY_MAC", ECC: "SIGN_VERIFY" }[family] || "ENCRYPT_DECRYPT";
    });
    const form = el("form", { class: "panel inline-form", id: "key-create-form",
      "aria-labelledby": "key-create-title" },
      el("h2", { id: "key-create-title", text: "Create a key" }),
      labelled("Description", description), labelled("Key spec", spec), labelled("Key usage", usage),
      el("button", { type: "submit", id: "key-create", class: "primary" }, "Create key"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      attempt(async () => {
        const request = { Description: description.value, KeySpec: spec.value, KeyUsage: usage.value };
        const answer = await kms("CreateKey", request);
        announce("Created key " + answer.KeyMetadata.KeyId);
        location.hash = "#/keys/" + encodeURIComponent(answer.KeyMetadata.KeyId);
      });
    });
    return form;
  }

  function render(page) {
    const list = table("key-table", "Customer managed and AWS managed keys",
      ["Key ID", "Aliases", "Description", "State", "Spec", "Usage", "Origin", "Managed by", "Created"]);
    page.append(el("h1", { text: "Keys" }), createForm(), list.wrap);
    emptyRow(list.tbody, 9, "Loading…");
    attempt(() => fill(list.tbody));
  }

  Coffer.keys = { render, listKeys, listAll };
})();
