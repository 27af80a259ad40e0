#!/usr/bin/env python3
"""Page load of `saliency serve` in headless Chromium, read from the Navigation and Resource Timing APIs.

    serve_page.py URL [--loads 7] [--text TEXT] [--chromium /usr/bin/chromium]

Drives the browser over the DevTools protocol (a minimal WebSocket client: standard library only). Each load
navigates a fresh about:blank tab to the page with the browser cache off, so every byte comes from the server.
Per load, milliseconds from the start of navigation:
  - `load`: the load event ended (HTML, CSS and script fetched and run);
  - `ready`: the page's start-up API calls answered (STARTUP below): the controls are filled;
  - `explained` (with --text, put in the URL fragment as a shared link would): the page's explanation request
    (EXPLAIN below) answered.
Weight: bytes over the wire (transferSize: headers and bodies) of the document and everything it fetched, and the
bodies alone. Prints one JSON line: the first (cold) load, then the medians of the others.
"""
import argparse
import base64
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

# What the page fetches when it starts, and how it asks for an explanation (Sources/SaliencyServer/Page).
STARTUP = ("/api/models", "/api/methods", "/api/analyses")
EXPLAIN = "/api/view"

class DevTools:
    """One WebSocket connection to a DevTools target; `call` sends a command and returns its result."""

    def __init__(self, url):
        parts = urllib.parse.urlparse(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {parts.path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise RuntimeError("DevTools closed the connection during the handshake")
            head += chunk
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise RuntimeError(f"DevTools refused the WebSocket: {head[:200]!r}")
        self.buffer = head.split(b"\r\n\r\n", 1)[1]
        self.next_id = 0
        self.events = []

    def _send(self, text):
        payload = text.encode()
        mask = os.urandom(4)
        length = len(payload)
        if length < 126:
            header = bytes([0x81, 0x80 | length])
        elif length < 1 << 16:
            header = bytes([0x81, 0x80 | 126]) + length.to_bytes(2, "big")
        else:
            header = bytes([0x81, 0x80 | 127]) + length.to_bytes(8, "big")
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _read(self, count):
        while len(self.buffer) < count:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("DevTools closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def _receive(self):
        message = b""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = int.from_bytes(self._read(2), "big")
            elif length == 127:
                length = int.from_bytes(self._read(8), "big")
            message += self._read(length)
            if first & 0x80:
                return json.loads(message)

    def call(self, method, **params):
        self.next_id += 1
        self._send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = self._receive()
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for index, message in enumerate(self.events):
                if message.get("method") == event:
                    del self.events[index]
                    return message
            self.events.append(self._receive())
        raise RuntimeError(f"no {event} within {seconds} s")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")


TIMINGS = """JSON.stringify({
  navigation: performance.getEntriesByType('navigation').map(e => ({
    load: e.loadEventEnd, transfer: e.transferSize, body: e.encodedBodySize, name: e.name})),
  resources: performance.getEntriesByType('resource').map(e => ({
    name: new URL(e.name).pathname, end: e.responseEnd, transfer: e.transferSize, body: e.encodedBodySize}))})"""


def one_load(tools, url, wanted):
    tools.call("Page.navigate", url="about:blank")
    tools.wait_for("Page.loadEventFired", 30)
    tools.call("Page.navigate", url=url)
    tools.wait_for("Page.loadEventFired", 30)
    deadline = time.monotonic() + 30
    while True:
        timings = json.loads(tools.evaluate(TIMINGS))
        seen = {resource["name"] for resource in timings["resources"]}
        if wanted <= seen or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    missing = wanted - seen
    if missing:
        raise RuntimeError(f"the page never fetched {sorted(missing)}")
    navigation = timings["navigation"][0]
    ends = {resource["name"]: resource["end"] for resource in timings["resources"]}
    entries = [navigation] + timings["resources"]
    return {
        "load_ms": navigation["load"],
        "ready_ms": max(ends[path] for path in STARTUP),
        "explained_ms": ends.get(EXPLAIN),
        "transfer_bytes": sum(entry["transfer"] for entry in entries),
        "body_bytes": sum(entry["body"] for entry in entries),
        "files": sorted(seen | {urllib.parse.urlparse(url).path}),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--loads", type=int, default=7)
    parser.add_argument("--text")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    url = args.url + ("#" + urllib.parse.urlencode({"text": args.text}, quote_via=urllib.parse.quote) if args.text else "")
    wanted = {"/app.js", "/app.css", *STARTUP} | ({EXPLAIN} if args.text else set())
    profile = tempfile.mkdtemp(prefix="serve-page-")
    browser = subprocess.Popen(
        [args.chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
         "--disable-extensions", "--disable-background-networking", f"--user-data-dir={profile}",
         "--remote-debugging-port=0", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        endpoint = None
        for line in browser.stderr:
            if line.startswith("DevTools listening on "):
                endpoint = line.split()[-1]
                break
        if endpoint is None:
            sys.exit("serve_page.py: Chromium did not start its DevTools endpoint; check --chromium")
        port = urllib.parse.urlparse(endpoint).port
        pages = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(target for target in pages if target["type"] == "page")
        tools = DevTools(page["webSocketDebuggerUrl"])
        tools.call("Page.enable")
        tools.call("Network.enable")
        tools.call("Network.setCacheDisabled", cacheDisabled=True)
        loads = [one_load(tools, url, wanted) for _ in range(args.loads)]
    finally:
        browser.terminate()
        browser.wait(timeout=30)
        shutil.rmtree(profile, ignore_errors=True)
    rest = loads[1:] or loads
    median = lambda key: None if rest[0][key] is None else round(statistics.median(load[key] for load in rest), 1)
    print(json.dumps({
        "run": "page", "loads": len(loads), "files": loads[0]["files"],
        "cold": {key: (round(value, 1) if isinstance(value, float) else value)
                 for key, value in loads[0].items() if key != "files"},
        "load_ms": median("load_ms"), "ready_ms": median("ready_ms"), "explained_ms": median("explained_ms"),
        "transfer_bytes": loads[-1]["transfer_bytes"], "body_bytes": loads[-1]["body_bytes"],
    }))


if __name__ == "__main__":
    main()
