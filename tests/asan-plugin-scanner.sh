#!/bin/sh
# GStreamer's plugin scanner for `meson test --setup asan`
# (tests/meson.build): the system's scanner is not instrumented and cannot
# load our instrumented plugins unless ASan's runtime comes first.  Scanning
# in the test's own process instead (GST_REGISTRY_FORK=no) would load
# every library of every plugin there, libgomp too, which the plateocr
# tests need absent.  The scanner's own leaks are GStreamer's: the tests
# load the plugins again, under the leak check.
LD_PRELOAD=$ANPR_ASAN_RUNTIME ASAN_OPTIONS=detect_leaks=0 \
  exec "$ANPR_GST_PLUGIN_SCANNER" "$@"
