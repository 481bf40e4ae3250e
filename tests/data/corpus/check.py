"""Check the sentence corpus files: fields, types, units, split rule, no duplicate quotes.

Run: python tests/data/corpus/check.py  (exit 1 and one line per problem if any)."""

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BOUNDS = {"exact", "at-least", "at-most", "about"}
UNIT = re.compile(r"^\d+(\.\d+)? (W|kW|MW|GW|kVA|MVA|GVA)$")
# every bundled accelerator preset's id (presets/accelerators/*.toml), and the two generic readings
PRESETS = HERE.parent.parent.parent / "presets" / "accelerators"
ACCEL = {path.stem for path in PRESETS.glob("*.toml")} | {"generic", "generic-amd"}
REQUIRED = [
    "quote",
    "source",
    "power",
    "power_bound",
    "count",
    "count_high",
    "count_bound",
    "accelerator",
    "alternatives",
    "split",
]


def problems_of(path, n, d):
    where = f"{path.name}:{n}"
    for k in REQUIRED:
        if k not in d:
            yield f"{where}: missing field {k!r}"
    if not isinstance(d.get("quote"), str) or not d.get("quote"):
        yield f"{where}: quote must be a non-empty string"
        return
    if not str(d.get("source", "")).startswith("http"):
        yield f"{where}: source {d.get('source')!r} is not a URL"
    p = d.get("power")
    if p is not None and not UNIT.match(p):
        yield f"{where}: power {p!r} is not 'number unit'"
    for k in ("power_bound", "count_bound"):
        if d.get(k) not in BOUNDS:
            yield f"{where}: {k} {d.get(k)!r} not in {sorted(BOUNDS)}"
    c, ch = d.get("count"), d.get("count_high")
    for k, v in (("count", c), ("count_high", ch)):
        if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v <= 0):
            yield f"{where}: {k} {v!r} must be a positive integer or null"
    if ch is not None and (c is None or ch <= c):
        yield f"{where}: count_high {ch!r} needs a smaller count"
    a = d.get("accelerator")
    if (c is None) != (a is None):
        yield f"{where}: accelerator {a!r} must be set exactly when count is"
    if a is not None and a not in ACCEL:
        yield f"{where}: accelerator {a!r} is not a known id"
    alts = d.get("alternatives")
    if not isinstance(alts, list):
        yield f"{where}: alternatives must be a list"
    else:
        for alt in alts:
            if set(alt) != {"power", "count", "why"}:
                yield f"{where}: alternative {alt!r} needs power, count, why"
            elif alt["power"] is not None and not UNIT.match(alt["power"]):
                yield f"{where}: alternative power {alt['power']!r} is not 'number unit'"
    q = d["quote"]
    want = "test" if int(hashlib.sha256(q.encode("utf-8")).hexdigest(), 16) % 2 == 1 else "dev"
    if d.get("split") != want:
        yield f"{where}: split {d.get('split')!r}, the sha256 rule gives {want!r}"


def main():
    files = [*sorted(HERE.glob("*.jsonl")), HERE.parent / "sentences.jsonl"]
    seen, problems = {}, []
    for path in files:
        if not path.exists():
            continue
        corpus = path.parent == HERE
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            d = json.loads(line)
            if corpus:
                problems.extend(problems_of(path, n, d))
            q = d.get("quote")
            if q in seen:
                problems.append(f"{path.name}:{n}: duplicate quote, also {seen[q]}")
            seen.setdefault(q, f"{path.name}:{n}")
    for p in problems:
        print(p)
    for path in sorted(HERE.glob("*.jsonl")):
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        dev = sum(r.get("split") == "dev" for r in rows)
        print(f"{path.name}: {len(rows)} sentences, {dev} dev, {len(rows) - dev} test")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
