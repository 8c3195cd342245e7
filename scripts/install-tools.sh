#!/usr/bin/env bash
# Installs the external tools the tests and hooks use into .tools/ (git-ignored):
# the standalone kustomize (exec KRM functions need it; kubectl's embedded one cannot run them)
# and pre-commit. Safe to re-run: what is present is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$PWD/.tools
mkdir -p "$tools/bin"

KUSTOMIZE_VERSION=v5.4.3
# `go install` builds report "(devel)" as their version, so a stamp file records what was installed.
if [ -x "$tools/bin/kustomize" ] && [ "$(cat "$tools/kustomize.version" 2>/dev/null)" = "$KUSTOMIZE_VERSION" ]; then
  echo "kustomize $KUSTOMIZE_VERSION: present"
elif command -v go >/dev/null 2>&1; then
  echo "kustomize $KUSTOMIZE_VERSION: installing with go install"
  GOBIN="$tools/bin" GOFLAGS=-mod=mod go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
  echo "$KUSTOMIZE_VERSION" > "$tools/kustomize.version"
else
  echo "kustomize: Go is not installed, so the standalone kustomize cannot be built." >&2
  echo "  Install Go (https://go.dev/dl/) or put kustomize $KUSTOMIZE_VERSION at $tools/bin/kustomize." >&2
  exit 1
fi

if [ -x "$tools/venv/bin/pre-commit" ]; then
  echo "pre-commit: present"
else
  echo "pre-commit: installing into .tools/venv"
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check 'pre-commit>=3,<5'
fi
ln -sf ../venv/bin/pre-commit "$tools/bin/pre-commit"
"$tools/bin/pre-commit" --version
