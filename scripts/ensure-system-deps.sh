#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real (docker-compose for
# `docker-compose config -q`, neovim as a real LSP client). Runs before the tests; does
# nothing when they are present. Needs root (CI and the dev machines run as root) or sudo.
set -euo pipefail
need=()
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
command -v nvim >/dev/null 2>&1 || need+=(neovim)
[ ${#need[@]} -eq 0 ] && exit 0
echo "archc: installing Debian packages for the test suite: ${need[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq >/dev/null
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
