#!/usr/bin/env bash
# Makes what docker/compose.yaml needs and git must never hold:
#   tls/ca.crt, tls/ca.key     a CA of its own (keep ca.key off the host
#                              once done)
#   tls/broker.crt, .key       the broker's certificate, for the names in
#                              BROKER_NAMES (default DNS:broker, the compose
#                              service, and DNS:localhost, IP:127.0.0.1)
#   secrets/mqtt-password      the camera service's MQTT password (user
#                              anpr), mounted as the secret mqtt_password
#   secrets/dispatch-password  the password of user dispatch, for the
#                              control room's subscriber
#   secrets/operator-password  the password of user operator, for the
#                              operator view (read only)
#   secrets/hotlist-password   the password of user hotlist, for
#                              anpr-hotlist-publish (the only writer of
#                              the hotlists)
#   secrets/mosquitto-passwd   the broker's password file (hashed)
# Files already there are kept: delete them to make new ones.
#   docker/make-secrets.sh [DIR]     (default: this script's folder)
# Needs openssl and mosquitto_passwd (Debian: openssl, mosquitto).  As
# root it gives the mounted files to the containers' users (the camera
# service runs as UID 10001, the broker as 1883); otherwise it says what
# to chown.
set -euo pipefail
dir=${1:-$(cd "$(dirname "$0")" && pwd)}
names=${BROKER_NAMES:-DNS:broker,DNS:localhost,IP:127.0.0.1}
anpr_uid=10001
broker_uid=1883

for p in openssl mosquitto_passwd; do
  command -v "$p" >/dev/null || { echo "make-secrets: $p not found" >&2; exit 1; }
done
umask 077
mkdir -p "$dir/tls" "$dir/secrets"
cd "$dir"

if [ ! -f tls/ca.crt ]; then
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -nodes -keyout tls/ca.key -out tls/ca.crt -days 3650 \
    -subj "/CN=gst-anpr broker CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  echo "make-secrets: tls/ca.crt (CA)"
fi
if [ ! -f tls/broker.crt ]; then
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout tls/broker.key -out tls/broker.csr -subj "/CN=broker" 2>/dev/null
  openssl x509 -req -in tls/broker.csr -CA tls/ca.crt -CAkey tls/ca.key \
    -CAcreateserial -days 825 -out tls/broker.crt \
    -extfile <(printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' \
      "$names") 2>/dev/null
  rm -f tls/broker.csr
  echo "make-secrets: tls/broker.crt for $names"
fi
chmod 0644 tls/ca.crt tls/broker.crt

for user in anpr dispatch operator hotlist; do
  f=secrets/$([ "$user" = anpr ] && echo mqtt || echo "$user")-password
  if [ ! -f "$f" ]; then
    openssl rand -base64 32 | tr -d '/+=\n' > "$f"
    echo "make-secrets: $f"
  fi
done
if [ ! -f secrets/mosquitto-passwd ] \
    || [ secrets/mqtt-password -nt secrets/mosquitto-passwd ] \
    || [ secrets/dispatch-password -nt secrets/mosquitto-passwd ] \
    || [ secrets/operator-password -nt secrets/mosquitto-passwd ] \
    || [ secrets/hotlist-password -nt secrets/mosquitto-passwd ]; then
  # user:password lines, hashed in place: no password on a command line
  tmp=$(mktemp secrets/passwd.XXXXXX)
  printf 'anpr:%s\ndispatch:%s\noperator:%s\nhotlist:%s\n' \
    "$(cat secrets/mqtt-password)" "$(cat secrets/dispatch-password)" \
    "$(cat secrets/operator-password)" "$(cat secrets/hotlist-password)" \
    > "$tmp"
  mosquitto_passwd -U "$tmp"
  mv "$tmp" secrets/mosquitto-passwd
  echo "make-secrets: secrets/mosquitto-passwd (users anpr, dispatch, operator, hotlist)"
fi

if [ "$(id -u)" -eq 0 ]; then
  chown "$anpr_uid:$anpr_uid" secrets/mqtt-password
  chown "$broker_uid:$broker_uid" secrets/mosquitto-passwd tls/broker.key
  chmod 0400 secrets/mqtt-password secrets/mosquitto-passwd tls/broker.key
else
  echo "make-secrets: as root, give the mounted files to the containers' users:"
  echo "  sudo chown $anpr_uid:$anpr_uid $dir/secrets/mqtt-password"
  echo "  sudo chown $broker_uid:$broker_uid $dir/secrets/mosquitto-passwd $dir/tls/broker.key"
fi
