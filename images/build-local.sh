#!/usr/bin/env bash
# Builds tito's two images with podman from the repository's Dockerfiles, unchanged, on base images made here from
# debootstrap and Debian packages: no container registry is needed. Run as root from anywhere:
#   images/build-local.sh
# Environment (all optional):
#   TITO_IMAGE_PREFIX   repository prefix of the two images (default ghcr.io/tito-dev, what the chart pulls)
#   TITO_IMAGE_TAG      their tag (default the chart's appVersion)
#   TITO_COURSE_DIR     the course checkout the course image is built from (default samples/course)
#   TITO_DEBIAN_MIRROR  the Debian mirror debootstrap and apt use (default http://deb.debian.org/debian)
#   TITO_PODMAN_RUNTIME the OCI runtime podman runs build steps with (default runc: crun refuses hybrid cgroups)
#   TITO_EXTRA_CA_CERTS a directory of *.crt files the build bases also trust (a TLS-inspecting proxy's CA, so that
#                       Maven and pip reach Maven Central and PyPI through it); the course image inherits them, so
#                       images to publish are built without (the publishing workflow sets none)
# Bases are cached: each carries the hash of what made it and is rebuilt only when that changes; the debootstrap
# root file system is kept under ~/.cache/tito/images (rm -rf it to take newer Debian packages).
set -euo pipefail
shopt -s nullglob

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=images/names.sh
. "$repo/images/names.sh"
course_dir="${TITO_COURSE_DIR:-$repo/samples/course}"
mirror="${TITO_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
runtime="${TITO_PODMAN_RUNTIME:-runc}"
extra_ca="${TITO_EXTRA_CA_CERTS:-}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/tito/images"
suite=bookworm

debian_base=localhost/tito-base/debian:bookworm-slim
maven_base=localhost/tito-base/maven:3-openjdk-17
jupyter_base=localhost/tito-base/jupyter:minimal-python-3.11

fail() {
  echo "build-local.sh: $*" >&2
  exit 2
}

missing=()
for tool in podman "$runtime" debootstrap sha256sum; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
((${#missing[@]} == 0)) || fail "missing ${missing[*]} (Debian: apt-get install podman runc debootstrap)"
((EUID == 0)) || fail "debootstrap and the image store need root: run it as root (sudo $0)"
[[ -n "$chart_version" ]] || fail "no appVersion in $repo/helm/tito-operator/Chart.yaml"
[[ -z "$extra_ca" || -d "$extra_ca" ]] || fail "TITO_EXTRA_CA_CERTS=$extra_ca is not a directory of *.crt files"
[[ -f "$course_dir/pyproject.toml" ]] || fail "$course_dir is not a pip-installable course (no pyproject.toml): set TITO_COURSE_DIR"

podman=(podman --runtime "$runtime")
mkdir -p "$cache"

# seconds since the epoch, with milliseconds, for the timings the script prints
now() { date +%s.%3N; }
timings=()
timed() {
  local what="$1" start
  shift
  start="$(now)"
  "$@"
  timings+=("$(awk -v what="$what" -v start="$start" -v end="$(now)" 'BEGIN { printf "%-52s %7.1f s", what, end - start }')")
}

inputs_of() { podman image inspect --format '{{ index .Labels "dev.tito.inputs" }}' "$1" 2>/dev/null || true; }
hash_of() { sha256sum | cut -c1-16; }

# A slim Debian root file system, as debian:bookworm-slim is made: minbase, then no docs, man pages or locales.
make_rootfs() {
  local dir="$1"
  rm -rf "$dir"
  debootstrap --variant=minbase "$suite" "$dir" "$mirror" >"$dir.log" 2>&1 || fail "debootstrap failed: see $dir.log"
  cat >"$dir/etc/dpkg/dpkg.cfg.d/slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/lintian/*
EOF
  cat >"$dir/etc/apt/apt.conf.d/slim" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache ""; Dir::Cache::srcpkgcache "";
Acquire::Languages "none";
EOF
  rm -f "$dir/etc/apt/sources.list"
  cat >"$dir/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: $suite $suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: $suite-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  find "$dir/usr/share/doc" -mindepth 2 -not -name copyright -not -type d -delete
  rm -rf "$dir"/usr/share/{man,groff,info,lintian}/* "$dir"/var/lib/apt/lists/* "$dir"/var/cache/apt/* "$dir"/var/log/*
  find "$dir/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
  # podman provides these per container
  rm -f "$dir/etc/resolv.conf" "$dir/etc/hostname"
}

debian_image() {
  local key tar
  key="$( (declare -f make_rootfs; echo "$suite $mirror") | hash_of)"
  [[ "$(inputs_of "$debian_base")" == "$key" ]] && return
  tar="$cache/debian-$suite-slim-$key.tar"
  if [[ ! -f "$tar" ]]; then
    make_rootfs "$cache/rootfs"
    tar --numeric-owner -C "$cache/rootfs" -cf "$tar.part" . && mv "$tar.part" "$tar"
    rm -rf "$cache/rootfs" "$cache/rootfs.log"
  fi
  podman import --quiet --change 'CMD ["bash"]' --change "LABEL dev.tito.inputs=$key" "$tar" "$debian_base" >/dev/null
}

# base_image TAG CONTAINERFILE: builds TAG unless it was built from this Containerfile, these extra CAs (in the
# context as extra-ca/) and this parent image
base_image() {
  local image="$1" containerfile="$2" parent key context
  parent="$(sed -n 's/^FROM //p' <<<"$containerfile")"
  context="$(mktemp -d)"
  mkdir "$context/extra-ca"
  [[ -z "$extra_ca" ]] || find "$extra_ca" -maxdepth 1 -name '*.crt' -exec cp {} "$context/extra-ca/" \;
  printf '%s\n' "$containerfile" >"$context/Containerfile"
  key="$( (cat "$context/Containerfile" "$context"/extra-ca/*; podman image inspect --format '{{.Id}}' "$parent") | hash_of)"
  if [[ "$(inputs_of "$image")" != "$key" ]]; then
    "${podman[@]}" build --quiet --label "dev.tito.inputs=$key" -t "$image" "$context" >/dev/null
  fi
  rm -rf "$context"
}

# What the operator Dockerfile's MAVEN_IMAGE gives it: a JDK with jlink and jdeps (and its jmods), and Maven; binutils
# because Debian's jlink strips native debug symbols with objcopy when asked to --strip-debug.
maven_containerfile="FROM $debian_base
COPY extra-ca/ /usr/local/share/ca-certificates/
# the JDK's postinst links man pages with update-alternatives, into directories the slim dpkg filter leaves out
RUN mkdir -p /usr/share/man/man1 \\
    && apt-get update && apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven ca-certificates-java binutils \\
    && rm -rf /var/lib/apt/lists/* && update-ca-certificates && jlink --version && jdeps --version && mvn --version"

# What the course Dockerfile's BASE_IMAGE gives it, as Jupyter Docker Stacks' minimal-notebook does: JupyterLab
# (the student server runs 'jupyter lab'), nbconvert and ipykernel (grading runs 'jupyter nbconvert --execute'),
# NumPy, user jovyan 1000:100 owning the Python environment (so 'pip install' works as that user), port 8888.
# Debian has no JupyterLab, so the Jupyter stack comes from PyPI into a venv, pinned; Python is Debian's 3.11.
# pip trusts the system's CA bundle (its own copy would ignore the CAs an administrator adds).
jupyter_containerfile="FROM $debian_base
COPY extra-ca/ /usr/local/share/ca-certificates/
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-venv tini ca-certificates \\
    && rm -rf /var/lib/apt/lists/* \\
    && useradd --uid 1000 --gid 100 --create-home --shell /bin/bash jovyan \\
    && install -d -o 1000 -g 100 /opt/venv
ENV PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \\
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt VIRTUAL_ENV=/opt/venv HOME=/home/jovyan SHELL=/bin/bash LANG=C.UTF-8 NB_USER=jovyan NB_UID=1000 NB_GID=100
USER 1000:100
RUN python3 -m venv /opt/venv \\
    && pip install --no-cache-dir jupyterlab==4.2.5 nbconvert==7.16.4 ipykernel==6.29.5 numpy==1.26.4 \\
    && pip check && jupyter lab --version && jupyter nbconvert --version
WORKDIR /home/jovyan
EXPOSE 8888
ENTRYPOINT [\"tini\", \"-g\", \"--\"]
CMD [\"jupyter\", \"lab\", \"--ip=0.0.0.0\", \"--port=8888\", \"--no-browser\"]"

build_operator() {
  "${podman[@]}" build --layers -f "$repo/images/operator/Dockerfile" --ignorefile "$repo/images/operator/Dockerfile.dockerignore" \
    --build-arg "MAVEN_IMAGE=$maven_base" --build-arg "RUNTIME_IMAGE=$debian_base" -t "$operator_image" "$repo"
}

build_gateway() {
  "${podman[@]}" build --layers -f "$repo/images/gateway/Dockerfile" --ignorefile "$repo/images/gateway/Dockerfile.dockerignore" \
    --build-arg "MAVEN_IMAGE=$maven_base" --build-arg "RUNTIME_IMAGE=$debian_base" -t "$gateway_image" "$repo"
}

build_course() {
  "${podman[@]}" build --layers -f "$repo/images/tinytorch/Dockerfile" --ignorefile "$repo/images/tinytorch/Dockerfile.dockerignore" \
    --build-arg "BASE_IMAGE=$jupyter_base" --build-arg "TITO_IMAGE=$operator_image" -t "$course_image" "$course_dir"
}

timed "base $debian_base" debian_image
timed "base $maven_base" base_image "$maven_base" "$maven_containerfile"
timed "base $jupyter_base" base_image "$jupyter_base" "$jupyter_containerfile"
timed "$operator_image" build_operator
timed "$gateway_image" build_gateway
timed "$course_image" build_course

echo
printf '%s\n' "${timings[@]}"
echo
for image in "$debian_base" "$maven_base" "$jupyter_base" "$operator_image" "$gateway_image" "$course_image"; do
  podman image inspect --format "{{.Size}} $image {{.Digest}}" "$image" \
    | awk '{ printf "%-52s %7.1f MB  %s\n", $2, $1 / 1000000, $3 }'
done
