# The names of tito's images, as build-local.sh makes them and check-images.sh runs them (sourced, with $repo
# the repository's root): TITO_IMAGE_PREFIX (default ghcr.io/tito-dev, what the chart pulls), TITO_IMAGE_TAG
# (default the chart's appVersion).
# shellcheck shell=bash disable=SC2034,SC2154  # sourced: $repo is the caller's, the names are for the caller
chart_version="$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$repo/helm/tito-operator/Chart.yaml")"
prefix="${TITO_IMAGE_PREFIX:-ghcr.io/tito-dev}"
tag="${TITO_IMAGE_TAG:-$chart_version}"
operator_image="$prefix/tito-operator:$tag"
gateway_image="$prefix/tito-gateway:$tag"
course_image="$prefix/tito-sample-course:$tag"
