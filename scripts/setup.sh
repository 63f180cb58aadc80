#!/usr/bin/env bash
# Installs what adgen needs to build and test, when it is missing (Debian
# bookworm): LLVM/Clang 19 with FileCheck and lit, CMake, Ninja, GoogleTest,
# Google Benchmark, Graphviz. --sanitize: also Clang's sanitizer runtimes
# (g++ brings its own), for scripts/test.sh --sanitize.
set -euo pipefail
need=()
extra=()
for arg in "$@"; do
  case "$arg" in
    --sanitize) extra+=(libclang-rt-19-dev) ;;
    *) echo "usage: scripts/setup.sh [--sanitize]" >&2; exit 2 ;;
  esac
done
have() { dpkg -s "$1" >/dev/null 2>&1; }
for pkg in llvm-19-dev libclang-19-dev libclang-cpp19-dev clang-19 llvm-19-tools \
           cmake ninja-build g++ libgtest-dev libbenchmark-dev graphviz python3 libadolc-dev \
           ${extra[@]+"${extra[@]}"}; do
  have "$pkg" || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  echo "adgen setup: installing ${need[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
