#!/usr/bin/env bash
# The whole test suite, set-up included: `bash scripts/test.sh` (extra arguments go to pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ $rc = 5 ]; then echo "[test] no tests were collected: that is a failure" >&2; exit 1; fi
exit $rc
