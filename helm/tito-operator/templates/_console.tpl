{{/* The console's names and labels (the console behind the gateway, docs/console.md). */}}
{{- define "tito-console.fullname" -}}
{{- printf "%s-console" (include "tito-operator.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tito-console.selectorLabels" -}}
app.kubernetes.io/name: tito-console
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "tito-console.labels" -}}
{{ include "tito-console.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: tito
app.kubernetes.io/component: console
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The Secret holding the key the gateway signs its word to the console with: the one given, else the chart's. */}}
{{- define "tito-console.keySecretName" -}}
{{- default (printf "%s-key" (include "tito-console.fullname" .)) .Values.console.key.secret.name -}}
{{- end -}}

{{/* The console's Service as the gateway reaches it: HOST:PORT. */}}
{{- define "tito-console.address" -}}
{{- printf "%s.%s.svc:%v" (include "tito-console.fullname" .) .Release.Namespace .Values.console.port -}}
{{- end -}}
