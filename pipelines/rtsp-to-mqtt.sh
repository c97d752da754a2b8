#!/usr/bin/env bash
# One ANPR camera: RTSP in, hotlist alerts and every read out over MQTT,
# kept running by anpr-service (reconnects a camera that drops or stalls,
# flushes alerts on Ctrl-C or SIGTERM).
#
#   pipelines/rtsp-to-mqtt.sh RTSP_URL CAMERA_ID HOTLIST.csv MQTT_URL [REGION]
#
# e.g. pipelines/rtsp-to-mqtt.sh rtsp://10.0.0.21/stream1 a205-north \
#        pipelines/sample-hotlist.csv mqtt://127.0.0.1:1883 gb
# Credentials: MQTT user with ANPR_MQTT_USER, password from the environment
# variable ANPR_MQTT_PASSWORD (never on the command line).
set -euo pipefail
[ $# -ge 4 ] || { sed -n '2,12p' "$0"; exit 2; }
url=$1 camera=$2 hotlist=$3 mqtt=$4 region=${5:-gb}
top=$(cd "$(dirname "$0")/.." && pwd)
build=${ANPR_BUILD_DIR:-$top/build}
# a build tree's programs, plugins and models when there is one, else the
# installed ones
if [ -f "$build/build.ninja" ]; then
  . "$top/tools/uninstalled-env.sh" "$build"
fi
. "$top/pipelines/service-config.sh"

conf=$(service_config_path "$camera")
{
  service_config_header "$hotlist" "$mqtt"
  service_config_camera "$camera" "$url" "$region"
} > "$conf"
exec anpr-service --config "$conf"
