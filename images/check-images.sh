#!/usr/bin/env bash
# Checks the images images/build-local.sh built, run as the cluster runs them: the operator image as 65532 on a
# read-only root, the course image as 1000:100 serving Jupyter on 8888 and executing a notebook with no network.
# Exits non-zero at the first broken check, saying which. Run as root: images/check-images.sh
# Environment: TITO_IMAGE_PREFIX, TITO_IMAGE_TAG, TITO_PODMAN_RUNTIME as for build-local.sh.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=images/names.sh
. "$repo/images/names.sh"
podman=(podman --runtime "${TITO_PODMAN_RUNTIME:-runc}")
# what the chart's and the grading Job's securityContexts ask of every container
hardened=(--rm --cap-drop ALL --security-opt no-new-privileges)

fail() {
  echo "check-images.sh: FAILED: $*" >&2
  exit 1
}
pass() { echo "ok: $*"; }

command -v podman >/dev/null || fail "podman is missing (Debian: apt-get install podman runc)"
for image in "$operator_image" "$gateway_image" "$course_image"; do
  podman image exists "$image" || fail "no image $image: build it first with images/build-local.sh"
done

work="$(mktemp -d)"
server=""
cleanup() {
  [[ -z "$server" ]] || podman rm -f "$server" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# --- the operator image -------------------------------------------------------------------------------------------
user="$(podman image inspect --format '{{.Config.User}}' "$operator_image")"
[[ "$user" == "65532:65532" ]] || fail "$operator_image runs as '$user', not the chart's 65532:65532"
pass "$operator_image runs as 65532:65532"

ids="$("${podman[@]}" run "${hardened[@]}" --read-only --tmpfs /tmp --network none --entrypoint /bin/sh "$operator_image" \
  -c 'id -u; id -g; touch /tmp/w && echo tmp-writable; touch /opt/tito/w 2>/dev/null || echo root-read-only')"
[[ "$ids" == $'65532\n65532\ntmp-writable\nroot-read-only' ]] || fail "operator image user or file system: $ids"
pass "operator image: uid/gid 65532, root read-only, /tmp writable"

# the real launcher, JRE and classes: the operator refuses a bad setting with one line and exit code 2
set +e
refused="$("${podman[@]}" run "${hardened[@]}" --read-only --tmpfs /tmp --network none \
  -e TITO_WRITE_CONCURRENCY=0 -e "JAVA_OPTS=-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" "$operator_image" 2>&1)"
code=$?
set -e
[[ $code == 2 && "$refused" == "tito-operator: TITO_WRITE_CONCURRENCY"* && "$refused" != *$'\n'* ]] \
  || fail "tito-operator did not refuse TITO_WRITE_CONCURRENCY=0 with one line and exit 2 (exit $code): $refused"
pass "tito-operator starts on the jlinked JRE and refuses a bad setting: $refused"

# the chart's console Deployment runs the command line from this image: a console key too short is one line, exit 2
set +e
refused="$("${podman[@]}" run "${hardened[@]}" --read-only --tmpfs /tmp --network none -e TITO_CONSOLE_KEY=short \
  --entrypoint /opt/tito/bin/tito "$operator_image" console --cluster --behind-gateway https://classes.example.edu \
  --namespace ml --port 8080 2>&1)"
code=$?
set -e
[[ $code == 2 && "$refused" == "tito: TITO_CONSOLE_KEY"* && "$refused" != *$'\n'* ]] \
  || fail "tito console --behind-gateway did not refuse a short TITO_CONSOLE_KEY with one line and exit 2 (exit $code): $refused"
pass "tito console --behind-gateway runs from the operator image and refuses a bad setting: $refused"

# --- the gateway image --------------------------------------------------------------------------------------------
user="$(podman image inspect --format '{{.Config.User}}' "$gateway_image")"
[[ "$user" == "65532:65532" ]] || fail "$gateway_image runs as '$user', not the chart's 65532:65532"
# the real launcher, JRE and classes (Vert.x, Nimbus): a session key too short is refused with one line and exit code 2
set +e
refused="$("${podman[@]}" run "${hardened[@]}" --read-only --tmpfs /tmp --network none \
  -e TITO_GATEWAY_PUBLIC_URL=https://classes.example.edu -e TITO_OIDC_ISSUER=https://login.example.edu \
  -e TITO_OIDC_CLIENT_ID=tito -e TITO_OIDC_CLIENT_SECRET=secret -e TITO_SESSION_KEY=short "$gateway_image" 2>&1)"
code=$?
set -e
[[ $code == 2 && "$refused" == "tito-gateway: TITO_SESSION_KEY"* && "$refused" != *$'\n'* ]] \
  || fail "tito-gateway did not refuse a short TITO_SESSION_KEY with one line and exit 2 (exit $code): $refused"
pass "tito-gateway runs as 65532:65532 on the jlinked JRE and refuses a bad setting: $refused"

help="$("${podman[@]}" run "${hardened[@]}" --read-only --tmpfs /tmp --network none --entrypoint tito "$operator_image" job --help)" \
  || fail "tito job --help failed in the operator image"
for step in prepare score; do
  [[ "$help" == *"$step"* ]] || fail "the operator image's tito has no '$step' step the grading Job runs: $help"
done
pass "operator image: tito runs the grading Job's prepare and score steps"

# --- the course image ---------------------------------------------------------------------------------------------
config="$(podman image inspect --format '{{.Config.User}} {{.Config.WorkingDir}} {{json .Config.ExposedPorts}}' "$course_image")"
[[ "$config" == '1000:100 /home/jovyan {"8888/tcp":{}}' ]] || fail "course image user, working dir or port: $config"
pass "$course_image: user 1000:100, working dir /home/jovyan, port 8888"

submit="$("${podman[@]}" run "${hardened[@]}" --network none "$course_image" tito submit --help 2>&1)" \
  || fail "tito submit --help failed in the course image: $submit"
[[ "$submit" == *"Usage: tito submit"* ]] || fail "tito submit --help printed no usage: $submit"
pass "course image: tito submit --help"

# every layer, not only the final file system: students can pull the image, so no layer may hold the course's
# solutions or hidden tests (docker-archive layers are plain tar, so the markers are found as written)
podman image save --quiet --format docker-archive "$course_image" -o "$work/course-image.tar"
if grep -a -q -E '### (BEGIN SOLUTION|BEGIN HIDDEN TESTS)' "$work/course-image.tar"; then
  fail "a layer of $course_image holds nbgrader solution or hidden-test regions (the course's sources were copied in)"
fi
rm "$work/course-image.tar"
pass "course image: no layer holds a solution or hidden-test region"

# a student's notebook executed as the grading Job's execute step does: its own user, no network, limits
mkdir -p "$work/grading/home"
cp "$repo/samples/course/submitted/ada/01_tensor/01_tensor.ipynb" "$work/grading/"
cat >"$work/grading/environment.ipynb" <<'EOF'
{"cells": [{"cell_type": "code", "execution_count": null, "id": "env", "metadata": {}, "outputs": [], "source": [
  "import os, socket, numpy, tinytorch\n",
  "try:\n",
  "    socket.create_connection(('pypi.org', 443), timeout=3)\n",
  "    network = 'reachable'\n",
  "except OSError:\n",
  "    network = 'none'\n",
  "print(f'uid={os.getuid()} gid={os.getgid()} numpy={numpy.__version__} tinytorch={tinytorch.__version__} network={network}')"]}],
 "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}},
 "nbformat": 4, "nbformat_minor": 5}
EOF
chown -R 1000:100 "$work/grading"
executed="$("${podman[@]}" run "${hardened[@]}" --network none --memory 1g --pids-limit 256 -v "$work/grading:/var/run/tito/scratch" -w /var/run/tito/scratch \
  -e HOME=/var/run/tito/scratch/home "$course_image" jupyter nbconvert --to notebook --execute --output-dir=/var/run/tito/scratch/executed \
  01_tensor.ipynb environment.ipynb 2>&1)" || fail "jupyter nbconvert --execute failed in the course image: $executed"
grep -q 'uid=1000 gid=100 numpy=1.26.4 tinytorch=0.1.0 network=none' "$work/grading/executed/environment.ipynb" \
  || fail "the executed notebook did not run as 1000:100 with numpy, tinytorch and no network: $(cat "$work/grading/executed/environment.ipynb")"
errors="$(grep -c '"output_type": "error"' "$work/grading/executed/01_tensor.ipynb" || true)"
[[ "$errors" == 0 ]] || fail "ada's correct 01_tensor notebook raised $errors errors in the course image"
pass "course image: nbconvert --execute of ada's notebook and an environment probe, as 1000:100 with --network none"

# the student server as the operator starts it (StudentServer): jupyter lab with a base URL and a token, its home an
# empty volume writable by group 100 (the pod's fsGroup), as a new student's PersistentVolumeClaim is
mkdir -m 2775 "$work/home"
chgrp 100 "$work/home"
server="$("${podman[@]}" run -d "${hardened[@]}" -p 127.0.0.1::8888 -v "$work/home:/home/jovyan" \
  -e JUPYTER_TOKEN=check-images "$course_image" \
  jupyter lab --ip=0.0.0.0 --port=8888 --no-browser --ServerApp.base_url=/user/ada/ --ServerApp.root_dir=/home/jovyan)"
port="$(podman port "$server" 8888/tcp | sed 's/.*://')"
answer=""
for _ in $(seq 60); do
  answer="$(curl -fsS "http://127.0.0.1:$port/user/ada/api/status?token=check-images" 2>/dev/null)" && break
  sleep 1
done
[[ "$answer" == *'"started"'* ]] || fail "no Jupyter server answered on 8888 in 60 s: $(podman logs "$server" 2>&1 | tail -20)"
# the owners of the container's jupyter processes, read from /proc (the image has no ps)
uid="$(podman exec "$server" python3 -c "import os; print(*sorted({os.stat(f'/proc/{p}').st_uid for p in os.listdir('/proc')
    if p.isdigit() and b'jupyter' in open(f'/proc/{p}/cmdline', 'rb').read()}))")"
[[ "$uid" == 1000 ]] || fail "the Jupyter server runs as uid '$uid', not 1000"
pass "course image: jupyter lab answers on 8888 under /user/ada/ as uid 1000"
