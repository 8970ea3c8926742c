// buckets.js: the Buckets page (each bucket's default encryption, Bucket Key setting, objects and bytes; create a
// bucket) and the bucket encryption helpers the bucket page (objects.js) shares.
"use strict";

(function () {
  const { el, clear, table, emptyRow, formatNumber, formatBytes, formatTime, labelled, attempt, announce } = Coffer.ui;
  const { s3, xmlText, xmlAll } = Coffer.api;

  // The bucket's default encryption: {algorithm, keyId, bucketKey} or null when none is configured.
  async function getEncryption(bucket) {
    try {
      const answer = await s3("GET", "/" + bucket, { query: { encryption: "" } });
      return {
        algorithm: xmlText(answer.xml, "SSEAlgorithm"),
        keyId: xmlText(answer.xml, "KMSMasterKeyID"),
        bucketKey: xmlText(answer.xml, "BucketKeyEnabled") === "true",
      };
    } catch (error) {
      if (error.code === "ServerSideEncryptionConfigurationNotFoundError") return null;
      throw error;
    }
  }

  function putEncryption(bucket, algorithm, keyId, bucketKey) {
    const keyElement = algorithm === "aws:kms" && keyId ? `<KMSMasterKeyID>${escapeXml(keyId)}</KMSMasterKeyID>` : "";
    const body = `<ServerSideEncryptionConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule>` +
      `<ApplyServerSideEncryptionByDefault><SSEAlgorithm>${escapeXml(algorithm)}</SSEAlgorithm>${keyElement}` +
      `</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>${bucketKey ? "true" : "false"}</BucketKeyEnabled>` +
      `</Rule></ServerSideEncryptionConfiguration>`;
    return s3("PUT", "/" + bucket, { query: { encryption: "" }, body, headers: { "content-type": "application/xml" } });
  }

  function escapeXml(text) {
    const entities = { "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" };
    return String(text).replace(/[<>&'"]/g, (c) => entities[c]);
  }

  function describeEncryption(encryption) {
    if (!encryption) return "none configured";
    return { "aws:kms": "SSE-KMS", AES256: "SSE-S3" }[encryption.algorithm] || encryption.algorithm;
  }

  async function listBuckets() {
    const answer = await s3("GET", "/");
    return xmlAll(answer.xml, "Bucket").map((b) => ({ name: xmlText(b, "Name"), created: xmlText(b, "CreationDate") }));
  }

  // Objects and bytes per bucket from /_coffer/stats (root only); an empty map for others.
  async function usageByBucket() {
    if (!Coffer.session.isRoot) return new Map();
    const stats = await Coffer.api.admin("GET", "/_coffer/stats");
    return new Map((stats.buckets || []).map((b) => [b.name, b]));
  }

  function bucketRow(bucket, usage, encryption) {
    const link = el("a", { href: "#/buckets/" + encodeURIComponent(bucket.name), text: bucket.name });
    const failed = encryption instanceof Error;
    const enc = failed ? encryption.code : describeEncryption(encryption);
    const keyId = !failed && encryption && encryption.keyId ? encryption.keyId : null;
    return el("tr", { "data-bucket": bucket.name },
      el("th", { scope: "row" }, link),
      el("td", { "data-field": "encryption", text: enc }),
      el("td", { "data-field": "kmsKey", class: "wrap" },
        keyId ? Coffer.ui.keyLink(keyId, Coffer.ui.shortKeyId(keyId)) : "—"),
      el("td", { "data-field": "bucketKey",
        text: !failed && encryption ? (encryption.bucketKey ? "on" : "off") : "—" }),
      el("td", { class: "num", text: usage ? formatNumber(usage.objects) : "—" }),
      el("td", { class: "num", text: usage ? formatBytes(usage.bytes) : "—" }),
      el("td", { text: formatTime(bucket.created) }));
  }

  async function fill(tbody) {
    const [buckets, usage] = await Promise.all([listBuckets(), usageByBucket().catch(() => new Map())]);
    const encryptions = await Promise.all(buckets.map((b) => getEncryption(b.name).catch((error) => error)));
    clear(tbody);
    if (!buckets.length) emptyRow(tbody, 7, "No buckets yet.");
    buckets.forEach((b, i) => tbody.appendChild(bucketRow(b, usage.get(b.name), encryptions[i])));
    if (!Coffer.session.isRoot) announce("Objects and bytes per bucket need the root user.");
  }

  function render(page) {
    const list = table("bucket-table", "Buckets",
      ["Name", "Default encryption", "KMS key", "Bucket Key", "Objects", "Bytes", "Created"]);
    const name = el("input", { id: "bucket-name", required: true, pattern: "[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]",
      spellcheck: "false", autocapitalize: "off", placeholder: "my-bucket" });
    const form = el("form", { class: "inline-form", id: "bucket-create-form" },
      labelled("New bucket name", name),
      el("button", { type: "submit", id: "bucket-create", class: "primary" }, "Create bucket"));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      attempt(async () => {
        await s3("PUT", "/" + name.value.trim());
        announce("Created bucket " + name.value.trim());
        name.value = "";
        await fill(list.tbody);
      });
    });
    page.append(el("h1", { text: "Buckets" }), form, list.wrap);
    emptyRow(list.tbody, 7, "Loading…");
    attempt(() => fill(list.tbody));
  }

  Coffer.buckets = { render, getEncryption, putEncryption, describeEncryption };
})();
