"""Drives the `saliency serve` page in Chromium through Playwright (run by scripts/browser-test.sh).

Each step checks what the page shows against the server's own JSON answers; any console error, page error,
failed request or HTTP error answer fails the run. Requests the page aborts on purpose (a newer request
replaces an older one) are not failures. Screenshots go to --screenshots.
"""

import argparse
import json
import re
import sys
import urllib.request
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

SENTENCE = "The food was cold but the staff were lovely."
TIMEOUT_MS = 30_000


def api(url, path, body=None):
    """The JSON answer of the server to a GET (or POST with `body`)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url.rstrip("/") + path, data=data,
                                     headers={"Content-Type": "application/json"} if data else {})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.load(answer)


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok:", message, file=sys.stderr)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--browser", required=True)
    parser.add_argument("--screenshots", required=True)
    args = parser.parse_args()
    shots = Path(args.screenshots)
    shots.mkdir(parents=True, exist_ok=True)
    problems = []

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.browser, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="light")
        page.set_default_timeout(TIMEOUT_MS)
        page.on("console", lambda message: message.type == "error" and problems.append("console: " + message.text))
        page.on("pageerror", lambda error: problems.append("page error: " + str(error)))
        page.on("requestfailed", lambda request: "ERR_ABORTED" not in (request.failure or "")
                and problems.append("request failed: " + request.url + " " + str(request.failure)))
        page.on("response", lambda response: response.status >= 400
                and problems.append("HTTP %d: %s" % (response.status, response.url)))

        # 1. Type a sentence: one heatmap row per default method, one span per token.
        page.goto(args.url)
        page.wait_for_selector("#methods input")
        expected = api(args.url, "/api/explain", {"text": SENTENCE})
        page.fill("#text", SENTENCE)
        page.wait_for_selector("#original .rows .row")
        rows = page.locator("#original .rows .row")
        check(rows.count() == len(expected["explanations"]), "one row per method (%d)" % rows.count())
        spans = rows.nth(0).locator(".tokens span")
        check(spans.count() == len(expected["tokens"]), "the row has one span per token (%d)" % len(expected["tokens"]))
        check(page.locator("#curve svg circle").count() == len(expected["tokens"]), "the prefix curve has a point per token")
        predicted = expected["predicted"]

        # 2. Edit a word: replace "cold" with "warm"; the counterfactual shows its Δp.
        index = next(i for i, token in enumerate(expected["tokens"]) if token["text"] == "cold")
        spans.nth(index).click()
        page.wait_for_selector("#edit-menu:not([hidden])")
        page.fill("#edit-word", "warm")
        page.click("#edit-replace")
        page.wait_for_selector("#counterfactual:not([hidden]) .rows .row")
        change = page.locator("#counterfactual .change").inner_text()
        edited = api(args.url, "/api/explain", {"text": SENTENCE.replace("cold", "warm"), "model": expected["model"]["name"],
                                               "target": predicted})
        delta = edited["probabilities"][predicted] - expected["probabilities"][predicted]
        shown = float(page.locator("#counterfactual .change").get_attribute("data-delta"))
        check("Δp" in change and abs(shown - delta) < 1e-6, "the counterfactual shows Δp %+.3f (%s)" % (delta, change))
        check("edit=" in page.url, "the edit is in the URL")
        page.screenshot(path=str(shots / "counterfactual.png"), full_page=True)

        # Mask the same token: the page says which id it used.
        spans.nth(index).click()
        page.click("#edit-mask")
        expect(page.locator("#counterfactual .change")).to_have_text(re.compile("^Masked"))
        check("<unk>" in page.locator("#counterfactual .change").inner_text(), "masking says it used <unk>")

        # 3. Switch the target class: every row now explains the other class.
        other = next(label for label in expected["model"]["labels"] if label != predicted)
        with page.expect_response(lambda response: response.url.endswith("/api/view")) as info:
            page.select_option("#target", other)
        answer = info.value.json()["explanation"]
        check(all(row["target"] == other for row in answer["explanations"]), "the server explains %s" % other)
        expect(page.locator("#original .rows .row")).to_have_count(len(answer["explanations"]))
        supporting = [i for i, row in enumerate(answer["explanations"]) if row["sign"] == "supports-target"]
        for i in supporting:
            expect(page.locator("#original .rows .row").nth(i).locator(".method small").first).to_contain_text("supports " + other)
        check("target=" + other in page.url, "the target %s is shown and in the URL" % other)

        # The view reloads from its URL.
        page.reload()
        page.wait_for_selector("#original .rows .row")
        check(page.input_value("#text") == SENTENCE and page.input_value("#target") == other, "a reload restores the view")

        # 4. The corpus view: click the cell gold=negative, predicted=positive.
        analysis = api(args.url, "/api/analyses")[0]
        labels = analysis["labels"]
        matrix = analysis["summary"]["metrics"]["confusion"]["matrix"]
        gold, wrong = 0, 1
        page.click("#tab-corpus")
        page.wait_for_selector("#confusion button.cell")
        page.locator("#confusion tr").nth(gold + 1).locator("button.cell").nth(wrong).click()
        expect(page.locator("#examples tr")).to_have_count(min(matrix[gold][wrong], 25) + 1)
        cells = page.locator("#examples tr").evaluate_all(
            "(rows) => rows.slice(1).map((r) => [r.children[1].textContent, r.children[2].textContent])")
        check(all(cell == [labels[gold], labels[wrong]] for cell in cells),
              "the cell lists its %d examples (gold %s, predicted %s)" % (matrix[gold][wrong], labels[gold], labels[wrong]))
        page.screenshot(path=str(shots / "corpus-cell.png"), full_page=True)

        # 5. Open an example in the explain view.
        text = page.locator("#examples tr").nth(1).locator("td.text").get_attribute("title")
        page.locator("#examples tr").nth(1).locator("button").click()
        page.wait_for_selector("#explain-view:not([hidden]) #original .rows .row")
        expect(page.locator("#text")).to_have_value(text)
        check(True, "the example opens in the explain view")

        browser.close()

    for problem in problems:
        print("FAIL:", problem, file=sys.stderr)
    if problems:
        sys.exit(1)
    print("browser-test: all steps passed; screenshots in %s" % shots, file=sys.stderr)


if __name__ == "__main__":
    main()
