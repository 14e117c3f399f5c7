#!/usr/bin/env bash
# Set up everything Caveat needs, idempotently: the project venv (.venv), and with --test also the
# Label Studio server venv (.venvs/labelstudio) and Debian's Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
want_test=0; [ "${1:-}" = "--test" ] && want_test=1
say() { echo "[setup] $*" >&2; }

stamp=$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -x .venv/bin/caveat ] || [ "$(cat .venv/.caveat-stamp 2>/dev/null)" != "$stamp-$want_test" ]; then
  say "installing Caveat into .venv (one minute or two on a fresh machine)"
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  if [ $want_test = 1 ]; then extras='.[test]'; else extras='.'; fi
  .venv/bin/python -m pip install -q -e "$extras" 2> >(grep -v "is ignored: it is neither" >&2)
  echo "$stamp-$want_test" > .venv/.caveat-stamp
fi

if [ $want_test = 1 ]; then
  if [ ! -x .venvs/labelstudio/bin/label-studio ]; then
    say "installing the Label Studio server 1.23.2 into .venvs/labelstudio (its own venv)"
    mkdir -p .venvs
    "$PY" -m venv .venvs/labelstudio
    .venvs/labelstudio/bin/python -m pip install -q --upgrade pip >/dev/null
    .venvs/labelstudio/bin/python -m pip install -q "label-studio==1.23.2" 2> >(grep -v "is ignored: it is neither" >&2)
  fi
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "installing Debian's chromium for the browser tests"
      (DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-color-emoji >/dev/null 2>&1 || \
        (apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-color-emoji >/dev/null 2>&1)) \
        || say "could not install chromium; browser tests will be skipped with a reason"
    else
      say "chromium is not installed and this user cannot apt-get it; browser tests will be skipped with a reason"
    fi
  fi
fi
