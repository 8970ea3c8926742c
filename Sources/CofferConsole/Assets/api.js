// api.js: the signed calls to the server: S3 REST (XML), the KMS JSON protocol, the /_coffer admin routes, the
// live event stream, presigned URLs and uploads with progress. The credentials live only in this closure.
"use strict";

(function () {
  let credentials = null;

  class AwsError extends Error {
    constructor(code, message, status) {
      super(message || code);
      this.code = code || "Error";
      this.status = status || 0;
    }
    get isAccessDenied() {
      return this.status === 403 || /AccessDenied/.test(this.code);
    }
  }

  function setCredentials(value) {
    credentials = value ? Object.freeze(Object.assign({}, value)) : null;
  }

  function requireCredentials() {
    if (!credentials) throw new AwsError("NotSignedIn", "Sign in first.", 0);
    return credentials;
  }

  function urlFor(path, query) {
    const q = Coffer.sigv4.canonicalQuery(query);
    return Coffer.sigv4.encodePath(path) + (q ? "?" + q : "");
  }

  // Sends one signed request with fetch and returns the Response, whatever its status.
  async function send({ method = "GET", path, query, headers = {}, body, service = "s3", unsignedPayload, signal }) {
    const creds = requireCredentials();
    const payloadHash = unsignedPayload ? "UNSIGNED-PAYLOAD" : await Coffer.sigv4.sha256Hex(body);
    const signedHeaders = await Coffer.sigv4.signRequest(creds, { method, path, query, headers, payloadHash, service });
    return fetch(urlFor(path, query), { method, headers: signedHeaders, body, signal, cache: "no-store",
      credentials: "omit" });
  }

  // Parses an XML answer; anything else is null (a failed parse would insert a styled <parsererror>, which the
  // CSP refuses).
  function parseXml(text) {
    if (!text || !text.trimStart().startsWith("<")) return null;
    const doc = new DOMParser().parseFromString(text, "application/xml");
    return doc.getElementsByTagName("parsererror").length ? null : doc;
  }

  function s3ErrorFrom(status, text) {
    const doc = parseXml(text);
    const pick = (name) => xmlText(doc, name);
    const code = pick("Code") || (status === 404 ? "NotFound" : status === 403 ? "AccessDenied" : "HTTP" + status);
    return new AwsError(code, pick("Message") || code, status);
  }

  async function jsonErrorFrom(response) {
    let data = null;
    try {
      data = await response.json();
    } catch (e) {
      data = null;
    }
    const type = data && (data.__type || data.code) ? String(data.__type || data.code) : "HTTP" + response.status;
    const message = data && (data.message || data.Message) ? String(data.message || data.Message) : type;
    return new AwsError(type.split("#").pop(), message, response.status);
  }

  // An S3 call: resolves to {status, headers, text, xml}; rejects with AwsError on a 3xx/4xx/5xx.
  // options.objectBody: the answer is object bytes, not XML.
  async function s3(method, path, options = {}) {
    const response = await send(Object.assign({ method, path, service: "s3" }, options));
    const text = method === "HEAD" ? "" : await response.text();
    if (!response.ok) throw s3ErrorFrom(response.status, text);
    const xml = options.objectBody ? null : parseXml(text);
    return { status: response.status, headers: response.headers, text, xml };
  }

  // A KMS call, e.g. kms("DescribeKey", {KeyId}); resolves to the answer's JSON.
  async function kms(operation, payload = {}) {
    const response = await send({
      method: "POST", path: "/", service: "kms", body: JSON.stringify(payload),
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "TrentService." + operation },
    });
    if (!response.ok) throw await jsonErrorFrom(response);
    const text = await response.text();
    return text ? JSON.parse(text) : {};
  }

  // An admin route under /_coffer (JSON answers, JSON errors). body is an object for POST.
  async function admin(method, path, query, body) {
    const options = { method, path, query };
    if (body !== undefined) {
      options.body = JSON.stringify(body);
      options.headers = { "content-type": "application/json" };
    }
    const response = await send(options);
    if (!response.ok) throw await jsonErrorFrom(response);
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  // Reads a server-sent-events stream through a signed fetch; calls onEvent(JSON) for each `data:` event.
  // Resolves when the stream ends; rejects with AwsError when refused.
  async function stream(path, onEvent, signal) {
    const response = await send({ path, signal, headers: { accept: "text/event-stream" } });
    if (!response.ok) throw await jsonErrorFrom(response);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, "\n");
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim()).join("\n");
        if (data) onEvent(JSON.parse(data));
      }
    }
  }

  function presign(path, expiresSeconds = 60) {
    return Coffer.sigv4.presignUrl(requireCredentials(), "GET", path, expiresSeconds, "s3");
  }

  // PUTs a Blob with XMLHttpRequest for upload progress (UNSIGNED-PAYLOAD). Resolves to {status, etag}.
  async function upload(path, query, blob, onProgress) {
    const creds = requireCredentials();
    const headers = await Coffer.sigv4.signRequest(creds, {
      method: "PUT", path, query, headers: {}, payloadHash: "UNSIGNED-PAYLOAD", service: "s3",
    });
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("PUT", urlFor(path, query));
      Object.keys(headers).forEach((name) => xhr.setRequestHeader(name, headers[name]));
      xhr.upload.addEventListener("progress", (e) => onProgress(e.loaded));
      xhr.addEventListener("load", () => {
        if (xhr.status >= 200 && xhr.status < 300) resolve({ status: xhr.status, etag: xhr.getResponseHeader("ETag") });
        else reject(s3ErrorFrom(xhr.status, xhr.responseText));
      });
      xhr.addEventListener("error", () => reject(new AwsError("NetworkError", "The upload failed (network).", 0)));
      xhr.send(blob);
    });
  }

  // XML helpers for S3 answers: the text of the first descendant `name` of node, and all of them.
  function xmlText(node, name) {
    const found = node && node.getElementsByTagName(name)[0];
    return found ? found.textContent : "";
  }

  function xmlAll(node, name) {
    return node ? Array.from(node.getElementsByTagName(name)) : [];
  }

  Coffer.AwsError = AwsError;
  Coffer.api = { setCredentials, s3, kms, admin, stream, presign, upload, xmlText, xmlAll,
    signedIn: () => credentials !== null };
})();
