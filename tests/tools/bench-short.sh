#!/usr/bin/env bash
# A short run of tools/anpr-bench.py (15 s of 360p traffic, one run of each
# cost): the program works end to end and the pipeline, searching a few
# times a second where the picture changed, reads every vehicle the same
# pipeline searching every frame whole at full resolution reads.  Not a
# timing check: a shared machine's timings are not the product's.
# Exits 77 (skip) when something it needs was not built or is missing.
#   bench-short.sh BENCH_SCRIPT
set -u
bench=$1
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

[ -n "${ANPR_SYNTH:-}" ] && [ -x "$ANPR_SYNTH" ] || skip "anpr-synth was not built"
/usr/bin/python3 -c 'import gi; gi.require_version("Gst", "1.0")' 2>/dev/null ||
  skip "python3-gi is not installed"
for e in platedetect plateocr hotlistmatch avdec_h264; do
  gst-inspect-1.0 "$e" >/dev/null 2>&1 || skip "element $e is missing"
done
[ -x /usr/bin/time ] || skip "/usr/bin/time (package time) is missing"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
service=
[ -n "${ANPR_SERVICE:-}" ] && [ -x "$ANPR_SERVICE" ] && service="--service 2"
/usr/bin/python3 "$bench" --sizes 360 --seconds 15 --runs 1 --json \
  --cameras 2 $service --workdir "$work" > "$work/out.json" ||
  fail "anpr-bench failed"
[ -n "$service" ] || echo "anpr-service was not built: its memory is not measured"
cat "$work/out.json"
/usr/bin/python3 - "$work/out.json" <<'PY' || exit 1
import json, sys
r = json.load(open(sys.argv[1]))[0]
def check(cond, what):
    if not cond:
        print("FAIL:", what)
        sys.exit(1)
check(r["frames"] == 15 * 25, "frames %s, not 375" % r["frames"])
for k in ("decode_cpu_s", "pipeline_cpu_s", "ratio", "fps_1_core",
          "fps_all_cores", "peak_rss_mib"):
    check(isinstance(r[k], (int, float)) and r[k] > 0, "%s is %r" % (k, r[k]))
check(r["pipeline_cpu_s"] > r["decode_cpu_s"], "the pipeline costs less than decoding")
# by design, far from every frame is searched
check(0 < r["searched_per_decoded"] < 0.8,
      "searched per decoded %s" % r["searched_per_decoded"])
check(r["reports"] >= r["vehicles"], "%s reports for %s vehicles" % (r["reports"], r["vehicles"]))
check(r["latency_track_end_p99_ms"] is not None or r["latency_settled_p99_ms"] is not None,
      "no latency measured")
check(r["lost_against_reference"] == [], "lost against the reference: %s" % r["lost_against_reference"])
check(r["read_right"] >= r["reference_read_right"], "fewer reads than the reference")
check(r["read_right"] == r["vehicles"], "%s of %s vehicles read" % (r["read_right"], r["vehicles"]))
check(r["wrong_reads"] == [], "wrong reads %s" % r["wrong_reads"])
# two cameras at once: both played to the end (not a timing check: how far
# behind they fell is the machine's)
check(r["cameras"] == 2 and r["camera_wall_max_s"] >= 15,
      "two cameras: %s, slowest %s s" % (r.get("cameras"), r.get("camera_wall_max_s")))
check(r["camera_cpu_mean_s"] > 0 and r["cameras_behind_s"] >= 0,
      "camera CPU %s, behind %s" % (r["camera_cpu_mean_s"], r["cameras_behind_s"]))
# the camera service: one camera costs memory, two cost more, and less than
# two processes would (libraries and the process's own share loaded once)
if "service_cameras" in r:
    check(r["service_rss_1_mib"] > 0 and r["service_rss_n_mib"] > r["service_rss_1_mib"],
          "service peak RSS %s MiB with one camera, %s with two"
          % (r["service_rss_1_mib"], r["service_rss_n_mib"]))
    check(r["service_rss_n_mib"] < 2 * r["service_rss_1_mib"],
          "two cameras in the service cost as much as two processes")
print("OK: %d of %d vehicles, nothing lost against the reference, %.2f frames searched per decoded"
      % (r["read_right"], r["vehicles"], r["searched_per_decoded"]))
PY
