// keypage.js: one key's page (#/keys/<keyId>): its details, aliases, rotation status and history, key policy
// (view and edit, KMS validation errors shown), grants, tags, the KMS calls made with it (audit, root only) and
// the actions the caller may take. Actions are shown only when DescribeKey and GetKeyPolicy are allowed.
"use strict";

(function () {
  const { el, table, emptyRow, fields, labelled, attempt, announce, formatTime, note, confirmStep } = Coffer.ui;
  const { kms } = Coffer.api;

  // Runs a KMS call; resolves to {value} or {error} so one denial does not hide the rest of the page.
  function settle(promise) {
    return promise.then((value) => ({ value }), (error) => ({ error }));
  }

  function unavailableNote(what, error) {
    return note(`${what} failed: ${error.code}: ${error.message}`, "note denied-note");
  }

  function detailsList(m, aliases, rotation) {
    return fields("key-details", [
      ["Key ID", m.KeyId, "keyId"], ["ARN", m.Arn, "arn"], ["State", m.KeyState, "state"],
      ["Description", m.Description, "description"], ["Aliases", aliases.join(", "), "aliases"],
      ["Key spec", m.KeySpec, "spec"], ["Key usage", m.KeyUsage, "usage"], ["Origin", m.Origin, "origin"],
      ["Managed by", m.KeyManager === "AWS" ? "AWS" : "customer", "manager"],
      ["Created", formatTime(m.CreationDate), "created"],
      ["Deletion date", m.DeletionDate ? formatTime(m.DeletionDate) : null, "deletionDate"],
      ["Automatic rotation", rotation.error ? rotationError(rotation.error) : rotation.value.KeyRotationEnabled
        ? "on, every " + (rotation.value.RotationPeriodInDays || 365) + " days" : "off", "rotation"],
      ["Next rotation", rotation.value && rotation.value.NextRotationDate ? formatTime(rotation.value.NextRotationDate) : null, "nextRotation"],
    ]);
  }

  function rotationError(error) {
    if (error.isAccessDenied) return "not allowed to read";
    return error.code === "UnsupportedOperationException" ? "not supported for this key" : error.code;
  }

  // A KMS action button: runs the call, announces, re-renders the page.
  function actionButton(id, label, operation, payload, className) {
    return el("button", { type: "button", id, class: className, onclick: () => attempt(async () => {
      await kms(operation, payload);
      announce(label + ": done");
      Coffer.app.route();
    }) }, label);
  }

  function actions(m, rotation) {
    const keyId = m.KeyId;
    const host = el("div", { class: "actions", id: "key-actions" });
    const confirmHost = el("div", { class: "confirm-host" });
    if (m.KeyManager === "AWS") return note("AWS managed keys are managed by AWS: no actions.");
    if (m.KeyState === "Enabled") host.appendChild(actionButton("key-disable", "Disable", "DisableKey", { KeyId: keyId }, "danger"));
    if (m.KeyState === "Disabled") host.appendChild(actionButton("key-enable", "Enable", "EnableKey", { KeyId: keyId }, "primary"));
    if (m.KeyState === "PendingDeletion") {
      host.appendChild(actionButton("key-cancel-deletion", "Cancel deletion", "CancelKeyDeletion", { KeyId: keyId }, "primary"));
    } else {
      const days = el("input", { id: "key-pending-days", type: "number", min: 7, max: 30, value: 30 });
      host.appendChild(labelled("Waiting period (days)", days));
      host.appendChild(el("button", { type: "button", id: "key-schedule-deletion", class: "danger", onclick: () =>
        confirmStep(confirmHost, "Schedule the deletion of this key in " + days.value + " days?", () => attempt(async () => {
          await kms("ScheduleKeyDeletion", { KeyId: keyId, PendingWindowInDays: Number(days.value) });
          announce("Deletion scheduled");
          Coffer.app.route();
        })) }, "Schedule deletion"));
    }
    const symmetric = m.KeySpec === "SYMMETRIC_DEFAULT" && m.Origin === "AWS_KMS";
    if (symmetric && m.KeyState === "Enabled") host.appendChild(actionButton("key-rotate", "Rotate now", "RotateKeyOnDemand", { KeyId: keyId }));
    if (symmetric && rotation.value) {
      const on = rotation.value.KeyRotationEnabled;
      host.appendChild(actionButton("key-rotation-toggle", on ? "Turn automatic rotation off" : "Turn automatic rotation on",
        on ? "DisableKeyRotation" : "EnableKeyRotation", { KeyId: keyId }));
    }
    if (m.KeySpec !== "SYMMETRIC_DEFAULT" && !m.KeySpec.startsWith("HMAC")) {
      host.appendChild(el("button", { type: "button", id: "key-public-key", onclick: () => attempt(() => downloadPublicKey(keyId, host)) },
        "Download public key"));
    }
    return el("div", {}, host, confirmHost);
  }

  async function downloadPublicKey(keyId, host) {
    const answer = await kms("GetPublicKey", { KeyId: keyId });
    const lines = answer.PublicKey.match(/.{1,64}/g).join("\n");
    const blob = new Blob(["-----BEGIN PUBLIC KEY-----\n" + lines + "\n-----END PUBLIC KEY-----\n"], { type: "application/x-pem-file" });
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: keyId + ".pem", class: "visually-hidden" }, "public key");
    host.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // The key policy in a textarea; read-only for AWS managed keys, whose policy AWS owns.
  function policyEditor(keyId, policy, awsManaged) {
    const text = el("textarea", { id: "key-policy", rows: 18, spellcheck: "false", class: "mono", readonly: awsManaged });
    text.value = prettyJson(policy);
    if (awsManaged) return labelled("Key policy (JSON, managed by AWS)", text);
    const error = el("p", { id: "key-policy-error", class: "form-error", role: "alert", hidden: true });
    const save = el("button", { type: "submit", id: "key-policy-save", class: "primary" }, "Save policy");
    const form = el("form", { id: "key-policy-form" }, labelled("Key policy (JSON)", text), save, error);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      error.hidden = true;
      try {
        await kms("PutKeyPolicy", { KeyId: keyId, PolicyName: "default", Policy: text.value });
        announce("Saved the key policy");
      } catch (failure) {
        error.textContent = failure.code + ": " + failure.message;
        error.hidden = false;
      }
    });
    return form;
  }

  function prettyJson(text) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch (e) {
      return text;
    }
  }

  function listTable(id, caption, headers, rows) {
    const t = table(id, caption, headers);
    if (!rows.length) emptyRow(t.tbody, headers.length, "None.");
    rows.forEach((cells) => t.tbody.appendChild(el("tr", {}, cells.map((c, i) =>
      i === 0 ? el("th", { scope: "row", class: "wrap", text: c }) : el("td", { class: "wrap", text: c })))));
    return t.wrap;
  }

  function section(id, title, ...content) {
    return el("section", { class: "panel", "aria-labelledby": id + "-title" }, el("h2", { id: id + "-title", text: title }), ...content);
  }

  function grantsView(result) {
    if (result.error) return unavailableNote("ListGrants", result.error);
    return listTable("key-grants", "Grants", ["Grant ID", "Grantee", "Operations", "Constraints", "Name"],
      (result.value || []).map((g) => [g.GrantId, g.GranteePrincipal, (g.Operations || []).join(", "),
        g.Constraints ? JSON.stringify(g.Constraints) : "—", g.Name || "—"]));
  }

  function tagsView(result) {
    if (result.error) return unavailableNote("ListResourceTags", result.error);
    return listTable("key-tags", "Tags", ["Key", "Value"], (result.value || []).map((t) => [t.TagKey, t.TagValue]));
  }

  function rotationsView(result) {
    if (result.error && result.error.code === "UnsupportedOperationException") {
      return note("Only symmetric encryption keys with key material from KMS rotate.");
    }
    if (result.error) return unavailableNote("ListKeyRotations", result.error);
    return listTable("key-rotations", "Rotations", ["Key material", "Rotated", "How"],
      (result.value || []).map((r) => [r.KeyMaterialId || "—", formatTime(r.RotationDate), r.RotationType || "—"]));
  }

  async function callsView(arn) {
    if (!Coffer.session.isRoot) return note("The KMS calls made with this key come from the audit trail, which needs the root user.");
    const events = await Coffer.api.admin("GET", "/_coffer/audit", { format: "json", key: arn, limit: "50" });
    return listTable("key-calls", "KMS calls made with this key (newest 50)", ["Time", "Operation", "Caller", "Via", "Error"],
      (events || []).map((e) => [formatTime(e.eventTime), e.eventName, (e.userIdentity || {}).arn || "—",
        Coffer.audit.isViaS3(e) ? "S3" : "API", e.errorCode || "—"]));
  }

  async function render(page, keyId) {
    page.append(el("p", { class: "crumbs" }, el("a", { href: "#/keys" }, "Keys"), " / " + keyId), el("h1", { text: "Key " + keyId }));
    const described = await settle(kms("DescribeKey", { KeyId: keyId }));
    if (described.error) {
      page.appendChild(el("p", { id: "key-denied", class: "note denied-note", text: "You are not allowed to use this key, so its " +
        "details and actions are not shown (" + described.error.code + ": " + described.error.message + ")." }));
      return;
    }
    const m = described.value.KeyMetadata;
    // Only symmetric keys with KMS key material rotate; the others are not asked.
    const rotates = m.KeySpec === "SYMMETRIC_DEFAULT" && m.Origin === "AWS_KMS";
    const noRotation = () => Promise.reject(new Coffer.AwsError("UnsupportedOperationException", "This key does not rotate.", 400));
    const [policy, aliases, rotation, rotations, grants, tags] = await Promise.all([
      settle(kms("GetKeyPolicy", { KeyId: keyId, PolicyName: "default" })),
      settle(Coffer.keys.listAll("ListAliases", { KeyId: keyId }, "Aliases")),
      settle(rotates ? kms("GetKeyRotationStatus", { KeyId: keyId }) : noRotation()),
      settle(rotates ? Coffer.keys.listAll("ListKeyRotations", { KeyId: keyId }, "Rotations") : noRotation()),
      settle(Coffer.keys.listAll("ListGrants", { KeyId: keyId }, "Grants")),
      settle(Coffer.keys.listAll("ListResourceTags", { KeyId: keyId }, "Tags"))]);
    const aliasNames = aliases.value ? aliases.value.map((a) => a.AliasName) : [];
    page.appendChild(el("div", { class: "columns" },
      section("key-info", "Details", detailsList(m, aliasNames, rotation)),
      section("key-actions", "Actions", policy.error
        ? el("p", { id: "key-not-allowed", class: "note denied-note", text: "Not allowed: your policies do not let you read this key's " +
          "policy, so no action is offered (" + policy.error.code + ")." })
        : actions(m, rotation))));
    page.appendChild(section("key-policy-section", "Key policy", policy.error ? unavailableNote("GetKeyPolicy", policy.error)
      : policyEditor(keyId, policy.value.Policy, m.KeyManager === "AWS")));
    page.appendChild(el("div", { class: "columns" }, section("grants", "Grants", grantsView(grants)), section("tags", "Tags", tagsView(tags))));
    page.appendChild(section("rotations", "Rotation history", rotationsView(rotations)));
    const calls = section("calls", "KMS calls made with this key", el("p", { class: "small", text: "Loading…" }));
    page.appendChild(calls);
    const view = await attempt(() => callsView(m.Arn));
    calls.replaceChild(view || note("Could not read the audit trail."), calls.lastChild);
  }

  Coffer.keyPage = { render: (page, keyId) => { attempt(() => render(page, keyId)); } };
})();
