#!/bin/sh
# The operator view (web/operator) end to end in headless Chromium, against
# a real broker fed by the real pipeline (operator-view.mjs says what it
# checks).  Exits 77 (skipped), saying why, when something it needs is
# missing: node, Debian's chromium, web/'s npm packages (tools/install-deps.sh
# installs all three), mosquitto, the plugins or the sample video.
#   operator-view.sh WEB_DIR SCREENSHOT_PNG
skip() { echo "SKIP: web/operator-view: $*"; exit 77; }
web=$1
command -v node >/dev/null 2>&1 ||
  skip "node is not installed (Debian packages nodejs, npm: tools/install-deps.sh)"
chromium=${ANPR_CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] ||
  skip "$chromium is missing (Debian package chromium: tools/install-deps.sh)"
[ -f "$web/node_modules/mqtt/dist/mqtt.min.js" ] &&
  [ -f "$web/node_modules/playwright-core/package.json" ] ||
  skip "the npm packages of $web are not installed (tools/install-deps.sh runs npm ci there)"
for p in mosquitto mosquitto_passwd mosquitto_pub; do
  command -v "$p" >/dev/null 2>&1 || [ -x "/usr/sbin/$p" ] ||
    skip "$p is missing (Debian packages mosquitto, mosquitto-clients)"
done
for e in platedetect plateocr hotlistmatch avdec_h264; do
  gst-inspect-1.0 "$e" >/dev/null 2>&1 || skip "element $e is missing"
done
[ -n "${ANPR_SAMPLE_VIDEO:-}" ] && [ -f "$ANPR_SAMPLE_VIDEO" ] ||
  skip "the sample video was not built (anpr-synth)"
export ANPR_CHROMIUM="$chromium"
exec node "$(dirname "$0")/operator-view.mjs" "$@"
