# A second package for app clients, run with --namespace org.cognito or
# --all-namespaces (conftest runs main only by default).
package org.cognito

deny_scopes contains msg if {
	"aws.cognito.signin.user.admin" in input.AllowedOAuthScopes
	msg := "the admin scope is not allowed"
}

exception contains ["scopes"] if input.ClientName == "admin-console"
