#!/usr/bin/env bash
# The main job on a bundled example: installs what is missing, builds adgen,
# installs it into build/install, builds examples/quickstart against the
# installed CMake package (adgen differentiates model.cpp at build time), runs
# it, and draws the computation graphs of f and its derivatives.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/build.sh"
build="${ADGEN_BUILD_DIR:-$root/build}"
cmake --install "$build" --prefix "$build/install" >/dev/null
demo="$build/demo"
cmake -S "$root/examples/quickstart" -B "$demo" -G Ninja \
  -Dadgen_DIR="$build/install/lib/cmake/adgen" >/dev/null
cmake --build "$demo"
echo
echo "== examples/quickstart (f(x, y) = exp(-(sin x + cos y)^2), seed 000) =="
"$demo/quickstart"
"$build/install/bin/adgen" --emit=dot "$root/examples/quickstart/model.cpp" \
  -o "$demo/model.dot" -- -std=c++17
echo
echo "generated C++:       $demo/adgen/quickstart/model.ad.cpp"
echo "computation graphs:  $demo/model.dot"
if command -v dot >/dev/null; then
  dot -Tsvg "$demo/model.dot" -o "$demo/model.svg"
  echo "rendered:            $demo/model.svg"
fi
