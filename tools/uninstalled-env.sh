# Sourced by the scripts: `. tools/uninstalled-env.sh BUILD_DIR` exports the
# environment of `meson devenv -C BUILD_DIR` (this build's plugins, tools,
# library and models, uninstalled; see meson.build), also under `set -u`.
# shellcheck shell=bash
anpr_devenv=$(meson devenv -C "$1" --dump) || return 1
case $- in *u*) set +u; eval "$anpr_devenv"; set -u ;; *) eval "$anpr_devenv" ;; esac
unset anpr_devenv
