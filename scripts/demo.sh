#!/usr/bin/env bash
# Installs what is missing, builds pkg/, and serves the demo pages on
# http://127.0.0.1:${PORT:-8080}/www/ (Ctrl-C to stop).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
echo "Open http://127.0.0.1:${PORT:-8080}/www/ (the demo page: a government site with the widget embedded)"
exec node scripts/serve.mjs
