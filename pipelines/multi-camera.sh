#!/usr/bin/env bash
# Several cameras, one process each (a camera that drops or crashes takes no
# other camera with it), all publishing to one broker.
#
#   pipelines/multi-camera.sh CAMERAS.tsv HOTLIST.csv MQTT_URL
#
# CAMERAS.tsv: one camera a line, "camera-id<TAB>rtsp-url[<TAB>region]".
# Each camera's output goes to logs/<camera-id>.log; Ctrl-C stops them all.
set -euo pipefail
[ $# -eq 3 ] || { sed -n '2,9p' "$0"; exit 2; }
cameras=$1 hotlist=$2 mqtt=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p logs
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait' INT TERM EXIT
while IFS=$'\t' read -r id url region; do
  [[ -z "$id" || "$id" == \#* ]] && continue
  echo "camera $id: $url"
  "$here/rtsp-to-mqtt.sh" "$url" "$id" "$hotlist" "$mqtt" "${region:-gb}" \
    > "logs/$id.log" 2>&1 &
  pids+=($!)
done < "$cameras"
wait
