# Sourced by rtsp-to-mqtt.sh and multi-camera.sh: the anpr-service
# configuration their arguments stand for.

# Where a script's generated configuration lives while the service runs
# (one per camera set, replaced on the next run).
service_config_path () {
  local dir=${RUNTIME_DIRECTORY:-${XDG_RUNTIME_DIR:-/tmp}}
  (umask 077; mkdir -p "$dir/gst-anpr")
  echo "$dir/gst-anpr/$1.conf"
}

# service_config_header HOTLIST MQTT_URL
service_config_header () {
  local hotlist
  hotlist=$(realpath "$1")
  printf '[defaults]\nhotlist = %s\nmqtt-url = %s\npublish-reads = true\n' \
    "$hotlist" "$2"
  if [ -n "${ANPR_MQTT_USER:-}" ]; then
    printf 'mqtt-username = %s\n' "$ANPR_MQTT_USER"
  fi
  printf '\n'
}

# service_config_camera ID URL REGION
service_config_camera () {
  printf '[camera %s]\nurl = %s\nregion = %s\n\n' "$1" "$2" "$3"
}
