#!/usr/bin/env python3
"""Adversarial benchmark corpus: the inputs that make a normaliser or a matcher slow.

One zstd JSONL file per kind under DIR/adversarial/, so the report's per-file rows tell them apart:
  spaced.jsonl.zst       single letters separated by punctuation (s.a.r.i.n, s-a-r-i-n, s _ a ...),
                         documents of 1-4 MB with no word longer than one letter
  leet-digits.jsonl.zst  long digit runs (up to 1 MB without a separator), digits spaced by
                         punctuation, leetspeak words (h4x0r, 5up3r) and runs of leet symbols (@$!|)
  homoglyphs.jsonl.zst   Latin look-alikes from Cyrillic, Greek, fullwidth and mathematical
                         alphanumerics, zero-width characters between letters, combining marks;
                         half of the documents written with JSON \\u escapes
  long-line.jsonl.zst    one document whose line is --long-line bytes (default 50 MB) of the kinds above
  deep-json.jsonl.zst    ordinary text beside metadata nested 200 objects and 250 arrays deep
                         (the reader's limit is 256), and 1 % nested 300 deep (reported invalid)
Planted terms: some documents of each kind (30 % of the few large spaced ones, 10 % of the others, 3 % of deep-json) carry 2 distinct one-word blocklist terms written
the way that kind writes (spaced letters, leetspeak, homoglyphs), set apart by separators longer
than the normaliser's join limit; DIR/adversarial/expected.json counts them per file.
usage: generate-adversarial.py DIR --terms TERMS.tsv [--bytes 320000000] [--long-line 50000000] [--seed 13]
"""
import argparse, json, os, random, subprocess, sys

p = argparse.ArgumentParser()
p.add_argument("dir")
p.add_argument("--terms", required=True)
p.add_argument("--bytes", type=int, default=320_000_000)
p.add_argument("--long-line", type=int, default=50_000_000)
p.add_argument("--seed", type=int, default=13)
a = p.parse_args()
rng = random.Random(a.seed)
out_dir = os.path.join(a.dir, "adversarial")
os.makedirs(out_dir, exist_ok=True)
letters = "abcdefghijklmnopqrstuvwxyz"
terms = [line.split("\t")[0] for line in open(a.terms, encoding="utf-8") if line.strip()]
one_word = [t for t in terms if " " not in t]

LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7", "b": "8", "g": "9"}
# Latin letter -> look-alikes the fold table maps back to it (Cyrillic, Greek, fullwidth, math bold).
# (Greek κ, χ and lunate sigma ϲ are left out: the UTS #39 table does not fold them to k, x, c.)
HOMO = {"a": "аɑ𝐚ａ", "c": "с𝐜ｃ", "e": "еҽ𝐞ｅ", "i": "іι𝐢ｉ", "o": "оο𝐨ｏ", "p": "рρ𝐩ｐ",
        "s": "ѕ𝐬ｓ", "x": "х𝐱ｘ", "y": "уγ𝐲ｙ", "j": "ј𝐣ｊ", "h": "һ𝐡ｈ", "k": "𝐤ｋ", "n": "ո𝐧ｎ"}
ZW = "\u200b\u200c\u200d\u2060\u00ad"
MARKS = "\u0301\u0308\u0327\u0303"


def spaced_block(n):
    seps = [".", "-", "_", "*", "/", " ", ". ", "-_", "..."]
    out, size = [], 0
    while size < n:
        c = rng.choice(letters)
        s = rng.choice(seps)
        out.append(c.upper() if rng.random() < 0.2 else c); out.append(s); size += 1 + len(s)
    return "".join(out)


def leet_block(n):
    out, size = [], 0
    while size < n:
        r = rng.random()
        if r < 0.3:
            piece = "".join(rng.choice("0123456789") for _ in range(rng.randint(20, 400)))
        elif r < 0.5:
            piece = ".".join(rng.choice("0123456789") for _ in range(rng.randint(10, 200)))
        elif r < 0.85:
            w = "".join(rng.choice(letters) for _ in range(rng.randint(3, 12)))
            piece = "".join(LEET.get(ch, ch) if rng.random() < 0.6 else ch for ch in w)
        else:
            piece = "".join(rng.choice("@$!|") for _ in range(rng.randint(2, 60)))
        out.append(piece); out.append(rng.choice([" ", " ", ", ", "\n", "-"])); size += len(piece) + 1
    return "".join(out)


def homoglyph_block(n):
    out, size = [], 0
    while size < n:
        w = []
        for ch in "".join(rng.choice(letters) for _ in range(rng.randint(2, 10))):
            w.append(rng.choice(HOMO[ch]) if ch in HOMO and rng.random() < 0.7 else ch)
            r = rng.random()
            if r < 0.25:
                w.append(rng.choice(ZW))
            elif r < 0.35:
                w.append(rng.choice(MARKS))
        piece = "".join(w)
        out.append(piece); out.append(" "); size += len(piece.encode()) + 1
    return "".join(out)


def spaced_term(t): return rng.choice([".", "-", " ", "_"]).join(t)
def leet_term(t): return "".join(LEET.get(ch, ch) for ch in t)
def homo_term(t): return "".join(rng.choice(HOMO[ch]) if ch in HOMO else ch for ch in t)


# Pools of random text; documents are slices of them, so generation is fast and still varied.
POOL = 4_000_000
pools = {"spaced": spaced_block(POOL), "leet-digits": leet_block(POOL), "homoglyphs": homoglyph_block(POOL // 2)}
plant = {"spaced": spaced_term, "leet-digits": leet_term, "homoglyphs": homo_term}


def slice_of(kind, n):
    pool = pools[kind]
    start = rng.randrange(max(1, len(pool) - n))
    parts = [pool[start:start + n]]
    while sum(len(x) for x in parts) < n:
        parts.append(pool[:n - sum(len(x) for x in parts)])
    return "".join(parts)


expected, docs = {}, 0


def write(name, records):
    global docs
    path = os.path.join(out_dir, name + ".jsonl.zst")
    z = subprocess.Popen(["zstd", "-q", "-3", "-T2", "-f", "-o", path], stdin=subprocess.PIPE)
    size = 0
    for rec, ascii_only in records:
        b = (json.dumps(rec, ensure_ascii=ascii_only) + "\n").encode("utf-8")
        z.stdin.write(b); size += len(b); docs += 1
    z.stdin.close(); z.wait()
    print(f"  {name}: {size} bytes", file=sys.stderr)
    return size


def kind_docs(kind, budget, lo, hi, plant_rate):
    planted, i, size = 0, 0, 0
    while size < budget:
        n = rng.randint(lo, hi)
        text = slice_of(kind, n)
        if rng.random() < plant_rate and one_word:
            pieces = [text]
            for t in rng.sample(one_word, 2):
                pieces.append(" ;;;; " + plant[kind](t) + " ;;;; " + slice_of(kind, 200))
            text = "".join(pieces)
            planted += 1
        rec, ascii_only = {"id": f"{kind}-{i}", "source": "adversarial/" + kind, "text": text}, kind == "homoglyphs" and i % 2 == 0
        size += len(json.dumps(rec, ensure_ascii=ascii_only).encode("utf-8"))
        yield rec, ascii_only
        i += 1
    expected[kind] = planted


def deep_docs(budget):
    normal = slice_of("leet-digits", 100_000) + " " + slice_of("homoglyphs", 100_000)
    words = ("the filter reads each line, finds the text field and normalises it; " * 200)
    planted, i, size = 0, 0, 0
    while size < budget:
        depth = 300 if i % 100 == 99 else 200
        meta = "x"
        for _ in range(depth):
            meta = {"m": meta, "n": 1}
        arrays = "[" * 250 + "1" + "]" * 250
        text = words[: rng.randint(1000, 8000)]
        if rng.random() < 0.03:
            text += " " + " ".join(rng.sample(one_word, 2)) + " " + normal[:100]
            planted += 1 if depth <= 255 else 0
        rec = {"id": f"deep-{i}", "meta": meta, "text": text}
        line = json.dumps(rec)
        line = line[:-1] + ', "arrays": ' + arrays + "}"
        size += len(line)
        yield json.loads(line), True
        i += 1
    expected["deep-json"] = planted


sizes = {}
share = max(0, a.bytes - a.long_line)
sizes["spaced"] = write("spaced", kind_docs("spaced", share * 30 // 100, 1_000_000, 4_000_000, 0.3))
sizes["leet-digits"] = write("leet-digits", kind_docs("leet-digits", share * 30 // 100, 50_000, 2_000_000, 0.1))
sizes["homoglyphs"] = write("homoglyphs", kind_docs("homoglyphs", share * 30 // 100, 20_000, 1_000_000, 0.1))
sizes["deep-json"] = write("deep-json", deep_docs(share * 10 // 100))
if a.long_line > 0:
    third = a.long_line // 3
    text = slice_of("spaced", third) + " " + slice_of("leet-digits", third) + " " + slice_of("homoglyphs", third // 2)
    sizes["long-line"] = write("long-line", iter([({"id": "long-line-0", "source": "adversarial/long-line", "text": text}, False)]))
    expected["long-line"] = 0
with open(os.path.join(out_dir, "expected.json"), "w") as f:
    json.dump({"documents": docs, "bytes": sum(sizes.values()), "plantedPerFile": expected}, f)
print(f"adversarial: {docs} documents, {sum(sizes.values())} bytes -> {out_dir}", file=sys.stderr)
