#!/usr/bin/env bash
# Regenerates libs/contracts/src from protos/ into the directory given as $1
# (default: the committed tree). `make protos-check` generates into a temporary
# directory and diffs, so a stale commit fails the build.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/libs/contracts/src}
python=${PYTHON:-$root/.venv/bin/python}
# A relative interpreter path must survive the cd below.
case $python in */*) python="$(cd "$(dirname "$python")" && pwd)/$(basename "$python")" ;; esac
rm -rf "$out/shuangdao"
mkdir -p "$out"
cd "$root/protos"
mapfile -t files < <(find shuangdao -name '*.proto' | sort)
"$python" -m grpc_tools.protoc -I . \
  --python_out="$out" --pyi_out="$out" --grpc_python_out="$out" "${files[@]}"
