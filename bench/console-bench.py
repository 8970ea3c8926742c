#!/usr/bin/env python3
"""What the console costs: page load and a 10,000-object bucket's first page in Chromium, and the server's CPU with
an idle console open.

    python3 bench/console-bench.py .build/release/coffer

Starts its own `coffer serve` on a free port with a temporary data folder, fills a bucket with 10,000 small objects
(boto3, 16 threads), then drives Debian's chromium with Selenium (chromium-driver; nothing is downloaded):
  1. document load: navigationStart -> loadEventEnd of /_coffer/console/ (the page and its scripts and styles),
     median of 15 loads (the browser cache is kept, as for a person who reloads);
  2. the bucket's first page: from setting `#/buckets/<bucket>` to 100 object rows shown (a signed ListObjectsV2 of
     the 10,000-object bucket and the rendering), median of 15;
  3. idle cost: the server's CPU time (utime + stime from /proc/PID/stat) over 60 s with the live page open and
     streaming, and over 60 s with the Buckets page open, as a share of one core.
Prints one line per figure.
"""
import concurrent.futures
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

import boto3
from botocore.config import Config
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ACCESS_KEY = "AKIACONSOLEBENCH0001"
SECRET = "console/bench/secret/key/0000000000000001"
BUCKET = "ten-thousand"
OBJECTS = 10_000
ROUNDS = 15


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(binary, port, data):
    env = dict(os.environ, COFFER_ACCESS_KEY_ID=ACCESS_KEY, COFFER_SECRET_ACCESS_KEY=SECRET)
    server = subprocess.Popen(
        [binary, "serve", "--host", "127.0.0.1", "--port", str(port), "--data", data, "--log-level", "warning"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):  # bounded: 10 s
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_coffer/health", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    raise SystemExit("coffer did not start")


def fill(endpoint):
    s3 = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET,
        region_name="us-east-1", config=Config(max_pool_connections=16))
    s3.create_bucket(Bucket=BUCKET)
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda i: s3.put_object(Bucket=BUCKET, Key=f"note-{i:05d}.txt", Body=b"x" * 64),
                      range(OBJECTS)))


def browser():
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800"]:
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)


def sign_in(driver, wait):
    wait.until(lambda d: d.find_element(By.ID, "access-key-id").is_displayed())
    driver.find_element(By.ID, "access-key-id").send_keys(ACCESS_KEY)
    driver.find_element(By.ID, "secret-access-key").send_keys(SECRET)
    driver.find_element(By.ID, "signin-submit").click()
    wait.until(lambda d: d.find_element(By.ID, "whoami").text.strip() != "")


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle_share(pid, seconds=60):
    before, start = cpu_seconds(pid), time.monotonic()
    time.sleep(seconds)  # a measurement window, not synchronization
    return (cpu_seconds(pid) - before) / (time.monotonic() - start)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/coffer"
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as data:
        server = start_server(binary, port, data)
        try:
            fill(endpoint)
            driver = browser()
            wait = WebDriverWait(driver, 30)
            try:
                loads = []
                for _ in range(ROUNDS):
                    driver.get(endpoint + "/_coffer/console/")
                    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
                    loads.append(driver.execute_script(
                        "const t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd - t.startTime"))
                sign_in(driver, wait)
                pages = []
                for _ in range(ROUNDS):
                    driver.execute_script("location.hash = '#/buckets'")
                    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f"tr[data-bucket='{BUCKET}']"))
                    start = time.perf_counter()
                    driver.execute_script(f"location.hash = '#/buckets/{BUCKET}'")
                    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "tr[data-key]")) >= 100)
                    pages.append((time.perf_counter() - start) * 1000)
                print(f"document load of /_coffer/console/: median {statistics.median(loads):.1f} ms "
                      f"(min {min(loads):.1f}, max {max(loads):.1f}, {ROUNDS} loads)")
                print(f"first page of a {OBJECTS}-object bucket (100 rows shown): median {statistics.median(pages):.1f} ms "
                      f"(min {min(pages):.1f}, max {max(pages):.1f}, {ROUNDS} rounds)")
                driver.execute_script("location.hash = '#/live'")
                wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#kms-chart"))
                live = idle_share(server.pid)
                driver.execute_script("location.hash = '#/buckets'")
                wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, f"tr[data-bucket='{BUCKET}']"))
                buckets = idle_share(server.pid)
                print(f"server CPU with the live page open (1 event/s): {live * 100:.2f}% of a core over 60 s")
                print(f"server CPU with the buckets page open: {buckets * 100:.2f}% of a core over 60 s")
            finally:
                driver.quit()
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
