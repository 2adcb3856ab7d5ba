#!/usr/bin/env bash
# Builds the real Kubernetes control plane (etcd, kube-apiserver, kube-controller-manager, kubectl) and helm from
# source, once, into a cache outside the checkout; later runs reuse it (a warm relink takes about 20 s).
# Prints the folder holding the binaries, also linked as <cache>/current. TITO_KUBE_CACHE moves the cache
# (default ~/.cache/tito/kube). With --if-go (the Maven build's call) a machine without Go skips the build, so the
# real-API tests skip with a line saying how to build; under CI=true a missing Go fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
kube_version="$(awk '$1 == "k8s.io/kubernetes" {print $2}' "$here/go.mod")"
helm_version="$(awk '$1 == "helm.sh/helm/v3" {print $2}' "$here/helm/go.mod")"
cache="${TITO_KUBE_CACHE:-$HOME/.cache/tito/kube}"
# the layout Fabric8 kube-api-test's offline mode reads: <dir>/k8s/<version>-linux-amd64/{etcd,kube-apiserver,kubectl}
out="$cache/k8s/${kube_version#v}-linux-amd64"
stamp="$out/.built-from"
want="$(cat "$here/go.mod" "$here/go.sum" "$here/helm/go.mod" "$here/helm/go.sum" "$0" | sha256sum | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  ln -sfn "$out" "$cache/current"
  echo "$out"
  exit 0
fi
if ! command -v go >/dev/null; then
  if [[ "${1:-}" == "--if-go" && "${CI:-}" != "true" ]]; then
    echo "cluster-test/build.sh: no Go on this machine: the tests on the real API server will be skipped" >&2
    exit 0
  fi
  echo "cluster-test/build.sh: Go is needed to build Kubernetes from source" >&2
  exit 2
fi
mkdir -p "$out"
minor="${kube_version#v1.}"; minor="${minor%%.*}"
# without these the server says v0.0.0-master: helm refuses the chart's kubeVersion and kubectl cannot parse it
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$kube_version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
done
export GOFLAGS=-mod=mod CGO_ENABLED=0
cd "$here"
for cmd in k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kubectl; do
  echo "building ${cmd##*/} $kube_version" >&2
  go build -trimpath -ldflags "$ldflags" -o "$out/${cmd##*/}" "$cmd"
done
echo "building etcd" >&2
go build -trimpath -ldflags "-s -w" -o "$out/etcd" go.etcd.io/etcd/server/v3
echo "building helm $helm_version" >&2
(cd helm && go build -trimpath -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$helm_version -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$minor -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$minor" -o "$out/helm" helm.sh/helm/v3/cmd/helm)
echo "$want" > "$stamp"
ln -sfn "$out" "$cache/current"
echo "$out"
