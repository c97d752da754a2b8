#!/usr/bin/env bash
# The main job on built-in material: installs what is missing, builds, makes a
# sample video of GB traffic and a hotlist, starts a private mosquitto on a
# free loopback port, runs decodebin ! platedetect ! plateocr ! hotlistmatch,
# prints the match messages as they arrive over MQTT, leaves an annotated
# snapshot of a hit, stops the broker and prints a one-line summary.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=${ANPR_BUILD_DIR:-$top/build}
export ANPR_BUILD_DIR=$build
out=${ANPR_DEMO_DIR:-$top/out/demo}

./tools/install-deps.sh
./tools/build.sh
# this build's plugins, tools and models, uninstalled
. tools/uninstalled-env.sh "$build"

rm -rf "$out"
mkdir -p "$out"
echo "demo: rendering sample traffic video and hotlist in $out"
"$build/tools/anpr-synth" video --out "$out/traffic.mp4" --seconds 16 \
  --vehicles 6 --seed 2026 --truth "$out/truth.tsv" --hotlist "$out/hotlist.csv"

# A private broker on a free loopback port, always stopped on exit.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$out/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
persistence false
CONF
pids=()
cleanup() {
  pkill -P $$ mosquitto_sub 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
mosquitto -c "$out/mosquitto.conf" > "$out/mosquitto.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
echo "demo: mosquitto listening on 127.0.0.1:$port"

# Print every match as the dispatch system would receive it.
mosquitto_sub -h 127.0.0.1 -p "$port" -t 'anpr/+/match' -q 1 -F '%t %p' \
  | tee "$out/mqtt-matches.txt" | sed -u 's/^/mqtt: /' &
pids+=($!)
sleep 0.5

echo "demo: gst pipeline: filesrc ! decodebin ! platedetect ! plateocr region=gb ! hotlistmatch"
"$build/tools/anpr-run" --region gb --hotlist "$out/hotlist.csv" \
  --mqtt-url "mqtt://127.0.0.1:$port" --camera-id demo-cam-1 \
  --snapshot-dir "$out" "$out/traffic.mp4" | tee "$out/run.log"
sleep 1   # let the last QoS 1 deliveries reach the subscriber

cleanup
trap - EXIT
received=$(grep -c '^anpr/' "$out/mqtt-matches.txt" || true)
listed=$(tail -n +2 "$out/truth.tsv" | cut -f1 | sort -u | grep -cxFf <(tail -n +2 "$out/hotlist.csv" | cut -d, -f1 | tr -d ' ') || true)
snap=$(ls "$out"/hit-*.png 2>/dev/null | head -1)
summary=$(grep '^summary:' "$out/run.log" | sed 's/^summary: //')
echo "demo: ${received} hotlist matches received over MQTT (${listed} listed vehicles in the video); ${summary}; snapshot ${snap:-none}"
[ "$received" -gt 0 ]
