#!/bin/sh
# A test that could not be built on this machine: says why, and exits 77,
# which meson counts as skipped.
#   skip.sh NAME REASON
echo "SKIP: $1: $2"
exit 77
