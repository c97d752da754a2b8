#!/usr/bin/env bash
# Several cameras in one anpr-service, all publishing to one broker: each
# camera has its own pipelines, and one that drops or stalls is reconnected
# while the others go on.  Ctrl-C or SIGTERM flush the alerts and stop.
#
#   pipelines/multi-camera.sh CAMERAS.tsv HOTLIST.csv MQTT_URL
#
# CAMERAS.tsv: one camera a line, "camera-id<TAB>rtsp-url[<TAB>region]".
# Editing CAMERAS.tsv does nothing to a running service; for that, run
# anpr-service on a configuration file (README "Camera service").
set -euo pipefail
[ $# -eq 3 ] || { sed -n '2,10p' "$0"; exit 2; }
cameras=$1 hotlist=$2 mqtt=$3
top=$(cd "$(dirname "$0")/.." && pwd)
build=${ANPR_BUILD_DIR:-$top/build}
if [ -f "$build/build.ninja" ]; then
  . "$top/tools/uninstalled-env.sh" "$build"
fi
. "$top/pipelines/service-config.sh"

conf=$(service_config_path "multi-$(basename "$cameras" .tsv)")
{
  service_config_header "$hotlist" "$mqtt"
  while IFS=$'\t' read -r id url region; do
    [[ -z "$id" || "$id" == \#* ]] && continue
    service_config_camera "$id" "$url" "${region:-gb}"
  done < "$cameras"
} > "$conf"
exec anpr-service --config "$conf"
