#!/usr/bin/env bash
# The module graph Package.swift declares is the one the code imports (no undeclared import, no unused edge).
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 scripts/check_imports.py
