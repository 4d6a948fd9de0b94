#!/usr/bin/env python3
# Writes with `python3 -B make-eval.py` (no __pycache__ next to the data).
"""Writes dev.jsonl and heldout.jsonl, the safeguard evaluation set (issue 17), and prints their SHA-256.

Each line is one JSON object: {"id", "kind": "harmful"|"benign", "category", "lang", "text"} or, for a
conversation, "messages" instead of "text". Categories are the engine's: bio, chem, radnuc, cyber.

Harmful items state an intent and a target only, never operational detail (no quantities, steps,
precursors, routes or code). Benign items are on the same topics: history, medicine, policy,
detection, defence, education, vaccine research, homework, security careers.

Variety comes from many hand-written request shapes (each used for at most three items, with
different agents, targets and framings), hand-written conversations and hand-written items in French,
Spanish, German, Russian, Chinese and a few other languages. Every item carries the shape it came
from ("group"); the split keeps a whole group on one side, so the held-out part holds phrasings that
tuning on the development part never saw. The split is stratified by kind, category, language and
form (single text or conversation). Deterministic: re-running gives the same files.

Do not edit these files by hand after the split is committed: the README prints their hashes and a
test checks them.
"""
import hashlib
import json
import os
import random

from eval_conversations import CONVERSATIONS
from eval_english import AGENTS, BENIGN, FRAMES_ANY, FRAMES_HARMFUL, HARMFUL, TARGETS
from eval_languages import MULTILINGUAL

SEED = 17
PER_SHAPE = 3


def frame(rnd, text, frames, probability):
    if rnd.random() >= probability:
        return text
    template = rnd.choice(frames)
    lowered = text[0].lower() + text[1:] if not text[:2].isupper() else text
    return template.format(q=text, ql=lowered)


def english(rnd):
    items = []
    for kind, shapes in (("harmful", HARMFUL), ("benign", BENIGN)):
        for category, templates in shapes.items():
            for number, template in enumerate(templates):
                agents = rnd.sample(AGENTS[category], k=min(PER_SHAPE, len(AGENTS[category])))
                targets = rnd.sample(TARGETS[category], k=min(PER_SHAPE, len(TARGETS[category])))
                seen = set()
                for agent, target in zip(agents, targets):
                    text = template.format(a=agent, t=target, A=agent[0].upper() + agent[1:])
                    if text in seen:
                        continue
                    seen.add(text)
                    frames = FRAMES_HARMFUL + FRAMES_ANY if kind == "harmful" else FRAMES_ANY
                    text = frame(rnd, text, frames, 0.45)
                    items.append({"kind": kind, "category": category, "lang": "en", "text": text,
                                  "group": f"en-{kind}-{category}-{number}"})
    return items


def conversations():
    items = []
    for number, (kind, category, lang, messages) in enumerate(CONVERSATIONS):
        items.append({"kind": kind, "category": category, "lang": lang,
                      "messages": [{"role": r, "content": c} for r, c in messages],
                      "group": f"conv-{number}"})
    return items


def multilingual():
    items = []
    for number, (kind, category, lang, text) in enumerate(MULTILINGUAL):
        items.append({"kind": kind, "category": category, "lang": lang, "text": text, "group": f"ml-{number}"})
    return items


def split(rnd, items):
    """Whole groups to one side; within each stratum the smaller side takes the next group."""
    strata = {}
    for item in items:
        form = "messages" if "messages" in item else "text"
        strata.setdefault((item["kind"], item["category"], item["lang"], form), {}).setdefault(item["group"], []).append(item)
    dev, heldout = [], []
    balance = {}
    for key in sorted(strata):
        groups = list(strata[key].values())
        rnd.shuffle(groups)
        sides = [[], []]
        # Ties go to the side with fewer items of the same kind and language so far.
        totals = balance.setdefault((key[0], key[2]), [0, 0])
        for group in sorted(groups, key=len, reverse=True):
            if len(sides[0]) != len(sides[1]):
                side = 0 if len(sides[0]) < len(sides[1]) else 1
            elif totals[0] != totals[1]:
                side = 0 if totals[0] < totals[1] else 1
            else:
                side = rnd.randrange(2)
            sides[side].extend(group)
            totals[side] += len(group)
        dev.extend(sides[0])
        heldout.extend(sides[1])
    return dev, heldout


def write(path, part, prefix):
    order = ["id", "kind", "category", "lang", "text", "messages"]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for number, item in enumerate(part, start=1):
            item = dict(item, id=f"{prefix}-{number:04d}")
            del item["group"]
            f.write(json.dumps({k: item[k] for k in order if k in item}, ensure_ascii=False) + "\n")
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    rnd = random.Random(SEED)
    items = english(rnd) + conversations() + multilingual()
    texts = [json.dumps(i.get("text") or i.get("messages"), ensure_ascii=False) for i in items]
    duplicates = {t for t in texts if texts.count(t) > 1}
    if duplicates:
        raise SystemExit(f"duplicate items: {sorted(duplicates)[:3]}")
    dev, heldout = split(rnd, items)
    rnd.shuffle(dev)
    rnd.shuffle(heldout)
    here = os.path.dirname(os.path.abspath(__file__))
    for name, part, prefix in (("dev.jsonl", dev, "dev"), ("heldout.jsonl", heldout, "held")):
        digest = write(os.path.join(here, name), part, prefix)
        harmful = sum(1 for i in part if i["kind"] == "harmful")
        print(f"{name}: {len(part)} items ({harmful} harmful, {len(part) - harmful} benign) sha256 {digest}")


if __name__ == "__main__":
    main()
