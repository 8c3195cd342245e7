#!/usr/bin/env bash
# Installs the external tools the tests and hooks use into .tools/ (git-ignored):
# the standalone kustomize (exec KRM functions need it; kubectl's embedded one cannot run them)
# and pre-commit. Safe to re-run: what is present is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$PWD/.tools
mkdir -p "$tools/bin" "$tools/logs"

# The per-release builds (install-release-tools.sh: Kubernetes, Dex and oauth2-proxy of each later
# Kubeflow release) run in the background from the start, beside the sequential steps below, whose
# downloads and single-threaded links leave a core idle much of the time. Its output is shown at the
# end; if this script stops early, the background builds stop with it.
bash "$PWD/scripts/install-release-tools.sh" > "$tools/logs/release-tools.out" 2>&1 &
release_pid=$!
trap 'kill "$release_pid" 2>/dev/null || true' EXIT

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

# --- Real components for the integration tests (issue: real components) ---
# etcd from Debian's package (3.4.x); the tests start their own instance on loopback.
if command -v etcd >/dev/null 2>&1 || [ -x /usr/bin/etcd ]; then
  echo "etcd: present ($(etcd --version 2>/dev/null | head -n 1))"
elif command -v apt-get >/dev/null 2>&1; then
  echo "etcd: installing Debian's etcd-server"
  # The package's own service must not run: tests start etcd themselves on loopback.
  (apt-get install -y -q --no-install-recommends etcd-server >/dev/null 2>&1 ||
    (apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends etcd-server >/dev/null))
  (systemctl stop etcd 2>/dev/null || service etcd stop 2>/dev/null || pkill -x etcd 2>/dev/null) || true
else
  echo "etcd: not installed and apt-get is not available; install etcd 3.4+ on PATH." >&2
  exit 1
fi

need_go() {
  command -v go >/dev/null 2>&1 && return 0
  echo "$1: Go is not installed, so it cannot be built. Install Go (https://go.dev/dl/)." >&2
  exit 1
}

# kube-apiserver, kube-controller-manager and kubectl v1.30.14. `go install` refuses
# k8s.io/kubernetes (its go.mod has replace directives), so a wrapper module requires it and
# replaces every staging repository with its published v0.30.14 module.
K8S_VERSION=v1.30.14
if [ -x "$tools/bin/kube-apiserver" ] && [ -x "$tools/bin/kube-controller-manager" ] && [ -x "$tools/bin/kubectl" ] &&
  [ "$(cat "$tools/kubernetes.version" 2>/dev/null)" = "$K8S_VERSION" ]; then
  echo "kube-apiserver, kube-controller-manager, kubectl $K8S_VERSION: present"
else
  need_go kube-apiserver
  echo "kube-apiserver, kube-controller-manager, kubectl $K8S_VERSION: building (several minutes on 2 cores)"
  wrap="$tools/src/k8s-wrapper"
  rm -rf "$wrap" && mkdir -p "$wrap"
  staging=${K8S_VERSION/v1./v0.}
  gomod=$(cd "$wrap" && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@$K8S_VERSION" |
    sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",*$/\1/p')
  {
    echo "module kfgen.local/k8s-wrapper"
    echo
    echo "go 1.22"
    echo
    echo "require k8s.io/kubernetes $K8S_VERSION"
    echo
    # Every `k8s.io/x => ./staging/src/k8s.io/x` of upstream's go.mod becomes `k8s.io/x => k8s.io/x v0.30.14`.
    sed -n 's#^[[:space:]]*\(k8s\.io/[a-z0-9.-]*\) => \./staging/src/.*#replace \1 => \1 '"$staging"'#p' "$gomod"
  } > "$wrap/go.mod"
  printf 'package main\n\nimport (\n\t_ "k8s.io/kubernetes/cmd/kube-apiserver/app"\n)\n\nfunc main() {}\n' > "$wrap/tools.go"
  (cd "$wrap" && GOFLAGS=-mod=mod go mod tidy >/dev/null 2>&1 || true)
  (cd "$wrap" && GOFLAGS=-mod=mod go build -o "$tools/bin/" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kubectl)
  echo "$K8S_VERSION" > "$tools/kubernetes.version"
fi

OAUTH2_PROXY_VERSION=v7.6.0
if [ -x "$tools/bin/oauth2-proxy" ] && [ "$(cat "$tools/oauth2-proxy.version" 2>/dev/null)" = "$OAUTH2_PROXY_VERSION" ]; then
  echo "oauth2-proxy $OAUTH2_PROXY_VERSION: present"
else
  need_go oauth2-proxy
  echo "oauth2-proxy $OAUTH2_PROXY_VERSION: installing with go install"
  GOBIN="$tools/bin" GOFLAGS=-mod=mod go install "github.com/oauth2-proxy/oauth2-proxy/v7@$OAUTH2_PROXY_VERSION"
  echo "$OAUTH2_PROXY_VERSION" > "$tools/oauth2-proxy.version"
fi

# Dex: the module proxy serves no tagged v2 release, so it is built from the source tarball in
# ../shared/sources (referenced, never copied into the project).
DEX_VERSION=v2.39.1
dex_src=${KFGEN_DEX_SOURCE:-$PWD/../shared/sources/dex-$DEX_VERSION.tar.gz}
if [ -x "$tools/bin/dex" ] && [ "$(cat "$tools/dex.version" 2>/dev/null)" = "$DEX_VERSION" ]; then
  echo "dex $DEX_VERSION: present"
elif [ ! -f "$dex_src" ]; then
  echo "dex $DEX_VERSION: source not found at $dex_src (set KFGEN_DEX_SOURCE to dex-$DEX_VERSION.tar.gz)" >&2
  exit 1
else
  need_go dex
  echo "dex $DEX_VERSION: building from $dex_src"
  rm -rf "$tools/src/dex" && mkdir -p "$tools/src/dex"
  tar -xzf "$dex_src" -C "$tools/src/dex"
  (cd "$tools/src/dex/dex-$DEX_VERSION" && GOFLAGS=-mod=mod go build -o "$tools/bin/dex" ./cmd/dex)
  echo "$DEX_VERSION" > "$tools/dex.version"
fi
# kubeconform and kube-score: what `npm run bench` compares kfgen lint with (docs/bench.md).
go_tool() { # name version module
  if [ -x "$tools/bin/$1" ] && [ "$(cat "$tools/$1.version" 2>/dev/null)" = "$2" ]; then
    echo "$1 $2: present"
  else
    need_go "$1"
    echo "$1 $2: installing with go install"
    GOBIN="$tools/bin" GOFLAGS=-mod=mod go install "$3@$2"
    echo "$2" > "$tools/$1.version"
  fi
}
go_tool kubeconform v0.8.0 github.com/yannh/kubeconform/cmd/kubeconform
go_tool kube-score v1.20.0 github.com/zegl/kube-score/cmd/kube-score

bash "$PWD/scripts/install-python-tools.sh"  # boto3/botocore and cfn-lint for the Profile Manager tests
echo "release tools (started first, in the background): waiting for them"
release_rc=0
wait "$release_pid" || release_rc=$?
trap - EXIT
cat "$tools/logs/release-tools.out"
exit "$release_rc"
