// objects.js: the bucket page (#/buckets/<bucket>): the bucket's default encryption form, browsing by prefix and
// delimiter with ListObjectsV2 pages of 100, upload with progress (multipart above 16 MiB), and per object its
// envelope (how it is encrypted), a read check, download through a presigned URL and delete.
"use strict";

(function () {
  const { el, clear, table, emptyRow, fields, formatNumber, formatBytes, formatTime, labelled, attempt, announce,
    confirmStep, showError, clearError } = Coffer.ui;
  const { s3, xmlText, xmlAll } = Coffer.api;
  const PAGE_SIZE = 100;
  const MULTIPART_THRESHOLD = 16 * 1024 * 1024;
  const PART_SIZE = 8 * 1024 * 1024;

  function button(id, text, onclick, className) {
    return el("button", { type: "button", id, class: className, onclick }, text);
  }

  function objectPath(bucket, key) {
    return "/" + bucket + "/" + key;
  }

  // ---- default encryption form ----

  async function keyOptions(select, current) {
    const keys = await Coffer.keys.listKeys().catch(() => []);
    clear(select).appendChild(el("option", { value: "" }, "aws/s3 (AWS managed key)"));
    const label = (k) => [k.aliases.join(", "), k.description, k.keyId].filter(Boolean).join(" · ");
    keys.filter((k) => k.manager !== "AWS")
      .forEach((k) => select.appendChild(el("option", { value: k.arn }, label(k))));
    // The bucket's key may be named by id, ARN or alias, or be one the caller may not list.
    const matches = (o) => Boolean(current) && (o.value === current || o.value.endsWith("/" + current));
    if (current && !Array.from(select.options).some(matches)) {
      select.appendChild(el("option", { value: current }, current));
    }
    const match = Array.from(select.options).find(matches);
    select.value = match ? match.value : "";
  }

  function encryptionForm(bucket) {
    const algorithm = el("select", { id: "enc-algorithm" },
      el("option", { value: "AES256" }, "SSE-S3 (AES256)"), el("option", { value: "aws:kms" }, "SSE-KMS (aws:kms)"));
    const key = el("select", { id: "enc-key" }, el("option", { value: "" }, "Loading keys…"));
    const bucketKey = el("input", { id: "enc-bucket-key", type: "checkbox" });
    const current = el("p", { id: "enc-current", class: "small" });
    const form = el("form", { class: "panel inline-form", id: "enc-form", "aria-labelledby": "enc-title" },
      el("h2", { id: "enc-title", text: "Default encryption" }), current,
      labelled("Algorithm", algorithm), labelled("KMS key", key),
      el("div", { class: "control checkbox" }, bucketKey, el("label", { for: "enc-bucket-key", text: "Bucket Key" })),
      el("button", { type: "submit", id: "enc-save", class: "primary" }, "Save encryption"));
    const syncKey = () => { key.disabled = algorithm.value !== "aws:kms"; };
    algorithm.addEventListener("change", syncKey);
    const load = async () => {
      const enc = await Coffer.buckets.getEncryption(bucket);
      current.textContent = "Now: " + Coffer.buckets.describeEncryption(enc) +
        (enc && enc.keyId ? " with " + enc.keyId : "") + (enc ? ", Bucket Key " + (enc.bucketKey ? "on" : "off") : "");
      algorithm.value = enc && enc.algorithm === "aws:kms" ? "aws:kms" : "AES256";
      bucketKey.checked = Boolean(enc && enc.bucketKey);
      await keyOptions(key, enc && enc.keyId);
      syncKey();
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      attempt(async () => {
        await Coffer.buckets.putEncryption(bucket, algorithm.value, key.value, bucketKey.checked);
        announce("Saved the default encryption of " + bucket);
        await load();
      });
    });
    attempt(load);
    return form;
  }

  // ---- listing ----

  async function listPage(bucket, prefix, delimiter, token) {
    const query = { "list-type": "2", "max-keys": String(PAGE_SIZE), prefix: prefix || undefined,
      delimiter: delimiter || undefined, "continuation-token": token || undefined };
    const { xml } = await s3("GET", "/" + bucket, { query });
    return {
      folders: xmlAll(xml, "CommonPrefixes").map((p) => xmlText(p, "Prefix")),
      objects: xmlAll(xml, "Contents").map((c) => ({ key: xmlText(c, "Key"), size: Number(xmlText(c, "Size")),
        modified: xmlText(c, "LastModified"), storageClass: xmlText(c, "StorageClass") })),
      next: xmlText(xml, "IsTruncated") === "true" ? xmlText(xml, "NextContinuationToken") : null,
    };
  }

  function folderRow(prefix, relative, onOpen) {
    return el("tr", { class: "folder", "data-prefix": prefix },
      el("th", { scope: "row" },
        el("button", { type: "button", class: "link", onclick: () => onOpen(prefix) }, "📁 " + relative)),
      el("td", { text: "folder" }), el("td", { text: "" }), el("td", { text: "" }));
  }

  function objectRow(object, relative, onOpen) {
    return el("tr", { "data-key": object.key },
      el("th", { scope: "row" }, el("button", { type: "button", class: "link object-open",
        "aria-label": "Open " + object.key, onclick: () => onOpen(object.key) }, relative)),
      el("td", { class: "num", text: formatBytes(object.size) }),
      el("td", { text: formatTime(object.modified) }),
      el("td", { text: object.storageClass || "STANDARD" }));
  }

  // ---- object details ----

  async function aliasesOf(arn) {
    if (!arn) return [];
    const answer = await Coffer.api.kms("ListAliases", { KeyId: arn }).catch(() => null);
    return answer ? (answer.Aliases || []).map((a) => a.AliasName) : null;
  }

  function envelopeFields(envelope, aliases) {
    const context = envelope.encryptionContext ? JSON.stringify(envelope.encryptionContext) : null;
    return fields("object-fields", [
      ["Key", envelope.key, "key"],
      ["Size", formatBytes(envelope.size) + " (" + formatNumber(envelope.size) + " bytes)", "size"],
      ["ETag", envelope.etag, "etag"],
      ["Algorithm", envelope.algorithm, "algorithm"],
      ["KMS key", envelope.kmsKeyArn ? Coffer.ui.keyLink(envelope.kmsKeyArn) : null, "kmsKeyArn"],
      ["Aliases", aliases === null ? "not allowed to list" : aliases.join(", "), "aliases"],
      ["Bucket Key", envelope.bucketKeyEnabled ? "on" : "off", "bucketKeyEnabled"],
      ["Data key source", envelope.keySource, "keySource"],
      ["Data key", envelope.dataKey, "dataKey"],
      ["Encryption context", context, "encryptionContext"],
      ["Bucket key ID", envelope.bucketKeyId, "bucketKeyId"],
      ["Encrypted data key", envelope.encryptedDataKeyBytes == null ? "none stored with the object"
        : formatNumber(envelope.encryptedDataKeyBytes) + " bytes", "encryptedDataKeyBytes"],
      ["Sealed blob", formatNumber(envelope.sealedBytes) + " bytes", "sealedBytes"],
      ["Stored", envelope.storage + (envelope.parts ? ", " + envelope.parts + " parts" : ""), "storage"],
    ]);
  }

  // A GET of the first bytes: shows whether the object can be read (and decrypted) now.
  async function readCheck(bucket, key, line) {
    line.textContent = "Reading the object…";
    try {
      const answer = await s3("GET", objectPath(bucket, key), { headers: { range: "bytes=0-63" }, objectBody: true });
      line.textContent = "Read check: decrypted. First bytes: " + answer.text.slice(0, 64);
      line.className = "ok";
    } catch (error) {
      line.textContent = "Read check failed: " + error.code;
      line.className = "form-error";
      showError(error);
    }
  }

  async function download(bucket, key, host) {
    const url = await Coffer.api.presign(objectPath(bucket, key), 60);
    const name = key.split("/").pop() || "object";
    const link = el("a", { href: url, download: name, class: "visually-hidden" }, "download");
    host.appendChild(link);
    link.click();
    link.remove();
  }

  async function openDetails(state, key) {
    clearError();
    const panel = state.details;
    clear(panel).hidden = false;
    panel.appendChild(el("h2", { id: "object-details-title", text: key }));
    const envelope = await Coffer.api.admin("GET", "/_coffer/console/api/envelope", { bucket: state.bucket, key });
    const aliases = await aliasesOf(envelope.kmsKeyArn);
    const read = el("p", { id: "object-read", class: "small" });
    const confirmHost = el("div", { class: "confirm-host" });
    const remove = () => attempt(() => deleteObject(state, key));
    const askDelete = () => confirmStep(confirmHost, "Delete " + key + "?", remove);
    const actions = el("div", { class: "actions" },
      button("object-download", "Download", () => attempt(() => download(state.bucket, key, panel))),
      button("object-read-again", "Read again", () => readCheck(state.bucket, key, read)),
      button("object-delete", "Delete", askDelete, "danger"),
      button("object-close", "Close", () => { clear(panel).hidden = true; }));
    panel.append(envelopeFields(envelope, aliases), read, actions, confirmHost);
    await readCheck(state.bucket, key, read);
  }

  async function deleteObject(state, key) {
    await s3("DELETE", objectPath(state.bucket, key));
    announce("Deleted " + key);
    clear(state.details).hidden = true;
    await showListing(state, null);
  }

  // ---- upload ----

  async function multipartUpload(path, file, onProgress) {
    const headers = file.type ? { "content-type": file.type } : {};
    const created = await s3("POST", path, { query: { uploads: "" }, headers });
    const uploadId = xmlText(created.xml, "UploadId");
    const parts = [];
    try {
      for (let start = 0, number = 1; start < file.size; start += PART_SIZE, number += 1) {
        const query = { partNumber: String(number), uploadId };
        const body = file.slice(start, start + PART_SIZE);
        const part = await Coffer.api.upload(path, query, body, (loaded) => onProgress(start + loaded));
        parts.push(`<Part><PartNumber>${number}</PartNumber><ETag>${part.etag}</ETag></Part>`);
      }
      await s3("POST", path, { query: { uploadId }, headers: { "content-type": "application/xml" },
        body: "<CompleteMultipartUpload>" + parts.join("") + "</CompleteMultipartUpload>" });
    } catch (error) {
      await s3("DELETE", path, { query: { uploadId } }).catch(() => null);
      throw error;
    }
  }

  async function uploadFile(state, form) {
    const file = form.file.files[0];
    if (!file) throw new Coffer.AwsError("NoFile", "Choose a file first.", 0);
    const key = form.key.value.trim() || state.prefix + file.name;
    const path = objectPath(state.bucket, key);
    form.progress.max = Math.max(1, file.size);
    form.progress.value = 0;
    const onProgress = (sent) => { form.progress.value = sent; };
    if (file.size > MULTIPART_THRESHOLD) await multipartUpload(path, file, onProgress);
    else await Coffer.api.upload(path, undefined, file, onProgress);
    form.progress.value = form.progress.max;
    announce("Uploaded " + key + " (" + formatBytes(file.size) + ")");
    form.key.value = "";
    await showListing(state, null);
    await openDetails(state, key);
  }

  function uploadForm(state) {
    const file = el("input", { id: "upload-file", type: "file" });
    const key = el("input", { id: "upload-key", spellcheck: "false", autocapitalize: "off",
      placeholder: "the file name, under the prefix" });
    const progress = el("progress", { id: "upload-progress", max: 1, value: 0, "aria-label": "Upload progress" });
    const form = el("form", { class: "inline-form", id: "upload-form", "aria-label": "Upload" },
      labelled("Upload a file", file), labelled("Object key (optional)", key),
      el("button", { type: "submit", id: "upload-submit", class: "primary" }, "Upload"), progress);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      attempt(() => uploadFile(state, { file, key, progress }));
    });
    return form;
  }

  // ---- page ----

  async function showListing(state, token) {
    const page = await listPage(state.bucket, state.prefix, state.delimiter, token);
    state.token = token;
    state.next = page.next;
    const tbody = state.tbody;
    clear(tbody);
    const relative = (name) => (name.startsWith(state.prefix) ? name.slice(state.prefix.length) : name) || name;
    page.folders.forEach((p) => tbody.appendChild(folderRow(p, relative(p), (prefix) => browse(state, prefix))));
    const open = (key) => attempt(() => openDetails(state, key));
    page.objects.forEach((o) => tbody.appendChild(objectRow(o, relative(o.key), open)));
    if (!page.folders.length && !page.objects.length) {
      emptyRow(tbody, 4, "No objects" + (state.prefix ? " under this prefix." : "."));
    }
    state.nextButton.disabled = !page.next;
    state.firstButton.disabled = !token;
    const count = (n, word) => n + " " + word + (n === 1 ? "" : "s");
    state.pageInfo.textContent = `${count(page.objects.length, "object")}, ${count(page.folders.length, "folder")} ` +
      "on this page" + (page.next ? "; more on the next page" : "");
  }

  function browse(state, prefix) {
    state.prefix = prefix;
    state.prefixInput.value = prefix;
    const query = new URLSearchParams({ prefix, delimiter: state.delimiter });
    history.replaceState(null, "", "#/buckets/" + encodeURIComponent(state.bucket) + "?" + query.toString());
    renderCrumbs(state);
    attempt(() => showListing(state, null));
  }

  function crumb(text, onclick) {
    return el("button", { type: "button", class: "link", onclick }, text);
  }

  function renderCrumbs(state) {
    clear(state.crumbs);
    const parts = state.prefix.split("/").filter(Boolean);
    state.crumbs.appendChild(el("a", { href: "#/buckets" }, "Buckets"));
    state.crumbs.appendChild(document.createTextNode(" / "));
    state.crumbs.appendChild(crumb(state.bucket, () => browse(state, "")));
    parts.forEach((part, i) => {
      const prefix = parts.slice(0, i + 1).join("/") + "/";
      state.crumbs.appendChild(document.createTextNode(" / "));
      state.crumbs.appendChild(crumb(part, () => browse(state, prefix)));
    });
  }

  function browseForm(state) {
    state.prefixInput = el("input", { id: "prefix", value: state.prefix, spellcheck: "false", autocapitalize: "off" });
    const delimiter = el("input", { id: "delimiter", value: state.delimiter, size: 3, spellcheck: "false" });
    const form = el("form", { class: "inline-form", id: "browse-form" },
      labelled("Prefix", state.prefixInput), labelled("Delimiter", delimiter),
      el("button", { type: "submit", id: "browse-submit" }, "List"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      state.delimiter = delimiter.value;
      browse(state, state.prefixInput.value);
    });
    return form;
  }

  function render(page, bucket, params) {
    const list = table("object-table", "Objects", ["Name", "Size", "Last modified", "Storage class"]);
    const state = {
      bucket, prefix: params.get("prefix") || "", delimiter: params.has("delimiter") ? params.get("delimiter") : "/",
      tbody: list.tbody, token: null, next: null,
      crumbs: el("nav", { class: "crumbs", "aria-label": "Location" }),
      details: el("aside", { id: "object-details", class: "panel details", "aria-labelledby": "object-details-title",
        hidden: true }),
      pageInfo: el("span", { id: "page-info", class: "small" }),
    };
    state.firstButton = button("first-page", "First page", () => attempt(() => showListing(state, null)));
    state.nextButton = button("next-page", "Next page", () => attempt(() => showListing(state, state.next)));
    renderCrumbs(state);
    page.append(el("h1", { text: bucket }), state.crumbs,
      encryptionForm(bucket),
      el("section", { "aria-labelledby": "objects-title" }, el("h2", { id: "objects-title", text: "Objects" }),
        el("div", { class: "toolbar" }, browseForm(state), uploadForm(state)),
        el("div", { class: "split" },
          el("div", {}, list.wrap, el("div", { class: "pager" }, state.firstButton, state.nextButton, state.pageInfo)),
          state.details)));
    emptyRow(list.tbody, 4, "Loading…");
    attempt(() => showListing(state, null));
  }

  Coffer.objects = { render };
})();
