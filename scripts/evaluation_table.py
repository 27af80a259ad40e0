#!/usr/bin/env python3
"""Markdown table of `saliency evaluate` results (results.json files), for the README.

    evaluation_table.py RESULTS.json…            # one table row per method per file
    evaluation_table.py A.json+B.json …          # one table of A's rows then B's (same model, corpus, texts)
    evaluation_table.py --curves-page INDEX.html  # the page's style and curves section only (for a screenshot)
"""
import json
import re
import sys


def estimate(value, digits=3):
    if value is None:
        return "n/a"
    return f"{value['mean']:.{digits}f} [{value['lower']:.{digits}f}, {value['upper']:.{digits}f}]"


# The options of the documented default (`explain` without --method): occlusion in log-odds.
DEFAULT = ("occlusion", "erasure=pad, measure=log-odds, window=1")


def label(method):
    """`name`, with the measure when a perturbation method does not use probability, and the default marked."""
    name, options = method["method"], method.get("options", "")
    if name == "random":
        return "*random*"
    if (name, options) == DEFAULT:
        return f"`{name}` log-odds (**default**)"
    measure = next((o.split("=", 1)[1] for o in options.split(", ") if o.startswith("measure=")), "probability")
    return f"`{name}`" + (f" {measure}" if measure != "probability" else "")


def rows(results, reference=True):
    taus = {}
    for pair in results["agreement"]:
        if pair["first"] == "occlusion":
            taus[pair["second"]] = pair["kendall_tau"]
    sanity = {entry["method"]: entry for entry in results["sanity"] or []}
    plausibility = {entry["method"]: entry["agreeing"] for entry in (results["plausibility"] or {}).get("results", [])}
    for method in results["methods"]:
        name = method["method"]
        deletion = method["deletion_accuracy_correct"]
        check = sanity.get(name)
        if check:
            final = check["stages"][-1]["spearman_rho"]
            verdict = ("passed" if check["passed"] else "failed") + (f", ρ {final['mean']:.2f}" if final else "")
        else:
            verdict = "n/a"
        speed = method["sequences_per_second"]
        yield [
            label(method),
            estimate(method["comprehensiveness_aopc"]),
            estimate(method["sufficiency_aopc"]),
            estimate(deletion[-1]) if deletion else "n/a",
            ("reference" if reference else "own run") if name == "occlusion" else estimate(taus.get(name), 2),
            estimate(plausibility.get(name)),
            verdict,
            f"{speed:,.0f}" if speed and speed >= 10 else (f"{speed:.1f}" if speed else "n/a"),
        ]


def table(paths):
    header = ["method", "comprehensiveness ↑", "sufficiency ↓", f"accuracy after 5 deleted ↓", "τ with occlusion",
              "plausibility ↑", "sanity", "sequences/s"]
    out = []
    for group in paths:
        parts = []
        for path in group.split("+"):
            with open(path, encoding="utf-8") as handle:
                parts.append(json.load(handle))
        results = parts[0]
        out.append(f"**{results['model']}** on `{results['corpus']}`: {results['texts']} texts, "
                   f"{results['correct']} predicted correctly, erasure `{results['erasure']}`\n")
        out.append("| " + " | ".join(header) + " |")
        out.append("|" + "---|" * len(header))
        table_rows = [(m["method"], row) for m, row in zip(results["methods"], rows(results))]
        for part in parts[1:]:
            for method, row in zip(part["methods"], rows(part, reference=False)):
                if method["method"] == "random":
                    continue  # one random baseline per table: the first file's
                same = [i for i, (name, _) in enumerate(table_rows) if name == method["method"]]
                at = same[-1] + 1 if same else len(table_rows) - 1  # after its namesake, else before random
                table_rows.insert(at, (method["method"], row))
        out += ["| " + " | ".join(row) + " |" for _, row in table_rows]
        out.append("")
    return "\n".join(out)


def curves_page(path):
    with open(path, encoding="utf-8") as handle:
        page = handle.read()
    style = re.search(r"<style>.*?</style>", page, re.S)
    curves = re.search(r'<section id="curves">.*?</section>', page, re.S)
    if not style or not curves:
        sys.exit(f"evaluation_table: {path} has no curves section")
    return f"<!doctype html><html><head><meta charset=\"utf-8\">{style.group(0)}</head><body>{curves.group(0)}</body></html>"


def main(argv):
    if len(argv) == 2 and argv[0] == "--curves-page":
        print(curves_page(argv[1]))
    elif argv and not argv[0].startswith("-"):
        print(table(argv))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
