#!/usr/bin/env bash
# Builds the per-release real components that the tests of each supported Kubeflow release run
# (test/support/release-tools.ts says which release uses which) into .tools/releases/ (git-ignored):
#
#   .tools/releases/kubernetes/<v>/bin/kube-apiserver [kube-controller-manager kubectl]
#   .tools/releases/dex/<v>/dex
#   .tools/releases/oauth2-proxy/<v>/oauth2-proxy
#
# Kubeflow v1.9.1's own set (Kubernetes v1.30.14, Dex v2.39.1, oauth2-proxy v7.6.0) stays where
# install-tools.sh puts it, in .tools/bin. Each version directory carries a stamp (.stamp); a
# re-run keeps what is present and stamped. The missing builds run in parallel as background jobs,
# each logging to .tools/logs/<job>.log; a failed job fails the script, naming the job and showing
# the tail of its log. KFGEN_TOOLS_JOBS=N limits how many run at once (default: all).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
releases=$root/.tools/releases
logs=$root/.tools/logs
src=$root/.tools/src/releases
dex_sources=${KFGEN_DEX_SOURCES:-$root/../shared/sources}

# Kubernetes version => the binaries its tests need (the upgrade test with garbage collection
# needs a v1.34.4 kube-controller-manager and kubectl; v1.33 only serves manifests).
# v1.33.13 stands in for v1.33.7: the module proxy serves k8s.io/kubernetes v1.33.7 but refuses six
# of its staging modules at v0.33.7 (cluster-bootstrap, cri-client, csi-translation-lib,
# dynamic-resource-allocation, endpointslice, externaljwt); v0.33.13 is the nearest patch release
# it serves all of, so v1.33.13 is built whole rather than v1.33.7 patched with other versions.
K8S_BUILDS=(
  "v1.33.13 kube-apiserver"
  "v1.34.4 kube-apiserver kube-controller-manager kubectl"
)
# Dex from the source tarballs in ../shared/sources (the module proxy serves no tagged Dex v2).
DEX_VERSIONS=(v2.41.1 v2.44.0 v2.45.0)
# Before v2.44, cmd/dex refers to the SQLite storage, which exists only with cgo (see CGO_ENABLED below).
DEX_NEEDS_CGO=(v2.41.1)
# v7.7.1 is Kubeflow v1.10.2's. The module proxy refuses v7.13.0 (v1.11.0's) and v7.14.3 (26.03's)
# and every version between them that was tried (v7.12.0, v7.14.0-v7.14.2, v7.15.0, v7.15.1,
# v7.15.5, also v7.11.0): v7.15.6 is the nearest it serves, and stands in for both.
OAUTH2_PROXY_VERSIONS=(v7.7.1 v7.15.6)
# Bump when the way a tool is built changes, so present builds are redone.
RECIPE=1

if ! command -v go >/dev/null 2>&1; then
  echo "install-release-tools: Go is not installed, so the per-release tools cannot be built. Install Go (https://go.dev/dl/)." >&2
  exit 1
fi
# Go 1.26 builds all of them (oauth2-proxy v7.15.6 needs >= 1.26.0; Kubernetes and Dex need 1.24/1.25).
# Never switch toolchains behind the user's back; an exported GOTOOLCHAIN is respected.
export GOTOOLCHAIN=${GOTOOLCHAIN:-local}
# Static binaries, as the upstream release builds of Kubernetes and oauth2-proxy are. Dex's release
# links SQLite through cgo; the tests use Dex's memory storage (Kubeflow uses its kubernetes
# storage), neither of which needs cgo, so Dex is built without SQLite and without compiling it,
# except where its code needs cgo to compile (DEX_NEEDS_CGO: v2.41.1's go-sqlite3 v1.14.22 is the
# one install-tools.sh's Dex v2.39.1 compiles, so a later run finds it in the Go build cache).
export CGO_ENABLED=0
# -buildvcs=false: .tools/ is inside the project's Git work tree, whose state is not the tools'.
# No -trimpath: it would change every package's cache key and so share nothing with the builds
# install-tools.sh makes. -s -w (no symbol table, no DWARF) makes the links cheaper.
export GOFLAGS="-mod=mod -buildvcs=false"

mkdir -p "$releases" "$logs" "$src"

stamp_ok() { # dir stamp files...
  local dir=$1 stamp=$2 f
  shift 2
  [ "$(cat "$dir/.stamp" 2>/dev/null)" = "$stamp" ] || return 1
  for f in "$@"; do [ -x "$dir/$f" ] || return 1; done
}

# Each build writes into a fresh <dir>.tmp and moves it in place only once complete and stamped.
install_dir() { # final-dir stamp: the caller has built into final-dir.tmp
  printf '%s\n' "$2" > "$1.tmp/.stamp"
  rm -rf "$1"
  mv "$1.tmp" "$1"
}

build_kubernetes() { # version binaries...
  local ver=$1
  shift
  local out=$releases/kubernetes/$ver wrap=$src/kubernetes-$ver
  local staging=${ver/v1./v0.} minor
  minor=${ver#v1.}
  minor=${minor%%.*}
  rm -rf "$wrap" "$out.tmp" && mkdir -p "$wrap" "$out.tmp/bin"
  cd "$wrap"
  # `go install` refuses k8s.io/kubernetes (its go.mod has replace directives), so a wrapper module
  # requires it and replaces each staging repository with its published v0.x module, as
  # install-tools.sh does for v1.30.14; it also keeps upstream's go and godebug lines.
  local json gomod info date commit
  json=$(go mod download -json "k8s.io/kubernetes@$ver")
  gomod=$(sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",*$/\1/p' <<<"$json")
  info=$(sed -n 's/^[[:space:]]*"Info": "\(.*\)",*$/\1/p' <<<"$json")
  date=$(sed -n 's/.*"Time":"\([^"]*\)".*/\1/p' "$info")
  commit=$(sed -n 's/.*"Hash":"\([0-9a-f]\{40\}\)".*/\1/p' "$info")
  {
    echo "module kfgen.local/kubernetes-$ver-wrapper"
    echo
    grep '^go [0-9]' "$gomod"
    grep '^godebug [a-z]' "$gomod" || true
    sed -n '/^godebug (/,/^)/p' "$gomod"
    echo
    echo "require k8s.io/kubernetes $ver"
    echo
    sed -n 's#^[[:space:]]*\(k8s\.io/[a-z0-9.-]*\) => \./staging/src/.*#replace \1 => \1 '"$staging"'#p' "$gomod"
  } > go.mod
  {
    printf 'package main\n\nimport (\n'
    local b
    for b in "$@"; do
      case $b in
        kube-apiserver) printf '\t_ "k8s.io/kubernetes/cmd/kube-apiserver/app"\n' ;;
        kube-controller-manager) printf '\t_ "k8s.io/kubernetes/cmd/kube-controller-manager/app"\n' ;;
        kubectl) printf '\t_ "k8s.io/kubectl/pkg/cmd"\n' ;;
      esac
    done
    printf ')\n\nfunc main() {}\n'
  } > tools.go
  go mod tidy -e
  # What hack/lib/version.sh stamps into a release build, so /version and `kubectl version` say
  # v1.x.y (the tag's date as the build date; the commit where the module proxy records it).
  local ld="-s -w" pkg
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X $pkg.gitVersion=$ver -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
    [ -z "$date" ] || ld+=" -X $pkg.buildDate=$date"
    [ -z "$commit" ] || ld+=" -X $pkg.gitCommit=$commit"
  done
  local pkgs=()
  for b in "$@"; do pkgs+=("k8s.io/kubernetes/cmd/$b"); done
  go build -ldflags="$ld" -o "$out.tmp/bin/" "${pkgs[@]}"
  "$out.tmp/bin/$1" --version
  install_dir "$out" "$(k8s_stamp "$ver" "$@")"
}
k8s_stamp() { echo "kubernetes $1: ${*:2} (recipe $RECIPE)"; }

build_dex() { # version
  local ver=$1
  local out=$releases/dex/$ver dir=$src/dex-$ver tarball=$dex_sources/dex-$1.tar.gz
  [ -f "$tarball" ] || {
    echo "dex $ver: source not found at $tarball (set KFGEN_DEX_SOURCES to the directory holding dex-$ver.tar.gz)"
    return 1
  }
  rm -rf "$dir" "$out.tmp" && mkdir -p "$dir" "$out.tmp"
  tar -xzf "$tarball" -C "$dir"
  cd "$dir/dex-$ver"
  local cgo=0
  [[ " ${DEX_NEEDS_CGO[*]} " != *" $ver "* ]] || cgo=1
  CGO_ENABLED=$cgo go build -ldflags="-s -w -X main.version=$ver" -o "$out.tmp/dex" ./cmd/dex
  "$out.tmp/dex" version
  install_dir "$out" "$(dex_stamp "$ver")"
  rm -rf "$dir"
}
dex_stamp() { echo "dex $1 (recipe $RECIPE)"; }

build_oauth2_proxy() { # version
  local ver=$1
  local out=$releases/oauth2-proxy/$ver
  rm -rf "$out.tmp" && mkdir -p "$out.tmp"
  cd "$src"
  GOBIN="$out.tmp" go install -ldflags="-s -w -X github.com/oauth2-proxy/oauth2-proxy/v7/pkg/version.VERSION=$ver" \
    "github.com/oauth2-proxy/oauth2-proxy/v7@$ver"
  "$out.tmp/oauth2-proxy" --version
  install_dir "$out" "$(oauth2_proxy_stamp "$ver")"
}
oauth2_proxy_stamp() { echo "oauth2-proxy $1 (recipe $RECIPE)"; }

# --- what is missing becomes a job -------------------------------------------------------------
jobs_names=()
jobs_cmds=()
add_job() { # name command...
  jobs_names+=("$1")
  shift
  jobs_cmds+=("$*")
}
for build in "${K8S_BUILDS[@]}"; do
  read -r ver bins <<<"$build"
  # shellcheck disable=SC2086 # bins is a list of names
  if stamp_ok "$releases/kubernetes/$ver" "$(k8s_stamp "$ver" $bins)" $(printf 'bin/%s ' $bins); then
    echo "kubernetes $ver ($bins): present"
  else
    add_job "kubernetes-$ver" build_kubernetes "$ver" "$bins"
  fi
done
for ver in "${DEX_VERSIONS[@]}"; do
  if stamp_ok "$releases/dex/$ver" "$(dex_stamp "$ver")" dex; then
    echo "dex $ver: present"
  elif [ ! -f "$dex_sources/dex-$ver.tar.gz" ]; then
    echo "dex $ver: source not found at $dex_sources/dex-$ver.tar.gz (set KFGEN_DEX_SOURCES to the directory holding it)" >&2
    exit 1
  else
    add_job "dex-$ver" build_dex "$ver"
  fi
done
for ver in "${OAUTH2_PROXY_VERSIONS[@]}"; do
  if stamp_ok "$releases/oauth2-proxy/$ver" "$(oauth2_proxy_stamp "$ver")" oauth2-proxy; then
    echo "oauth2-proxy $ver: present"
  else
    add_job "oauth2-proxy-$ver" build_oauth2_proxy "$ver"
  fi
done
[ "${#jobs_names[@]}" -gt 0 ] || exit 0

# --- run them in parallel ----------------------------------------------------------------------
max=${KFGEN_TOOLS_JOBS:-${#jobs_names[@]}}
echo "building ${#jobs_names[@]} release tools, $max at a time (several minutes on 2 cores; logs in .tools/logs/): ${jobs_names[*]}"
t0=$(date +%s)
pids=()
for i in "${!jobs_names[@]}"; do
  name=${jobs_names[$i]}
  while [ "$(jobs -rp | wc -l)" -ge "$max" ]; do sleep 1; done
  rm -f "$logs/$name.result"
  (
    set +e
    start=$(date +%s)
    # shellcheck disable=SC2086 # the command line is a function and plain words
    (set -euo pipefail && ${jobs_cmds[$i]}) > "$logs/$name.log" 2>&1
    rc=$?
    # `times`, second line: the CPU time of this job's processes (user, system), whatever the load.
    # (Run here, not in a pipeline or $(…), whose subshell would have no children of its own.)
    times > "$logs/$name.times"
    echo "$rc $(($(date +%s) - start)) $(tail -n 1 "$logs/$name.times")" > "$logs/$name.result"
  ) &
  pids+=($!)
  echo "  started $name (log .tools/logs/$name.log)"
done
wait "${pids[@]}" || true

fmt() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
failed=()
for name in "${jobs_names[@]}"; do
  read -r rc secs user sys 2>/dev/null < "$logs/$name.result" || { rc=missing secs=0 user=? sys=?; }
  if [ "$rc" = 0 ]; then
    echo "  $name: built in $(fmt "$secs") (CPU: user $user, system $sys)"
  else
    echo "  $name: FAILED (exit $rc) after $(fmt "$secs")"
    failed+=("$name")
  fi
done
echo "release tools: wall time $(fmt $(($(date +%s) - t0))) for ${#jobs_names[@]} jobs"
if [ "${#failed[@]}" -gt 0 ]; then
  for name in "${failed[@]}"; do
    echo "=== $name failed; last 30 lines of .tools/logs/$name.log:" >&2
    tail -n 30 "$logs/$name.log" >&2
  done
  echo "install-release-tools: ${#failed[@]} job(s) failed: ${failed[*]}" >&2
  exit 1
fi
