# Set-up on a fresh machine is two commands: `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libsqlite3-dev libcurl4-openssl-dev libssl-dev libwebp-dev libpng-dev libjpeg-dev \
                pkg-config cron webp python3-venv time curl postgresql libpq-dev
# Files that show each package is installed (checked before calling apt-get).
APT_MARKERS := /usr/include/sqlite3.h /usr/include/openssl/evp.h /usr/include/x86_64-linux-gnu/curl/curl.h /usr/include/webp/encode.h \
               /usr/include/png.h /usr/include/jpeglib.h /usr/bin/pkg-config /usr/bin/crontab /usr/bin/cwebp \
               /usr/bin/time /usr/bin/curl /usr/include/postgresql/libpq-fe.h /usr/bin/pg_ctlcluster

.PHONY: deps build test demo bench clean browser

deps:
	@missing=0; for f in $(APT_MARKERS); do [ -e "$$f" ] || missing=1; done; \
	if [ $$missing = 1 ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing system packages: $(APT_PACKAGES)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	  else \
	    echo "Missing system packages; run as root: apt-get install -y $(APT_PACKAGES)" >&2; exit 2; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

# Unit and integration tests (swift test), then the scripted checks in scripts/test.d/, with a throwaway
# PostgreSQL server of their own (scripts/pg-test-server.sh; PFC_TEST_POSTGRES_URL) stopped at the end. When
# it cannot start, the PostgreSQL tests print that they are skipped.
test: build browser
	@pg_env="$$(bash scripts/pg-test-server.sh start)" || { echo "No throwaway PostgreSQL server; the PostgreSQL tests will be skipped"; pg_env=""; }; \
	eval "$$pg_env"; \
	trap '[ -n "$${PFC_TEST_POSTGRES_DIR:-}" ] && bash scripts/pg-test-server.sh stop "$$PFC_TEST_POSTGRES_DIR"' EXIT; \
	$(SWIFT) test --no-parallel || exit 1; \
	for s in scripts/test.d/*.sh; do [ -e "$$s" ] || continue; echo "== $$s"; bash "$$s" || exit 1; done

# Optional, for the gallery's browser test (scripts/test.d/gallery-chromium.sh, which prints SKIPPED without it):
# headless Chromium, installed when missing and run as root. Never fails the build.
BROWSER_PACKAGES := chromium
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing the optional browser for the gallery test: $(BROWSER_PACKAGES)"; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null; } \
	      || echo "Could not install $(BROWSER_PACKAGES); the gallery's browser test will be skipped"; \
	  else \
	    echo "No chromium (optional: apt-get install chromium as root); the gallery's browser test will be skipped"; \
	  fi; \
	fi

# The main job end to end on the built-in emulator, in a temporary folder.
demo: build
	bash scripts/demo.sh

# Benchmarks print figures; they never fail on speed.
bench: deps
	$(SWIFT) build -c release
	@for s in bench/*.sh; do [ -e "$$s" ] || continue; echo "== $$s"; bash "$$s" || exit 1; done

clean:
	rm -rf .build
