#!/usr/bin/env bash
# One ANPR camera: RTSP in, hotlist alerts (and optionally every read) out
# over MQTT.  The decoder feeds the analysis through a leaky queue, so a
# slow frame is dropped rather than held against the camera's stream.
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
# a build tree's plugins and models when there is one, else the installed
if [ -f "$build/build.ninja" ]; then
  . "$top/tools/uninstalled-env.sh" "$build"
fi
user_prop=()
[ -n "${ANPR_MQTT_USER:-}" ] && user_prop=(mqtt-username="$ANPR_MQTT_USER")

exec gst-launch-1.0 -e \
  rtspsrc location="$url" latency=200 protocols=tcp \
  ! decodebin ! queue leaky=downstream max-size-buffers=2 \
  ! platedetect ! plateocr region="$region" \
  ! hotlistmatch hotlist="$hotlist" mqtt-url="$mqtt" camera-id="$camera" \
      publish-reads=true "${user_prop[@]}" \
  ! fakesink sync=false
