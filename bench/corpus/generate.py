#!/usr/bin/env python3
"""Deterministic synthetic corpus for the filter benchmark.

Writes DIR/terms.tsv (N terms, term<TAB>category), DIR/terms.txt (terms only, for rg -f) and
DIR/corpus.jsonl.zst (>= SIZE uncompressed bytes of JSONL, ~2 KB documents, ~3% carrying
2-4 blocklist terms). Same seed, same bytes.
usage: generate.py DIR [--bytes 1100000000] [--terms 5000] [--seed 7]
"""
import argparse, json, os, random, subprocess

p = argparse.ArgumentParser()
p.add_argument("dir"); p.add_argument("--bytes", type=int, default=1_100_000_000)
p.add_argument("--terms", type=int, default=5000); p.add_argument("--seed", type=int, default=7)
a = p.parse_args()
os.makedirs(a.dir, exist_ok=True)
rng = random.Random(a.seed)
letters = "abcdefghijklmnopqrstuvwxyz"
def word(lo, hi): return "".join(rng.choice(letters) for _ in range(rng.randint(lo, hi)))
vocab = [word(2, 9) for _ in range(20000)]
cats = ["bio", "chem", "nuclear", "cyber"]
terms, seen = [], set()
while len(terms) < a.terms:
    t = " ".join(word(6, 11) for _ in range(rng.randint(1, 2)))
    if t not in seen:
        seen.add(t); terms.append(t)
with open(os.path.join(a.dir, "terms.tsv"), "w") as f:
    for i, t in enumerate(terms): f.write(f"{t}\t{cats[i % 4]}\n")
with open(os.path.join(a.dir, "terms.txt"), "w") as f:
    for t in terms: f.write(t + "\n")
out = os.path.join(a.dir, "corpus.jsonl.zst")
z = subprocess.Popen(["zstd", "-q", "-3", "-T2", "-f", "-o", out], stdin=subprocess.PIPE)
written, i = 0, 0
chunk = []
while written < a.bytes:
    n = rng.randint(200, 500)
    ws = rng.choices(vocab, k=n)
    if rng.random() < 0.03:
        for t in rng.sample(terms, rng.randint(2, 4)):
            ws[rng.randrange(n)] = t.upper() if rng.random() < 0.3 else t
    text = " ".join(ws)
    if i % 50 == 0: text += "\nnew paragraph with a \"quote\" and caf\u00e9"
    line = json.dumps({"id": f"doc-{i}", "source": "synthetic", "text": text}, ensure_ascii=False) + "\n"
    b = line.encode()
    chunk.append(b); written += len(b); i += 1
    if len(chunk) >= 2000:
        z.stdin.write(b"".join(chunk)); chunk = []
z.stdin.write(b"".join(chunk)); z.stdin.close(); z.wait()
print(f"{i} documents, {written} bytes uncompressed, {os.path.getsize(out)} bytes zstd -> {out}")
