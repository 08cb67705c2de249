#!/usr/bin/env bash
# Creates (once) a Python venv of the interop tests and installs its pinned requirements;
# re-installs only when the requirements file changes. Prints the venv's python.
# Usage: setup-venv.sh [name]: test/interop/<name>.txt into .stack/venv-<name>; without a name,
# requirements.txt into .stack/venv. One venv per peer keeps their pins from fighting.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
NAME="${1:-}"
if [ -n "$NAME" ]; then
  VENV="$REPO/.stack/venv-$NAME"
  REQUIREMENTS="$HERE/$NAME.txt"
else
  VENV="${SHELFSTREAM_INTEROP_VENV:-$REPO/.stack/venv}"
  REQUIREMENTS="$HERE/requirements.txt"
fi
STAMP="$VENV/.requirements.sha256"

want="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
if [ -x "$VENV/bin/python" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$want" ]; then
  echo "$VENV/bin/python"
  exit 0
fi
command -v python3 >/dev/null || { echo "the interop tests need python3 (>= 3.10)" >&2; exit 1; }
# Serialized: two test files may set the venv up at once.
mkdir -p "$(dirname "$VENV")"
exec 9>"$(dirname "$VENV")/venv.lock"
flock 9
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV" >&2 || { echo "python3 -m venv failed: on Debian, apt-get install python3-venv" >&2; exit 1; }
fi
if [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --requirement "$REQUIREMENTS" >&2
  echo "$want" >"$STAMP"
fi
echo "$VENV/bin/python"
