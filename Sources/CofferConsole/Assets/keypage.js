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

  function rotationText(rotation) {
    if (rotation.error && rotation.error.isAccessDenied) return "not allowed to read";
    if (rotation.error && rotation.error.code === "UnsupportedOperationException") return "not supported";
    if (rotation.error) return rotation.error.code;
    const status = rotation.value;
    return status.KeyRotationEnabled ? "on, every " + (status.RotationPeriodInDays || 365) + " days" : "off";
  }

  function detailsList(m, aliases, rotation) {
    const next = rotation.value && rotation.value.NextRotationDate;
    return fields("key-details", [
      ["Key ID", m.KeyId, "keyId"], ["ARN", m.Arn, "arn"], ["State", m.KeyState, "state"],
      ["Description", m.Description, "description"], ["Aliases", aliases.join(", "), "aliases"],
      ["Key spec", m.KeySpec, "spec"], ["Key usage", m.KeyUsage, "usage"], ["Origin", m.Origin, "origin"],
      ["Managed by", m.KeyManager === "AWS" ? "AWS" : "customer", "manager"],
      ["Created", formatTime(m.CreationDate), "created"],
      ["Deletion date", m.DeletionDate ? formatTime(m.DeletionDate) : null, "deletionDate"],
      ["Automatic rotation", rotationText(rotation), "rotation"],
      ["Next rotation", next ? formatTime(next) : null, "nextRotation"],
    ]);
  }

  // A KMS action button: runs the call, announces, re-renders the page.
  function actionButton(id, label, operation, payload, className) {
    const run = () => attempt(async () => {
      await kms(operation, payload);
      announce(label + ": done");
      Coffer.app.route();
    });
    return el("button", { type: "button", id, class: className, onclick: run }, label);
  }

  // The waiting period and a Schedule deletion button behind a confirm step.
  function scheduleDeletion(keyId, confirmHost) {
    const days = el("input", { id: "key-pending-days", type: "number", min: 7, max: 30, value: 30 });
    const schedule = () => attempt(async () => {
      await kms("ScheduleKeyDeletion", { KeyId: keyId, PendingWindowInDays: Number(days.value) });
      announce("Deletion scheduled");
      Coffer.app.route();
    });
    const ask = () => confirmStep(confirmHost, `Schedule the deletion of this key in ${days.value} days?`, schedule);
    const button = el("button", { type: "button", id: "key-schedule-deletion", class: "danger", onclick: ask },
      "Schedule deletion");
    return [labelled("Waiting period (days)", days), button];
  }

  function actions(m, rotation) {
    if (m.KeyManager === "AWS") return note("AWS managed keys are managed by AWS: no actions.");
    const id = { KeyId: m.KeyId };
    const host = el("div", { class: "actions", id: "key-action-buttons" });
    const confirmHost = el("div", { class: "confirm-host" });
    const add = (...nodes) => nodes.forEach((node) => host.appendChild(node));
    if (m.KeyState === "Enabled") add(actionButton("key-disable", "Disable", "DisableKey", id, "danger"));
    if (m.KeyState === "Disabled") add(actionButton("key-enable", "Enable", "EnableKey", id, "primary"));
    if (m.KeyState === "PendingDeletion") {
      add(actionButton("key-cancel-deletion", "Cancel deletion", "CancelKeyDeletion", id, "primary"));
    } else {
      add(...scheduleDeletion(m.KeyId, confirmHost));
    }
    const symmetric = m.KeySpec === "SYMMETRIC_DEFAULT" && m.Origin === "AWS_KMS";
    if (symmetric && m.KeyState === "Enabled") add(actionButton("key-rotate", "Rotate now", "RotateKeyOnDemand", id));
    if (symmetric && rotation.value) {
      const on = rotation.value.KeyRotationEnabled;
      add(actionButton("key-rotation-toggle", on ? "Turn automatic rotation off" : "Turn automatic rotation on",
        on ? "DisableKeyRotation" : "EnableKeyRotation", id));
    }
    if (m.KeySpec !== "SYMMETRIC_DEFAULT" && !m.KeySpec.startsWith("HMAC")) {
      const download = () => attempt(() => downloadPublicKey(m.KeyId, host));
      add(el("button", { type: "button", id: "key-public-key", onclick: download }, "Download public key"));
    }
    return el("div", {}, host, confirmHost);
  }

  async function downloadPublicKey(keyId, host) {
    const answer = await kms("GetPublicKey", { KeyId: keyId });
    const pem = "-----BEGIN PUBLIC KEY-----\n" + answer.PublicKey.match(/.{1,64}/g).join("\n") +
      "\n-----END PUBLIC KEY-----\n";
    const url = URL.createObjectURL(new Blob([pem], { type: "application/x-pem-file" }));
    const link = el("a", { href: url, download: keyId + ".pem", class: "visually-hidden" }, "public key");
    host.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // The key policy in a textarea; read-only for AWS managed keys, whose policy AWS owns. KMS validates a save:
  // its error (e.g. MalformedPolicyDocumentException) shows under the textarea.
  function policyEditor(keyId, policy, awsManaged) {
    const text = el("textarea", { id: "key-policy", rows: 18, spellcheck: "false", class: "mono",
      readonly: awsManaged });
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

  // A table whose first cell in each row is its row header.
  function listTable(id, caption, headers, rows) {
    const t = table(id, caption, headers);
    if (!rows.length) emptyRow(t.tbody, headers.length, "None.");
    const cell = (text, i) => el(i === 0 ? "th" : "td", { scope: i === 0 ? "row" : null, class: "wrap", text });
    rows.forEach((cells) => t.tbody.appendChild(el("tr", {}, cells.map(cell))));
    return t.wrap;
  }

  function section(id, title, ...content) {
    return el("section", { class: "panel", "aria-labelledby": id + "-title" },
      el("h2", { id: id + "-title", text: title }), ...content);
  }

  function grantsView(result) {
    if (result.error) return unavailableNote("ListGrants", result.error);
    return listTable("key-grants", "Grants", ["Grant ID", "Grantee", "Operations", "Constraints", "Name"],
      result.value.map((g) => [g.GrantId, g.GranteePrincipal, (g.Operations || []).join(", "),
        g.Constraints ? JSON.stringify(g.Constraints) : "—", g.Name || "—"]));
  }

  function tagsView(result) {
    if (result.error) return unavailableNote("ListResourceTags", result.error);
    return listTable("key-tags", "Tags", ["Key", "Value"], result.value.map((t) => [t.TagKey, t.TagValue]));
  }

  function rotationsView(result) {
    if (result.error && result.error.code === "UnsupportedOperationException") {
      return note("Only symmetric encryption keys with key material from KMS rotate.");
    }
    if (result.error) return unavailableNote("ListKeyRotations", result.error);
    return listTable("key-rotations", "Rotations", ["Key material", "Rotated", "How"],
      result.value.map((r) => [r.KeyMaterialId || "—", formatTime(r.RotationDate), r.RotationType || "—"]));
  }

  async function callsView(arn) {
    if (!Coffer.session.isRoot) {
      return note("The KMS calls made with this key come from the audit trail, which needs the root user.");
    }
    const events = await Coffer.api.admin("GET", "/_coffer/audit", { format: "json", key: arn, limit: "50" });
    return listTable("key-calls", "KMS calls made with this key (newest 50)",
      ["Time", "Operation", "Caller", "Via", "Error"],
      (events || []).reverse().map((e) => [formatTime(e.eventTime), e.eventName, (e.userIdentity || {}).arn || "—",
        Coffer.audit.isViaS3(e) ? "S3" : "API", e.errorCode || "—"]));
  }

  // Everything the page reads, each call settled on its own. Keys that do not rotate are not asked.
  function readKey(keyId, m) {
    const rotates = m.KeySpec === "SYMMETRIC_DEFAULT" && m.Origin === "AWS_KMS";
    const noRotation = () =>
      Promise.reject(new Coffer.AwsError("UnsupportedOperationException", "This key does not rotate.", 400));
    const list = (operation, field) => Coffer.keys.listAll(operation, { KeyId: keyId }, field);
    return Promise.all([
      settle(kms("GetKeyPolicy", { KeyId: keyId, PolicyName: "default" })),
      settle(list("ListAliases", "Aliases")),
      settle(rotates ? kms("GetKeyRotationStatus", { KeyId: keyId }) : noRotation()),
      settle(rotates ? list("ListKeyRotations", "Rotations") : noRotation()),
      settle(list("ListGrants", "Grants")),
      settle(list("ListResourceTags", "Tags"))]);
  }

  function deniedNote(id, text, error) {
    return el("p", { id, class: "note denied-note", text: `${text} (${error.code}: ${error.message})` });
  }

  async function render(page, keyId) {
    page.append(el("p", { class: "crumbs" }, el("a", { href: "#/keys" }, "Keys"), " / " + keyId),
      el("h1", { text: "Key " + keyId }));
    const described = await settle(kms("DescribeKey", { KeyId: keyId }));
    if (described.error) {
      page.appendChild(deniedNote("key-denied", "You are not allowed to use this key, so its details and actions " +
        "are not shown", described.error));
      return;
    }
    const m = described.value.KeyMetadata;
    const [policy, aliases, rotation, rotations, grants, tags] = await readKey(keyId, m);
    const aliasNames = aliases.value ? aliases.value.map((a) => a.AliasName) : [];
    const actionView = policy.error
      ? deniedNote("key-not-allowed", "Not allowed: your policies do not let you read this key's policy, so no " +
        "action is offered", policy.error)
      : actions(m, rotation);
    const policyView = policy.error
      ? unavailableNote("GetKeyPolicy", policy.error)
      : policyEditor(keyId, policy.value.Policy, m.KeyManager === "AWS");
    const calls = section("calls", "KMS calls made with this key",
      el("p", {}, el("a", { href: "#/audit?key=" + encodeURIComponent(m.KeyId) }, "Open in the audit view")),
      el("p", { class: "small", text: "Loading…" }));
    page.append(
      el("div", { class: "columns" },
        section("key-info", "Details", detailsList(m, aliasNames, rotation)),
        section("key-actions", "Actions", actionView)),
      section("key-policy-section", "Key policy", policyView),
      el("div", { class: "columns" },
        section("grants", "Grants", grantsView(grants)),
        section("tags", "Tags", tagsView(tags))),
      section("rotations", "Rotation history", rotationsView(rotations)),
      calls);
    const view = await attempt(() => callsView(m.Arn));
    calls.replaceChild(view || note("Could not read the audit trail."), calls.lastChild);
  }

  Coffer.keyPage = { render: (page, keyId) => { attempt(() => render(page, keyId)); } };
})();
