#!/usr/bin/env python3
"""The Coffer console (issue #12) in a real browser: Debian's chromium and chromedriver driven by Selenium.

Environment: COFFER_ENDPOINT (http://127.0.0.1:PORT), COFFER_ACCESS_KEY_ID / COFFER_SECRET_ACCESS_KEY (the root
user), COFFER_USER_ACCESS_KEY_ID / COFFER_USER_SECRET_ACCESS_KEY (an IAM user of console_users.json: s3:* and
kms:List*/Describe*/Get*), SCREENSHOT_DIR (PNG files land there).

Prints one line per check (`ok - ...` / `not ok - ...`) and exits 0 only when every check passed. Every wait is
bounded; what is not under test (the XSS object and key, a key the IAM user is denied, an object in a bucket
without Bucket Keys) is seeded with boto3.

The read that must fail with KMS.DisabledException is of an object in a bucket without Bucket Keys: in a bucket with
them, the cached bucket key keeps serving reads after DisableKey until it expires, as on AWS.
"""

import json
import os
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import boto3
import botocore.auth
import botocore.awsrequest
import botocore.config
import botocore.credentials
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

ENDPOINT = os.environ.get("COFFER_ENDPOINT", "http://127.0.0.1:9400").rstrip("/")
ROOT = (os.environ["COFFER_ACCESS_KEY_ID"], os.environ["COFFER_SECRET_ACCESS_KEY"])
USER = (os.environ["COFFER_USER_ACCESS_KEY_ID"], os.environ["COFFER_USER_SECRET_ACCESS_KEY"])
SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR", os.path.join(tempfile.gettempdir(), "console-screenshots"))
REGION = "us-east-1"
XSS = "<img src=x onerror=alert(1)>"
WAIT = 15
DEADLINE = time.monotonic() + 170

DOWNLOADS = tempfile.mkdtemp(prefix="console-downloads-")
RUN = uuid.uuid4().hex[:8]
STARTED = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
BUCKET = "console-" + RUN
NO_BUCKET_KEY_BUCKET = "console-nobk-" + RUN
XSS_BUCKET = "console-xss-" + RUN
XSS_OBJECT = XSS + ".txt"

results = []
browser_log = []
state = {}


def report(ok, name, detail=""):
    results.append(ok)
    line = ("ok - " if ok else "not ok - ") + name
    if detail:
        line += " (" + detail.replace("\n", " ")[:300] + ")"
    print(line, flush=True)


def check(name):
    """Runs the decorated function at once as one check: it passes unless it raises."""

    def run(fn):
        if time.monotonic() > DEADLINE:
            report(False, name, "skipped: out of time")
            return fn
        try:
            detail = fn()
            report(True, name, detail or "")
        except Exception as error:  # noqa: BLE001 - every failure is one "not ok" line
            text = "".join(traceback.format_exception_only(type(error), error)).strip()
            report(False, name, text)
            shot("failure-" + name.split(":")[0].replace(" ", "-")[:40])
        return fn

    return run


# ---- helpers: boto3, signed admin calls, the browser ----


def client(service, credentials=ROOT):
    return boto3.client(service, endpoint_url=ENDPOINT, region_name=REGION, aws_access_key_id=credentials[0],
                        aws_secret_access_key=credentials[1],
                        config=botocore.config.Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))


def signed_get(path, credentials):
    """GET a /_coffer route signed with SigV4 (service s3); returns (status, headers, body)."""
    request = botocore.awsrequest.AWSRequest(method="GET", url=ENDPOINT + path)
    botocore.auth.SigV4Auth(botocore.credentials.Credentials(*credentials), "s3", REGION).add_auth(request)
    opened = urllib.request.Request(ENDPOINT + path, headers=dict(request.headers.items()))
    try:
        with urllib.request.urlopen(opened, timeout=10) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def make_driver():
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.add_experimental_option("prefs", {"download.default_directory": DOWNLOADS,
                                              "download.prompt_for_download": False})
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)


def wait(condition, timeout=WAIT, message=""):
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition, message)


def find(selector):
    return driver.find_element(By.CSS_SELECTOR, selector)


def visible(selector, timeout=WAIT):
    return wait(EC.visibility_of_element_located((By.CSS_SELECTOR, selector)), timeout, "no visible " + selector)


def text_in(selector, text, timeout=WAIT):
    wait(EC.text_to_be_present_in_element((By.CSS_SELECTOR, selector), text), timeout,
         f"{selector} never showed {text!r}")
    return find(selector).text


def go(hash_route):
    driver.execute_script("location.hash = arguments[0];", hash_route)


def field(name):
    return find(f"[data-field='{name}']").text


def drain_log():
    try:
        browser_log.extend(driver.get_log("browser"))
    except Exception:  # noqa: BLE001 - the log is best effort until check i reads it
        pass


def shot(name):
    try:
        os.makedirs(SCREENSHOT_DIR, exist_ok=True)
        driver.save_screenshot(os.path.join(SCREENSHOT_DIR, name + ".png"))
    except Exception:  # noqa: BLE001 - a missing screenshot must not hide the check's own result
        pass


def scroll_to(selector):
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'});", find(selector))


def downloaded(name, timeout=10):
    """Waits (bounded) for a finished download named `name`; returns its bytes."""
    path = os.path.join(DOWNLOADS, name)
    wait(lambda d: os.path.exists(path) and not os.path.exists(path + ".crdownload"), timeout, "no download " + name)
    with open(path, "rb") as handle:
        return handle.read()


def css_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sign_in(credentials):
    if find("#signin-section").is_displayed() is False:
        find("#signout").click()
    visible("#access-key-id")
    for selector, value in [("#access-key-id", credentials[0]), ("#secret-access-key", credentials[1])]:
        find(selector).clear()
        find(selector).send_keys(value)
    find("#signin-submit").click()


def no_alert():
    try:
        alert = driver.switch_to.alert
        text = alert.text
        alert.dismiss()
        raise AssertionError("an alert opened: " + text)
    except NoAlertPresentException:
        return True


# ---- seeding (not under test) ----


def seed():
    s3 = client("s3")
    kms = client("kms")
    s3.create_bucket(Bucket=XSS_BUCKET)
    s3.put_object(Bucket=XSS_BUCKET, Key=XSS_OBJECT, Body=b"the key of this object is markup, shown as text\n")
    tags = [{"TagKey": "lecture", "TagValue": XSS}]
    state["xss_key"] = kms.create_key(Description=XSS, Tags=tags)["KeyMetadata"]["KeyId"]
    s3.create_bucket(Bucket=NO_BUCKET_KEY_BUCKET)
    status, _, body = signed_get("/_coffer/console/api/whoami", USER)
    if status != 200:
        raise AssertionError(f"whoami for the IAM user answered {status}: {body[:200]!r}")
    user_arn = json.loads(body)["arn"]
    account = user_arn.split(":")[4]
    policy = {"Version": "2012-10-17", "Statement": [
        {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"}, "Action": "kms:*",
         "Resource": "*"},
        {"Sid": "NotTheViewer", "Effect": "Deny", "Principal": {"AWS": user_arn}, "Action": "kms:*", "Resource": "*"}]}
    state["denied_key"] = kms.create_key(Description="a key the IAM user may not use",
                                         Policy=json.dumps(policy))["KeyMetadata"]["KeyId"]


# ---- the run ----

driver = None


def main():
    global driver
    try:
        seed()
        report(True, "seed: XSS object and key, a key denied to the IAM user (boto3)")
    except Exception as error:  # noqa: BLE001
        report(False, "seed: XSS object and key, a key denied to the IAM user (boto3)", repr(error))
    try:
        driver = make_driver()
    except Exception as error:  # noqa: BLE001
        report(False, "start chromium with /usr/bin/chromedriver", repr(error))
        return 1
    driver.set_page_load_timeout(20)
    try:
        run_checks()
    finally:
        driver.quit()
    print(f"# {results.count(True)} of {len(results)} checks passed", flush=True)
    return 0 if results and all(results) else 1


def run_checks():
    @check("i: the CSP header is sent on /_coffer/console/")
    def _():
        with urllib.request.urlopen(ENDPOINT + "/_coffer/console/", timeout=10) as answer:
            csp = answer.headers.get("Content-Security-Policy", "")
        for part in ["default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"]:
            assert part in csp, f"{part!r} missing from {csp!r}"
        return csp

    driver.get(ENDPOINT + "/_coffer/console/")

    @check("a: a wrong secret shows the AWS error in #signin-error")
    def _():
        visible("#signin")
        shot("signin")
        sign_in((ROOT[0], ROOT[1] + "wrong"))
        error = visible("#signin-error").text
        assert "Signature" in error or "AccessDenied" in error, error
        assert not find("#nav").is_displayed()
        return error

    @check("a: the root user signs in, #whoami shows the ARN")
    def _():
        sign_in(ROOT)
        arn = text_in("#whoami", ":root")
        visible("#kms-chart")
        text_in("#live-state", "Live")
        return arn

    @check("b: create a symmetric key in the console")
    def _():
        find("#nav-keys").click()
        visible("#key-description").send_keys("console test key " + RUN)
        Select(find("#key-spec")).select_by_value("SYMMETRIC_DEFAULT")
        find("#key-create").click()
        wait(lambda d: d.execute_script("return location.hash").startswith("#/keys/"), message="no key page")
        state["key"] = driver.execute_script("return decodeURIComponent(location.hash.slice(7))")
        assert text_in("[data-field='state']", "Enabled")
        state["key_arn"] = field("arn")
        visible("#key-policy")
        visible("#key-disable")
        shot("key-page")
        return state["key"]

    @check("b: create a bucket in the console")
    def _():
        find("#nav-buckets").click()
        visible("#bucket-name").send_keys(BUCKET)
        find("#bucket-create").click()
        visible(f"tr[data-bucket='{BUCKET}']")
        client("s3").head_bucket(Bucket=BUCKET)
        return BUCKET

    @check("b: set the bucket's default encryption to SSE-KMS with the key and Bucket Key on")
    def _():
        find(f"tr[data-bucket='{BUCKET}'] a").click()
        visible("#enc-algorithm")
        Select(find("#enc-algorithm")).select_by_value("aws:kms")
        options = "return Array.from(document.querySelectorAll('#enc-key option'), (o) => o.value)"
        wait(lambda d: state["key_arn"] in d.execute_script(options), message="the key is not offered")
        Select(find("#enc-key")).select_by_value(state["key_arn"])
        if not find("#enc-bucket-key").is_selected():
            find("#enc-bucket-key").click()
        find("#enc-save").click()
        text_in("#enc-current", "Bucket Key on")
        text_in("#enc-current", state["key"])
        rule = client("s3").get_bucket_encryption(Bucket=BUCKET)["ServerSideEncryptionConfiguration"]["Rules"][0]
        default = rule["ApplyServerSideEncryptionByDefault"]
        assert default["SSEAlgorithm"] == "aws:kms" and default["KMSMasterKeyID"].endswith(state["key"]), rule
        assert rule.get("BucketKeyEnabled") is True, rule
        return find("#enc-current").text

    @check("c: upload a file through the page and see its encryption details")
    def _():
        path = os.path.join(tempfile.mkdtemp(), "lecture-notes.txt")
        with open(path, "wb") as handle:
            handle.write(b"Bucket Keys: one KMS call per bucket key, not per object.\n" * 64)
        client("kms").create_alias(AliasName="alias/console-" + RUN, TargetKeyId=state["key"])
        find("#upload-file").send_keys(path)
        find("#upload-submit").click()
        visible("tr[data-key='lecture-notes.txt']")
        text_in("#object-details [data-field='algorithm']", "aws:kms")
        arn = field("kmsKeyArn")
        assert arn == state["key_arn"], arn
        assert field("aliases") == "alias/console-" + RUN, field("aliases")
        source = field("keySource")
        assert source == "bucket-key-derived", source
        storage = field("storage")
        assert storage and storage != "—", storage
        text_in("#object-read", "decrypted")
        scroll_to("#object-details")
        shot("objects-details")
        return f"{field('algorithm')}, {arn}, {source}, {storage}, sealed {field('sealedBytes')}"

    @check("objects: download through a presigned URL")
    def _():
        find("#object-download").click()
        body = downloaded("lecture-notes.txt")
        assert body.startswith(b"Bucket Keys: one KMS call"), body[:40]
        return f"{len(body)} bytes"

    @check("objects: a 17 MiB file goes up as a multipart upload with progress")
    def _():
        path = os.path.join(tempfile.mkdtemp(), "big.bin")
        with open(path, "wb") as handle:
            handle.write(os.urandom(17 * 1024 * 1024))
        find("#upload-key").send_keys("big/lecture.bin")
        find("#upload-file").send_keys(path)
        find("#upload-submit").click()
        text_in("#object-details h2", "big/lecture.bin", 60)
        progress = find("#upload-progress")
        assert progress.get_attribute("value") == progress.get_attribute("max"), "progress not full"
        etag = client("s3").head_object(Bucket=BUCKET, Key="big/lecture.bin")["ETag"]
        assert etag.endswith('-3"'), etag
        return f"ETag {etag}, stored: {field('storage')}"

    @check("objects: delete with the confirm step")
    def _():
        find("#object-delete").click()
        visible("#confirm-yes").click()
        wait(lambda d: not d.find_elements(By.CSS_SELECTOR, "#object-details h2"), message="details still open")
        keys = [o["Key"] for o in client("s3").list_objects_v2(Bucket=BUCKET).get("Contents", [])]
        assert "big/lecture.bin" not in keys, keys
        return "big/lecture.bin deleted"

    @check("objects: browse a prefix with the delimiter and page with continuation tokens (100 per page)")
    def _():
        s3 = client("s3")
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda i: s3.put_object(Bucket=BUCKET, Key=f"many/{i:03d}.txt", Body=b"x"), range(105)))
        go(f"#/buckets/{BUCKET}?prefix=&delimiter=%2F")
        visible("tr[data-prefix='many/'] button").click()
        wait(lambda d: len(d.find_elements(By.CSS_SELECTOR, "tr[data-key^='many/']")) == 100, message="no page of 100")
        assert find("#prefix").get_attribute("value") == "many/"
        find("#next-page").click()
        wait(lambda d: len(d.find_elements(By.CSS_SELECTOR, "tr[data-key^='many/']")) == 5,
             message="no second page of 5")
        visible("tr[data-key='many/104.txt']")
        assert not find("#next-page").is_enabled()
        return "100 + 5 objects under many/"

    @check("d: the experiment with N=20: with Bucket Keys <= 2 KMS calls, without >= 20")
    def _():
        find("#nav-live").click()
        box = visible("#experiment-objects")
        box.clear()
        box.send_keys("20")
        find("#experiment-run").click()
        wait(lambda d: find("#experiment").get_attribute("data-state") in ("succeeded", "failed"), 60,
             "the experiment did not finish in 60 s")
        assert find("#experiment").get_attribute("data-state") == "succeeded", find("#experiment-summary").text
        with_calls = int(find("#experiment-with-calls").text)
        without_calls = int(find("#experiment-without-calls").text)
        assert with_calls <= 2 and without_calls >= 20, (with_calls, without_calls)
        progress = find("#experiment-progress")
        assert progress.get_attribute("value") == progress.get_attribute("max"), "progress not full"
        text_in("#live-state", "Live")
        wait(lambda d: int(find("#kms-chart").get_attribute("data-samples") or 0) >= 6, 15, "the chart never filled")
        scroll_to("#experiment")
        shot("live-experiment")
        driver.execute_script("window.scrollTo(0, 0)")
        shot("live")
        return f"with {with_calls}, without {without_calls}: {find('#experiment-summary').text}"

    @check("e: a disabled key makes a read fail with KMS.DisabledException on the page; re-enabled")
    def _():
        client("s3").put_object(Bucket=NO_BUCKET_KEY_BUCKET, Key="per-object-key.txt", Body=b"no bucket key here\n",
                                ServerSideEncryption="aws:kms", SSEKMSKeyId=state["key"])
        go("#/keys/" + state["key"])
        visible("#key-disable").click()
        text_in("[data-field='state']", "Disabled")
        go("#/buckets/" + NO_BUCKET_KEY_BUCKET)
        visible("tr[data-key='per-object-key.txt'] button").click()
        banner = text_in("#error", "KMS.DisabledException")
        shot("objects-disabled-key")
        go("#/keys/" + state["key"])
        visible("#key-enable").click()
        text_in("[data-field='state']", "Enabled")
        return banner

    @check("f: the audit view shows CreateKey, GenerateDataKey via S3 (marked) and DisableKey")
    def _():
        find("#nav-audit").click()
        visible("#audit-key").send_keys(state["key"])
        find("#audit-apply").click()
        for selector in ["tr.audit-event[data-event-name='CreateKey']",
                         "tr.audit-event.via-s3[data-event-name='GenerateDataKey']",
                         "tr.audit-event[data-event-name='DisableKey']"]:
            visible(selector)
        badge = driver.execute_script("return document.querySelector('tr.audit-event.via-s3 .badge').textContent")
        assert badge == "via S3", badge
        shot("audit")
        return f"{len(driver.find_elements(By.CSS_SELECTOR, 'tr.audit-event'))} events for the key"

    @check("audit: filters by event name and principal")
    def _():
        event = find("#audit-event")
        event.clear()
        event.send_keys("DisableKey")
        find("#audit-apply").click()
        names = "return Array.from(document.querySelectorAll('tr.audit-event'), (r) => r.dataset.eventName)"
        wait(lambda d: set(d.execute_script(names)) == {"DisableKey"}, message="the event filter did not apply")
        find("#audit-principal").send_keys("user/nobody")
        visible("#audit-table tr.empty")
        assert not driver.find_elements(By.CSS_SELECTOR, "tr.audit-event"), "the principal filter did not apply"
        return "event name and principal filters"

    @check("inspector: S3 requests listed, one opened into its envelope steps")
    def _():
        find("#nav-inspector").click()
        visible("tr.inspector-request")
        find("#inspector-auto").click()  # no refresh while a row is opened
        row = visible("tr.inspector-request")
        row.find_element(By.CSS_SELECTOR, "summary").click()
        steps = row.find_elements(By.CSS_SELECTOR, "details[open] li")
        assert steps, "no steps"
        shot("inspector")
        requests = driver.find_elements(By.CSS_SELECTOR, "tr.inspector-request")
        find("#inspector-auto").click()
        return f"{len(requests)} requests, the newest has {len(steps)} steps"

    @check("g: an object key that is markup shows as text")
    def _():
        go("#/buckets/" + XSS_BUCKET)
        row = visible(f"tr[data-key={css_string(XSS_OBJECT)}]")
        assert XSS_OBJECT in row.text, row.text
        row.find_element(By.CSS_SELECTOR, "button").click()
        text_in("#object-details h2", XSS_OBJECT)
        assert not driver.find_elements(By.CSS_SELECTOR, "img[src='x']"), "an <img src=x> was created"
        no_alert()
        shot("objects-xss")
        return row.text

    @check("g: a key description and a tag that are markup show as text")
    def _():
        find("#nav-keys").click()
        row = visible(f"tr[data-key-id='{state['xss_key']}']")
        assert XSS in row.text, row.text
        go("#/keys/" + state["xss_key"])
        text_in("[data-field='description']", XSS)
        text_in("#key-tags", XSS)
        assert not driver.find_elements(By.CSS_SELECTOR, "img[src='x']"), "an <img src=x> was created"
        no_alert()
        find("#nav-keys").click()
        visible(f"tr[data-key-id='{state['xss_key']}']")
        shot("keys")
        return "description on the keys page and the key page, tag on the key page"

    @check("keys: an asymmetric key (console) offers its public key for download")
    def _():
        find("#nav-keys").click()
        visible("#key-description").send_keys("signing key " + RUN)
        Select(find("#key-spec")).select_by_value("ECC_NIST_P256")
        Select(find("#key-usage")).select_by_value("SIGN_VERIFY")
        find("#key-create").click()
        visible("#key-public-key").click()
        key_id = driver.execute_script("return decodeURIComponent(location.hash.slice(7))")
        pem = downloaded(key_id + ".pem")
        assert pem.startswith(b"-----BEGIN PUBLIC KEY-----"), pem[:40]
        assert not driver.find_elements(By.CSS_SELECTOR, "#key-rotate"), "rotate offered for an asymmetric key"
        return key_id

    @check("keys: rotate on demand (history grows), automatic rotation on, deletion scheduled and cancelled")
    def _():
        go("#/keys/" + state["key"])
        visible("#key-rotate").click()
        wait(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#key-rotations tbody tr:not(.empty)")) == 1,
             message="no rotation in the history")
        visible("#key-rotation-toggle").click()
        text_in("[data-field='rotation']", "on, every")
        find("#key-pending-days").clear()
        find("#key-pending-days").send_keys("7")
        find("#key-schedule-deletion").click()
        visible("#confirm-yes").click()
        text_in("[data-field='state']", "PendingDeletion")
        visible("#key-cancel-deletion").click()
        text_in("[data-field='state']", "Disabled")
        visible("#key-enable").click()
        text_in("[data-field='state']", "Enabled")
        return "RotateKeyOnDemand, EnableKeyRotation, ScheduleKeyDeletion, CancelKeyDeletion, EnableKey"

    @check("keys: a malformed policy shows MalformedPolicyDocumentException in #key-policy-error")
    def _():
        go("#/keys/" + state["key"])
        policy = visible("#key-policy")
        policy.clear()
        policy.send_keys('{"Version": "2012-10-17", "Statement": [' + XSS)
        find("#key-policy-save").click()
        error = text_in("#key-policy-error", "MalformedPolicyDocumentException")
        assert not driver.find_elements(By.CSS_SELECTOR, "img[src='x']"), "an <img src=x> was created"
        no_alert()
        return error

    @check("j: keyboard: Tab to a nav link and Enter changes the page")
    def _():
        go("#/live")
        visible("#kms-chart")
        driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
        body = find("body")
        body.send_keys(Keys.TAB)
        for _ in range(30):
            if driver.switch_to.active_element.get_attribute("id") == "nav-buckets":
                break
            driver.switch_to.active_element.send_keys(Keys.TAB)
        assert driver.switch_to.active_element.get_attribute("id") == "nav-buckets", "Tab never reached #nav-buckets"
        driver.switch_to.active_element.send_keys(Keys.ENTER)
        wait(lambda d: d.execute_script("return location.hash") == "#/buckets", message="Enter did not navigate")
        visible("#bucket-table")
        shot("buckets")
        return "reached #nav-buckets with Tab"

    @check("j: at 390x844 the buckets page has no horizontal scroll")
    def _():
        driver.set_window_size(390, 844)
        visible(f"tr[data-bucket='{BUCKET}']")
        width = driver.execute_script("return document.documentElement.scrollWidth")
        inner = driver.execute_script("return window.innerWidth")
        shot("buckets-390x844")
        assert width <= inner + 1, f"scrollWidth {width} > {inner}"
        return f"scrollWidth {width}, innerWidth {inner}"

    @check("k: the live page at 390x844")
    def _():
        find("#nav-live").click()
        visible("#kms-chart")
        text_in("#live-state", "Live")
        width = driver.execute_script("return document.documentElement.scrollWidth")
        inner = driver.execute_script("return window.innerWidth")
        shot("live-390x844")
        driver.set_window_size(1280, 800)
        assert width <= inner + 1, f"scrollWidth {width} > {inner}"
        return f"scrollWidth {width}"

    drain_log()

    @check("h: the IAM user gets no live view: 'needs the root user'")
    def _():
        driver.set_window_size(1280, 800)
        sign_in(USER)
        text_in("#whoami", ":user/")
        go("#/live")
        return text_in("#live-denied", "needs the root user")

    @check("h: the IAM user sees no actions on a key it may not use, and a not-allowed note")
    def _():
        go("#/keys/" + state["denied_key"])
        note = visible("#key-denied, #key-not-allowed").text
        assert "not allowed" in note, note
        for action in ["#key-disable", "#key-enable", "#key-schedule-deletion", "#key-rotate", "#key-policy-save"]:
            assert not driver.find_elements(By.CSS_SELECTOR, action), action + " is shown"
        shot("key-page-iam-user-denied")
        return note

    @check("h: the IAM user gets no audit trail or request inspector: 'needs the root user'")
    def _():
        find("#nav-audit").click()
        audit = text_in(".note", "needs the root user")
        find("#nav-inspector").click()
        text_in(".note", "request inspector needs the root user")
        find("#nav-buckets").click()
        visible(f"tr[data-bucket='{BUCKET}']")
        return audit

    @check("h: sign-out clears the session")
    def _():
        find("#signout").click()
        visible("#signin")
        assert not find("#nav").is_displayed()
        assert find("#secret-access-key").get_attribute("value") == ""
        return "sign-in form shown"

    drain_log()

    @check("i: no CSP violation or JS error in the browser log after every page")
    def _():
        problems = []
        for entry in browser_log:
            message = entry.get("message", "")
            if "Failed to load resource: the server responded with a status of" in message:
                continue  # the expected 4xx answers (wrong secret, disabled key, denied user)
            if entry.get("level") == "SEVERE" or "Content Security Policy" in message or "Refused to" in message:
                problems.append(message)
        assert not problems, " | ".join(problems[:5])
        return f"{len(browser_log)} log entries, none a CSP violation or JS error"

    @check("i: the console's own KMS calls failed only where the test meant them to (audit trail)")
    def _():
        since = urllib.parse.quote(STARTED, safe="")
        status, _, body = signed_get("/_coffer/audit?format=json&limit=5000&since=" + since, ROOT)
        assert status == 200, f"audit answered {status}"
        expected = {("PutKeyPolicy", "MalformedPolicyDocumentException"), ("DescribeKey", "AccessDeniedException")}
        failures = [(e["eventName"], e["errorCode"]) for e in json.loads(body)
                    if e.get("errorCode") and "Chrome" in (e.get("userAgent") or "")]
        unexpected = [f for f in failures if f not in expected]
        assert not unexpected, unexpected[:5]
        return f"{len(failures)} expected failures"

    @check("k: screenshots of every page saved")
    def _():
        names = ["signin", "live", "buckets", "objects-details", "keys", "key-page", "audit", "inspector",
                 "live-390x844"]
        missing = [n for n in names if not os.path.exists(os.path.join(SCREENSHOT_DIR, n + ".png"))]
        assert not missing, "missing " + ", ".join(missing)
        return SCREENSHOT_DIR


if __name__ == "__main__":
    sys.exit(main())
