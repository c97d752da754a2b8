#!/usr/bin/env bash
# anpr-eval on a few generated stills, with their truth as generated, with
# every box blanked (plates known by their text only) and with half of
# them blanked: a row with no box is accepted and read the same (reading
# does not depend on boxes), detection is n/a, or over the boxed plates
# only; a row with some of x y w h empty is reported with its line and
# skipped; --truth-boxes skips the plates with no box and says so; the
# reliability table and the by-format and by-height breakdowns add up to
# the totals, in the text and in --json.
# Exits 77 (skip) when something it needs was not built or is missing.
#   eval-short.sh ANPR_EVAL
set -u
eval_bin=$1
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

[ -x "$eval_bin" ] || skip "anpr-eval was not built"
[ -n "${ANPR_SYNTH:-}" ] && [ -x "$ANPR_SYNTH" ] || skip "anpr-synth was not built"
for e in platedetect plateocr; do
  gst-inspect-1.0 "$e" >/dev/null 2>&1 || skip "element $e is missing"
done
command -v python3 >/dev/null 2>&1 || skip "python3 is missing"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the generator's leaks at exit are cairo's and fontconfig's (meson.build);
# small frames, so that plates of every height are missed and misread, and
# not only read
ASAN_OPTIONS=detect_leaks=0 "$ANPR_SYNTH" stills --out "$work/boxed" \
  --count 8 --seed 21 --width 640 --height 360 > "$work/synth.log" 2>&1 ||
  fail "anpr-synth stills: $(tail -3 "$work/synth.log")"

# every box blanked, then a row with x given and w empty at line $bad
mkdir "$work/nobox" "$work/mixed"
ln -s "$work/boxed/images" "$work/nobox/images"
ln -s "$work/boxed/images" "$work/mixed/images"
awk -F'\t' -v OFS='\t' 'NR == 1 { print; next } { print $1, $2, "", "", "", "" }' \
  "$work/boxed/truth.tsv" > "$work/nobox/truth.tsv"
first=$(awk -F'\t' 'NR == 2 { print $1 }' "$work/boxed/truth.tsv")
printf '%s\tAB12CDE\t10\t20\t\t30\n' "$first" >> "$work/nobox/truth.tsv"
bad=$(wc -l < "$work/nobox/truth.tsv")
# every other row blanked
awk -F'\t' -v OFS='\t' 'NR == 1 || NR % 2 == 0 { print; next }
  { print $1, $2, "", "", "", "" }' \
  "$work/boxed/truth.tsv" > "$work/mixed/truth.tsv"

run() {
  local name=$1
  shift
  "$eval_bin" --region gb --json "$work/$name.json" "$@" \
    > "$work/$name.txt" 2> "$work/$name.err" ||
    fail "anpr-eval $name: $(tail -5 "$work/$name.err")"
  cat "$work/$name.txt" "$work/$name.err"
}
run boxed "$work/boxed"
run nobox "$work/nobox"
run mixed "$work/mixed"
run mixedtb --truth-boxes "$work/mixed"

python3 - "$work" "$bad" <<'PY' || exit 1
import json, re, sys

work, bad = sys.argv[1], int(sys.argv[2])


def check(cond, what):
    if not cond:
        print("FAIL:", what)
        sys.exit(1)


def load(name):
    text = open("%s/%s.txt" % (work, name)).read().splitlines()
    err = open("%s/%s.err" % (work, name)).read().splitlines()
    js = json.load(open("%s/%s.json" % (work, name)))
    last = dict(kv.split("=", 1) for kv in text[-1].split())
    check(list(last) == ["images", "plates", "detected", "read", "top5",
                         "ms_per_image"], "%s: last line %r" % (name, text[-1]))
    return text, err, js, last


def n_plates(js):
    return len(js["plates_detail"])


def line(text, label):
    found = [l[29:] for l in text if l[:28].rstrip() == label]
    check(len(found) == 1, "one %r line, not %d" % (label, len(found)))
    return found[0]


def pct(s):
    return float(s.rstrip("%"))


def block(text, title):
    """Groups of a breakdown block: name -> (plates, read, detected)."""
    check(title in text, "no %r block" % title)
    groups = {}
    for l in text[text.index(title) + 1:]:
        if not l.startswith("  "):
            break
        m = re.match(r"  (.{26}) (\d+) plates"
                     r"(?:  read (\d+)(?: of \d+)? \([0-9.]+%\))?"
                     r"(?:  detected (\d+)(?: of \d+)? \([0-9.]+%\))?$", l)
        check(m, "%s: line %r" % (title, l))
        groups[m.group(1).strip()] = tuple(int(g or 0) for g in m.groups()[1:])
    check(groups, "%r is empty" % title)
    return groups


def consistent(name, text, js, last):
    """The reliability table and the breakdowns add up to the totals."""
    detail = js["plates_detail"]
    n_read = sum(p["read"] for p in detail)
    n_det = sum(p["detected"] is True for p in detail)
    check(int(last["plates"]) == len(detail) == js["plates"],
          "%s: plates %s, %d in detail" % (name, last["plates"], len(detail)))
    # reliability: six bins, the last two the precision line's reads
    rel = [l for l in text if l.startswith("reliability ")]
    check(len(rel) == 6, "%s: %d reliability lines" % (name, len(rel)))
    bins = js["reliability"]
    check([(b["lo"], b["hi"]) for b in bins] ==
          [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95),
           (0.95, 1.0)], "%s: reliability bins %r" % (name, bins))
    for l, b in zip(rel, bins):
        m = re.search(r" (\d+) reads(?:, ([0-9.]+)% right)?$", l)
        check(m and int(m.group(1)) == b["reads"],
              "%s: %r against %r" % (name, l, b))
        check(b["right"] <= b["reads"], "%s: bin %r" % (name, b))
        if b["reads"]:
            check(abs(float(m.group(2)) - 100.0 * b["right"] / b["reads"])
                  < 0.06, "%s: %r against %r" % (name, l, b))
    hi = bins[4]["reads"] + bins[5]["reads"]
    hi_right = bins[4]["right"] + bins[5]["right"]
    check(hi == js["high_conf_reads"] and
          abs(js["high_conf_precision_pct"] - (100.0 * hi_right / hi if hi else 0))
          < 1e-6, "%s: top bins %d/%d, precision line %r" %
          (name, hi_right, hi, line(text, "precision at conf>=0.9")))
    check(0 < sum(b["reads"] for b in bins) <= js["images"],
          "%s: %d reads binned for %d images" %
          (name, sum(b["reads"] for b in bins), js["images"]))
    # breakdowns: text and JSON alike, each adding up to the totals
    for title, key in (("by format", "by_format"), ("by height", "by_height")):
        groups = block(text, title)
        check(groups == {g["group"]: (g["plates"], g["read"], g["detected"])
                         for g in js[key]},
              "%s: %s %r against %r" % (name, title, groups, js[key]))
        check(sum(g[0] for g in groups.values()) == len(detail),
              "%s: %s plates do not add up" % (name, title))
        check(sum(g[1] for g in groups.values()) == n_read,
              "%s: %s reads do not add up to %d" % (name, title, n_read))
        check(sum(g[2] for g in groups.values()) == n_det,
              "%s: %s detected do not add up to %d" % (name, title, n_det))
    check(abs(pct(last["read"]) - 100.0 * n_read / len(detail)) <= 0.051,
          "%s: read %s for %d of %d" %
          (name, last["read"], n_read, len(detail)))
    return n_read


text, err, js, b_last = load("boxed")
check(not any("skipped" in l for l in err), "boxed: %r" % err)
check(b_last["detected"] != "n/a", "boxed: detected n/a")
b_read = consistent("boxed", text, js, b_last)
check(0 < b_read < n_plates(js),
      "%d of %d plates read: the test would prove little" % (b_read, n_plates(js)))
n = int(b_last["plates"])
print("OK: boxed, %d plates, read %s" % (n, b_last["read"]))

# no boxes: accepted, the malformed row alone skipped, read as with boxes
text, err, js, last = load("nobox")
skipped = [l for l in err if "skipped" in l]
check(len(skipped) == 1 and skipped[0].startswith(
    "%s/nobox/truth.tsv:%d: " % (work, bad)),
    "nobox: not the malformed row of line %d alone skipped: %r" % (bad, err))
check(line(text, "detected (IoU>=0.3)") == "n/a (no boxes in the truth)",
      "nobox: %r" % line(text, "detected (IoU>=0.3)"))
check(last["detected"] == "n/a" and js["detected_pct"] is None,
      "nobox: detected=%s" % last["detected"])
check(last["plates"] == b_last["plates"],
      "nobox: %s plates, %s with boxes" % (last["plates"], b_last["plates"]))
check(last["read"] == b_last["read"],
      "nobox: read %s, %s with boxes" % (last["read"], b_last["read"]))
# a plate with no box is among the candidates of any box, rather than of
# the one over it
check(pct(last["top5"]) >= pct(b_last["top5"]),
      "nobox: top5 %s, %s with boxes" % (last["top5"], b_last["top5"]))
consistent("nobox", text, js, last)
check(list(block(text, "by height")) == ["no box"],
      "nobox: by height %r" % block(text, "by height"))
print("OK: no boxes, read %s, the malformed line %d skipped" % (last["read"], bad))

# half the boxes: detection over the boxed plates only
text, err, js, last = load("mixed")
boxed = sum(p["detected"] is not None for p in js["plates_detail"])
check(0 < boxed < n and js["plates_with_box"] == boxed,
      "mixed: %d of %d plates boxed" % (boxed, n))
check(line(text, "detected (IoU>=0.3)").endswith(" of %d boxed plates" % boxed),
      "mixed: %r" % line(text, "detected (IoU>=0.3)"))
check(last["read"] == b_last["read"],
      "mixed: read %s, %s with boxes" % (last["read"], b_last["read"]))
consistent("mixed", text, js, last)
check(block(text, "by height")["no box"][0] == n - boxed,
      "mixed: by height %r" % block(text, "by height"))
print("OK: mixed, detected %s of %d boxed plates" % (last["detected"], boxed))

# the reader on the labelled boxes: the others skipped, and counted
text, err, js, last = load("mixedtb")
check(any(re.search(r"--truth-boxes: skipped %d plates with no box" % (n - boxed), l)
          for l in err), "mixed --truth-boxes: %r" % err)
check(int(last["plates"]) == boxed and js["skipped_plates_without_box"] == n - boxed,
      "mixed --truth-boxes: %s plates" % last["plates"])
consistent("mixed --truth-boxes", text, js, last)
print("OK: --truth-boxes skipped %d plates with no box" % (n - boxed))
PY
