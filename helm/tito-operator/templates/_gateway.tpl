{{/* The gateway's names and labels: app.kubernetes.io/name is fixed to "tito-gateway": classroom NetworkPolicies admit it by that label. */}}
{{- define "tito-gateway.fullname" -}}
{{- printf "%s-gateway" (include "tito-operator.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tito-gateway.selectorLabels" -}}
app.kubernetes.io/name: tito-gateway
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "tito-gateway.labels" -}}
{{ include "tito-gateway.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: tito
app.kubernetes.io/component: gateway
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "tito-gateway.image" -}}
{{- if .Values.gateway.image.digest -}}
{{- printf "%s@%s" .Values.gateway.image.repository .Values.gateway.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.gateway.image.repository (default .Chart.AppVersion .Values.gateway.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* publicUrl's host, without scheme, port or trailing slash: what the Ingress and the HTTPRoute serve. */}}
{{- define "tito-gateway.host" -}}
{{- regexReplaceAll ":[0-9]+$" (regexReplaceAll "^https?://" (trimSuffix "/" .Values.gateway.publicUrl) "") "" -}}
{{- end -}}

{{/* The ConfigMap the replicas share sign-outs in, and the Role that lets the gateway use it alone. */}}
{{- define "tito-gateway.signedOutName" -}}
{{- printf "%s-signed-out" (include "tito-gateway.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tito-gateway.sessionSecretName" -}}
{{- default (printf "%s-session" (include "tito-gateway.fullname" .)) .Values.gateway.session.secret.name -}}
{{- end -}}

{{/* Exactly what the gateway's code does, in each namespace it serves (docs/gateway.md "RBAC"). */}}
{{- define "tito-gateway.rules" -}}
# the Classrooms served, and rosters kept in a ConfigMap (read by name)
- apiGroups: [tito.dev]
  resources: [classrooms]
  verbs: [get, list]
# rosters read; <classroom>-gateway-activity written (the traffic seen, for idle culling; the admission policy keeps
# the gateway's writes to those names)
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, create, patch]
# the students' servers: watched, and given the start annotation (a merge patch of that one annotation; the
# client reads the object before it patches)
- apiGroups: [apps]
  resources: [statefulsets]
  verbs: [get, list, watch, patch]
# a starting server's pod, for the progress page
- apiGroups: [""]
  resources: [pods]
  verbs: [get]
# each student's Jupyter token, read by name (<classroom>-<student>-token); never listed or watched
- apiGroups: [""]
  resources: [secrets]
  verbs: [get]
# a server that fails to start is told to the instructor as a Warning Event on its StatefulSet
- apiGroups: [""]
  resources: [events]
  verbs: [create]
{{- end -}}
