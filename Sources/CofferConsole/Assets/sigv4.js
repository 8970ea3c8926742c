// sigv4.js: AWS Signature Version 4 in the browser with WebCrypto (SHA-256, HMAC-SHA256):
// header signing for fetch/XHR and query presigning for download links. Holds no secret itself.
"use strict";
window.Coffer = window.Coffer || {};

(function () {
  const encoder = new TextEncoder();

  function toHex(buffer) {
    return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function asBytes(data) {
    if (data === undefined || data === null) return new Uint8Array(0);
    return typeof data === "string" ? encoder.encode(data) : data;
  }

  async function sha256Hex(data) {
    return toHex(await crypto.subtle.digest("SHA-256", asBytes(data)));
  }

  async function hmac(keyBytes, message) {
    const key = await crypto.subtle.importKey("raw", keyBytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return crypto.subtle.sign("HMAC", key, encoder.encode(message));
  }

  // RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - . _ ~ is percent-encoded.
  function uriEncode(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
  }

  // "/bucket/a b/c" -> "/bucket/a%20b/c": each segment encoded, slashes kept.
  function encodePath(path) {
    return path.split("/").map(uriEncode).join("/");
  }

  function canonicalQuery(query) {
    return Object.keys(query || {})
      .filter((name) => query[name] !== undefined && query[name] !== null)
      .map((name) => [uriEncode(name), uriEncode(String(query[name]))])
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
      .map((pair) => pair[0] + "=" + pair[1])
      .join("&");
  }

  function amzDate(now) {
    return now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  }

  async function signingKey(secret, day, region, service) {
    const kDate = await hmac(encoder.encode("AWS4" + secret), day);
    const kRegion = await hmac(kDate, region);
    const kService = await hmac(kRegion, service);
    return hmac(kService, "aws4_request");
  }

  async function signature(credentials, scope, stringToSignParts) {
    const [day, region, service] = scope;
    const key = await signingKey(credentials.secretAccessKey, day, region, service);
    return toHex(await hmac(key, stringToSignParts.join("\n")));
  }

  // Signs a request: returns the headers to send (x-amz-date, x-amz-content-sha256, authorization, plus the
  // given ones). request = {method, path (unencoded), query, headers (lower-case names), payloadHash, service}.
  async function signRequest(credentials, request) {
    const date = amzDate(new Date());
    const day = date.slice(0, 8);
    const scope = [day, credentials.region, request.service];
    const headers = Object.assign({}, request.headers, {
      "x-amz-date": date,
      "x-amz-content-sha256": request.payloadHash,
    });
    if (credentials.sessionToken) headers["x-amz-security-token"] = credentials.sessionToken;
    const signed = Object.assign({ host: location.host }, headers);
    const names = Object.keys(signed).map((n) => n.toLowerCase()).sort();
    const canonicalHeaders = names.map((n) => n + ":" + String(signed[n]).trim().replace(/\s+/g, " ") + "\n").join("");
    const signedHeaders = names.join(";");
    const canonicalRequest = [request.method, encodePath(request.path), canonicalQuery(request.query),
      canonicalHeaders, signedHeaders, request.payloadHash].join("\n");
    const scopeText = scope.join("/") + "/aws4_request";
    const sig = await signature(credentials, scope,
      ["AWS4-HMAC-SHA256", date, scopeText, await sha256Hex(canonicalRequest)]);
    headers.authorization = "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId + "/" + scopeText +
      ", SignedHeaders=" + signedHeaders + ", Signature=" + sig;
    return headers;
  }

  // A query-presigned URL (host signed only, UNSIGNED-PAYLOAD), for links such as downloads.
  async function presignUrl(credentials, method, path, expiresSeconds, service) {
    const date = amzDate(new Date());
    const day = date.slice(0, 8);
    const scope = [day, credentials.region, service];
    const scopeText = scope.join("/") + "/aws4_request";
    const query = {
      "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
      "X-Amz-Credential": credentials.accessKeyId + "/" + scopeText,
      "X-Amz-Date": date,
      "X-Amz-Expires": String(expiresSeconds),
      "X-Amz-SignedHeaders": "host",
    };
    const canonicalRequest = [method, encodePath(path), canonicalQuery(query),
      "host:" + location.host + "\n", "host", "UNSIGNED-PAYLOAD"].join("\n");
    query["X-Amz-Signature"] = await signature(credentials, scope,
      ["AWS4-HMAC-SHA256", date, scopeText, await sha256Hex(canonicalRequest)]);
    return encodePath(path) + "?" + canonicalQuery(query);
  }

  Coffer.sigv4 = { sha256Hex, encodePath, canonicalQuery, signRequest, presignUrl };
})();
