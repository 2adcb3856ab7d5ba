{{/* Names: the pod label app.kubernetes.io/name is fixed to "tito-operator": classroom NetworkPolicies admit the operator's activity probes by it. */}}
{{- define "tito-operator.fullname" -}}
{{- if contains "tito-operator" .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-tito-operator" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/*
Cluster-scoped objects: <release namespace>.<full name> (helm install's namespace is "default" when none is given;
helm lint has none). A namespace has no ".", so two releases (other name or other namespace) never share a name, and
neither fights the other over Helm's ownership annotations.
*/}}
{{- define "tito-operator.clusterName" -}}
{{- printf "%s.%s" (default "default" .Release.Namespace) (include "tito-operator.fullname" .) -}}
{{- end -}}

{{/* A PriorityClass's name: the one given, else the release's own (dict "root" . "key" "grading" "suffix" "grading"). */}}
{{- define "tito-operator.priorityClassName" -}}
{{- $given := (index .root.Values.priorityClasses .key).name -}}
{{- if $given -}}
{{- $given -}}
{{- else if .root.Values.priorityClasses.create -}}
{{- printf "%s-%s" (include "tito-operator.clusterName" .root) .suffix -}}
{{- else -}}
{{- fail (printf "priorityClasses.%s.name is required when priorityClasses.create is false" .key) -}}
{{- end -}}
{{- end -}}

{{- define "tito-operator.studentServerPriorityClass" -}}
{{- include "tito-operator.priorityClassName" (dict "root" . "key" "studentServer" "suffix" "student-server") -}}
{{- end -}}

{{- define "tito-operator.gradingPriorityClass" -}}
{{- include "tito-operator.priorityClassName" (dict "root" . "key" "grading" "suffix" "grading") -}}
{{- end -}}

{{- define "tito-operator.placeholderPriorityClass" -}}
{{- include "tito-operator.priorityClassName" (dict "root" . "key" "placeholder" "suffix" "capacity-placeholder") -}}
{{- end -}}

{{- define "tito-operator.selectorLabels" -}}
app.kubernetes.io/name: tito-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "tito-operator.labels" -}}
{{ include "tito-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: tito
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "tito-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "tito-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "tito-operator.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/*
Rules on namespaced objects, granted in every watched namespace (a Role each) or cluster-wide (one ClusterRole)
when watchNamespaces is empty. Each rule lists only the verbs the operator's code uses.
*/}}
{{- define "tito-operator.namespacedRules" -}}
# --- Classroom reconciler ---
- apiGroups: [tito.dev]
  resources: [classrooms]
  verbs: [list, watch]
# every status is written whole with the resourceVersion it was decided on: a decision made on a stale copy is refused
- apiGroups: [tito.dev]
  resources: [classrooms/status]
  verbs: [update]
# Children are written by server-side apply (patch; create for an apply that creates) under one field manager.
# per-student servers (StatefulSet of 0 or 1 replicas) and their Services
- apiGroups: [apps]
  resources: [statefulsets]
  verbs: [list, watch, create, patch, delete]
- apiGroups: [""]
  resources: [services]
  verbs: [list, watch, create, patch, delete]
# home volumes and access tokens: created once, never rewritten; deleted when a student leaves (homes per retainPolicy)
- apiGroups: [""]
  resources: [persistentvolumeclaims, secrets]
  verbs: [list, watch, create, delete]
- apiGroups: [networking.k8s.io]
  resources: [ingresses]
  verbs: [list, watch, create, patch, delete]
- apiGroups: [networking.k8s.io]
  resources: [networkpolicies]
  verbs: [list, watch, create, patch]
# image pre-pull DaemonSet and capacity placeholder Deployment
- apiGroups: [apps]
  resources: [daemonsets, deployments]
  verbs: [list, watch, create, patch, delete]
# each student's identity for tito submit: a ServiceAccount, and a Role (with its binding) to submit and read results
- apiGroups: [""]
  resources: [serviceaccounts]
  verbs: [list, watch, create, patch, delete]
- apiGroups: [rbac.authorization.k8s.io]
  resources: [roles, rolebindings]
  verbs: [list, watch, create, patch, delete]
# RBAC lets the operator grant a student's Role only what it holds itself: creating Submissions (it never does)
- apiGroups: [tito.dev]
  resources: [submissions]
  verbs: [create]
# restartPolicy Immediate: a server's pod is deleted so its StatefulSet recreates it from the new template
- apiGroups: [""]
  resources: [pods]
  verbs: [delete]
# rosters kept in a ConfigMap (spec.roster.configMapRef)
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get]
- apiGroups: [""]
  resources: [events]
  verbs: [create]
# --- Assignments, delivery and grading ---
- apiGroups: [tito.dev]
  resources: [assignments]
  verbs: [list, watch]
# a Submission whose grading Job vanished is read afresh before it is failed
- apiGroups: [tito.dev]
  resources: [submissions]
  verbs: [get, list, watch]
- apiGroups: [tito.dev]
  resources: [assignments/status, submissions/status]
  verbs: [update]
# a person's grades (Reviews, written by instructors), counted in each Submission's status
- apiGroups: [tito.dev]
  resources: [reviews]
  verbs: [list, watch]
# a delivery Job per student and revision, one grading Job per attempt; get tells a Job not cached yet from a deleted one
- apiGroups: [batch]
  resources: [jobs]
  verbs: [get, list, watch, create, delete]
# running student servers (delivery Jobs go to their node); grading pods' statuses and logs carry the outcome
- apiGroups: [""]
  resources: [pods]
  verbs: [list, watch]
- apiGroups: [""]
  resources: [pods/log]
  verbs: [get]
# release ConfigMaps (immutable), the delivery ledger and each student's results (updated); submitted notebooks, feedback
- apiGroups: [""]
  resources: [configmaps]
  verbs: [list, watch, create, update, patch, delete]
# instructor source notebooks (solutions, hidden tests) are kept in a Secret named by the Assignment
- apiGroups: [""]
  resources: [secrets]
  verbs: [get]
{{- end -}}

{{/*
The namespaces the operator watches, as JSON: watchNamespaces, else the release's own namespace; [] (every namespace,
with cluster-wide rules that include Secrets) only when watchAllNamespaces asks for it, so least privilege is the default.
*/}}
{{- define "tito-operator.watchNamespaces" -}}
{{- if .Values.watchAllNamespaces -}}
{{- if .Values.watchNamespaces -}}
{{- fail "watchAllNamespaces: true and a watchNamespaces list exclude each other: set one of them" -}}
{{- end -}}
[]
{{- else if .Values.watchNamespaces -}}
{{- toJson .Values.watchNamespaces -}}
{{- else -}}
{{- list .Release.Namespace | toJson -}}
{{- end -}}
{{- end }}

{{/*
CEL, for a ValidatingAdmissionPolicy on an UPDATE of a student's server: nothing changes but its tito.dev/start annotation
(the request to start it). The policy defines variables before and after, the old and new annotations.
*/}}
{{- define "tito-operator.onlyTheStartAnnotation" -}}
object.spec == oldObject.spec
&& (has(object.metadata.labels) ? object.metadata.labels : {}) == (has(oldObject.metadata.labels) ? oldObject.metadata.labels : {})
&& (has(object.metadata.ownerReferences) ? object.metadata.ownerReferences : []) == (has(oldObject.metadata.ownerReferences) ? oldObject.metadata.ownerReferences : [])
&& (has(object.metadata.finalizers) ? object.metadata.finalizers : []) == (has(oldObject.metadata.finalizers) ? oldObject.metadata.finalizers : [])
&& variables.after.all(k, k == 'tito.dev/start' || (k in variables.before && variables.before[k] == variables.after[k]))
&& variables.before.all(k, k == 'tito.dev/start' || k in variables.after)
{{- end }}
