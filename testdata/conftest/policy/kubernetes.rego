# A package of the same shared folder, written for Kubernetes manifests:
# cognitolint loads it only when it is not selected (--namespace main).
package kubernetes

deny contains msg if {
	input.kind == "Deployment"
	not input.spec.template.spec.securityContext.runAsNonRoot
	msg := "containers must not run as root"
}
