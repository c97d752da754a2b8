#!/bin/sh
# Trains plateocr's per-character classifier and writes
# data/models/charclass.yml.gz.  Everything it learns from is made here:
# glyphs rendered in Debian fonts (fonts-liberation, fonts-dejavu-core,
# fonts-dejavu-extra for DejaVu Sans Condensed; `tools/install-deps.sh
# --train` installs them) and the characters of
# anpr-synth plate crops.  No real photograph is used (they are for
# measurement only, ../shared/data/README.md).
# Same build, fonts and seed: same model.  About 7 minutes on one core.
#
#   tools/train/train-charclass.sh [BUILD_DIR] [OUT]
set -eu

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-"$src/build"}
out=${2:-"$src/data/models/charclass.yml.gz"}
seed=${SEED:-20260101}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

for t in tools/anpr-synth tools/train/train-charclass; do
  if [ ! -x "$build/$t" ]; then
    echo "$build/$t missing: build first (meson setup $build && ninja -C $build)" >&2
    exit 1
  fi
done
for f in "Liberation Sans Narrow:bold" "DejaVu Sans Condensed:bold" \
    "Liberation Sans:bold" "DejaVu Sans Mono:bold"; do
  fam=${f%%:*}
  if ! fc-match "$f" family | grep -q "$fam"; then
    echo "font $fam not installed (fonts-liberation, fonts-dejavu-core, fonts-dejavu-extra)" >&2
    exit 1
  fi
done

# Plate crops in all three regions' styles, varied as the plate network's
# (--variety), so the classifier also sees the condensed US and DIN
# letters; the trainer skips crops whose components do not match their
# text.  The seed differs from every seed the tests and measurements use.
"$build/tools/anpr-synth" plates --variety --out "$work/plates" \
  --count 6000 --formats gb,eu,us --seed "$seed" >/dev/null

mkdir -p "$(dirname "$out")"
OMP_THREAD_LIMIT=1 "$build/tools/train/train-charclass" --out "$out" \
  --plates "$work/plates" --seed "$seed" --per-class 150 --hidden 96 \
  --iterations 100
ls -l "$out"
