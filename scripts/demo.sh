#!/usr/bin/env bash
# Placeholder: the foundation issue turns this into an import + list demo.
set -euo pipefail
echo "demo: not yet"
