#!/usr/bin/env bash
# Every ```swift example in Sources/ doc comments type-checks against the built modules (scripts/lib/doc_examples.py;
# each example's inputs are in scripts/lib/doc-example-inputs.txt). Expects `swift build` to have run: the
# modules are read from .build/debug (or PFC_BUILD_DIR). Exits non-zero when an example does not compile.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${PFC_BUILD_DIR:-.build/debug}
[ -d "$BUILD_DIR/Modules" ] || { echo "doc-examples: $BUILD_DIR/Modules is missing; run swift build first" >&2; exit 1; }
python3 scripts/lib/doc_examples.py "$BUILD_DIR"
