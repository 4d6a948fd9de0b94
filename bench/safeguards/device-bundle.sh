#!/usr/bin/env bash
# Builds a self-contained bundle (no .NET SDK needed) for running device-run.sh on another Linux x64 machine:
# the trimmed SafeguardsPerf binary, ripgrep and fastText with their libraries, and the SpamAssassin split.
# Output: bench/safeguards/SafeguardsPerf/bin/device (git-ignored). Needs the data from common.sh.
source "$(dirname "$0")/common.sh"
out="$root/bench/safeguards/SafeguardsPerf/bin/device"
rm -rf "$out" && mkdir -p "$out/tools/lib" "$out/data"
dotnet publish "$root/bench/safeguards/SafeguardsPerf" -c Release -r linux-x64 --self-contained \
  -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true -p:PublishTrimmed=true -p:TreatWarningsAsErrors=false \
  -o "$out/app" -v q -nologo >/dev/null
rm -f "$out"/app/libonnxruntime*.so "$out"/app/*.pdb
cp "$(command -v rg)" "$(command -v fasttext)" "$out/tools/"
cp /lib/x86_64-linux-gnu/libfasttext.so.0 /lib/x86_64-linux-gnu/libpcre2-8.so.0 /lib/x86_64-linux-gnu/libstdc++.so.6 "$out/tools/lib/"
gzip -c "$work/train.ft" > "$out/data/train.ft.gz"
gzip -c "$work/test.ft" > "$out/data/test.ft.gz"
cp "$work/terms.txt" "$out/data/"
du -sh "$out"
