#!/usr/bin/env bash
# Installs the build into a temporary staging root (DESTDIR), moves the build
# tree away, and checks that the installed plugins, tools, library, headers,
# pkg-config file, typelib and examples work from there alone: nothing read
# from the build or the source tree.
#   tests/install-check.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
root=$tmp/root
moved=$build.install-check-moved
fail() { echo "install-check: FAIL: $*" >&2; exit 1; }
restore() {
  [ -d "$moved" ] && mv "$moved" "$build"
  rm -rf "$tmp"
}
trap restore EXIT

option() {
  meson introspect "$build" --buildoptions | python3 -c '
import json, sys
print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == sys.argv[1]))' "$1"
}
prefix=$(option prefix) libdir=$(option libdir) bindir=$(option bindir)
echo "install-check: meson install --destdir $root (prefix $prefix)"
meson install -C "$build" --destdir "$root" --quiet >/dev/null
# Copied to the staging root now, while the build tree is there.
stills=$build/tests/samples

P=$root$prefix
[ -d "$P/$libdir/gstreamer-1.0" ] || fail "no plugins in $P/$libdir/gstreamer-1.0"

# No build or source path in anything installed (debug info aside).
while IFS= read -r f; do
  if [ "$(head -c 4 "$f" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ]; then
    strip --strip-debug -o "$tmp/stripped" "$f"
    if grep -qaF -e "$build" -e "$top/" "$tmp/stripped"; then
      fail "${f#$root} names $(grep -aoF -e "$build" -e "$top/" "$tmp/stripped" | sort -u | tr '\n' ' ')"
    fi
  elif grep -qF -e "$build" -e "$top/" "$f"; then
    fail "${f#$root} names the build or source tree"
  fi
done < <(find "$root" -type f)
echo "install-check: no build or source path in $(find "$root" -type f | wc -l) installed files"

mkdir -p "$tmp/work"
cp -r "$stills" "$tmp/work/stills"
cp "$top/examples/read-plates.c" "$top/examples/read-plates.py" "$tmp/work/"
# The installed pkg-config file, its prefix moved to the staging root.
mkdir -p "$tmp/pc"
sed "s|^prefix=.*|prefix=$P|" "$P/$libdir/pkgconfig/gstreamer-anpr-1.0.pc" \
  > "$tmp/pc/gstreamer-anpr-1.0.pc"
mv "$build" "$moved"

run() {
  env -i HOME="$tmp" PATH="$P/$bindir:/usr/bin:/bin" \
    LD_LIBRARY_PATH="$P/$libdir" \
    GST_PLUGIN_PATH_1_0="$P/$libdir/gstreamer-1.0" \
    GST_REGISTRY_1_0="$tmp/registry.bin" \
    GI_TYPELIB_PATH="$P/$libdir/girepository-1.0" \
    "$@"
}

for e in platedetect plateocr hotlistmatch; do
  run gst-inspect-1.0 "$e" > "$tmp/inspect.txt" 2>&1 ||
    fail "gst-inspect-1.0 $e: $(tail -3 "$tmp/inspect.txt")"
  grep -q "Filename *$P/$libdir/gstreamer-1.0/" "$tmp/inspect.txt" ||
    fail "$e not loaded from the staging root"
done
echo "install-check: gst-inspect-1.0 finds platedetect, plateocr, hotlistmatch in the staging root"

# The installed camera service checks the installed example configuration
# against the installed elements, and its systemd unit runs that program.
if [ -x "$P/$bindir/anpr-service" ]; then
  run anpr-service --check --config "$P/share/gst-anpr/cameras.conf.example" \
    > "$tmp/service.txt" 2>&1 || fail "anpr-service --check: $(tail -3 "$tmp/service.txt")"
  unit=$P/lib/systemd/system/anpr-service.service
  [ -f "$unit" ] || fail "no systemd unit at ${unit#$root}"
  grep -q "^ExecStart=$prefix/$bindir/anpr-service " "$unit" ||
    fail "the unit does not start $prefix/$bindir/anpr-service"
  # the unit as systemd reads it, and its sandboxing still in place
  sed "s|^\(Exec[A-Za-z]*=\)$prefix/|\1$P/|" "$unit" > "$tmp/anpr-service.service"
  systemd-analyze verify "$tmp/anpr-service.service" > "$tmp/verify.txt" 2>&1 ||
    fail "systemd-analyze verify: $(cat "$tmp/verify.txt")"
  systemd-analyze --offline=true --threshold=30 security "$tmp/anpr-service.service" \
    > "$tmp/security.txt" 2>&1 ||
    fail "the unit's exposure is above 3.0: $(tail -2 "$tmp/security.txt")"
  echo "install-check: anpr-service accepts the example configuration; unit verified, $(grep -o 'exposure level.*' "$tmp/security.txt")"
fi

# The installed anpr-eval on the project's own stills: reads, with the
# installed models (a missing one is a warning on the bus: none allowed).
run anpr-eval --region gb "$tmp/work/stills" > "$tmp/eval.txt" 2>&1 ||
  fail "anpr-eval: $(tail -5 "$tmp/eval.txt")"
read_pct=$(sed -n 's/.* read=\([0-9.]*\)%.*/\1/p' "$tmp/eval.txt")
awk -v r="$read_pct" 'BEGIN { exit !(r >= 50) }' ||
  fail "installed anpr-eval read only ${read_pct}% of the sample stills"
grep -qi "warning" "$tmp/eval.txt" && fail "anpr-eval warned: $(grep -i warning "$tmp/eval.txt" | head -3)"
echo "install-check: installed anpr-eval reads ${read_pct}% of the sample stills"
# The examples, against the installed headers, library and typelib, on a
# sample still: the plate its truth names, from the meta and the message.
still=00002.png
plate=$(awk -F'\t' -v f="$still" '$1 == f { print $2; exit }' \
  "$tmp/work/stills/truth.tsv")
# shellcheck disable=SC2046
cc -o "$tmp/work/read-plates" "$tmp/work/read-plates.c" \
  $(PKG_CONFIG_PATH="$tmp/pc" pkg-config --cflags --libs gstreamer-anpr-1.0) ||
  fail "the C example does not build against the installed headers"
for ex in "$tmp/work/read-plates" "/usr/bin/python3 $tmp/work/read-plates.py"; do
  # shellcheck disable=SC2086
  run $ex "$tmp/work/stills/images/$still" > "$tmp/ex.txt" 2>&1 ||
    fail "$ex: $(tail -3 "$tmp/ex.txt")"
  grep -q "^plate $plate " "$tmp/ex.txt" && grep -q "^anpr-read $plate " "$tmp/ex.txt" ||
    fail "$ex did not print $plate from the meta and the message: $(head -5 "$tmp/ex.txt")"
  echo "install-check: ${ex##*/} reads $plate with the installed library"
done
echo "install-check: OK"
