package cognito.baseline

# METADATA
# title: implicit grant in AllowedOAuthFlows (use code with PKCE)
# description: >-
#   The implicit grant returns tokens in the browser's URL, where history,
#   logs and referrers leak them. Use the authorization code grant with PKCE.
# related_resources:
# - ref: https://www.rfc-editor.org/rfc/rfc9700#section-2.1.2
#   description: "RFC 9700 §2.1.2: clients SHOULD NOT use the implicit grant"
# - ref: https://docs.aws.amazon.com/cognito/latest/developerguide/federation-endpoints-oauth-grants.html
#   description: AWS developer guide, OAuth 2.0 grants
# custom:
#   id: sec-implicit-grant
#   severity: warning
warn_implicit_grant contains {
	"msg": sprintf("AllowedOAuthFlows[%d] \"implicit\": the implicit grant puts tokens in the browser URL", [i]),
	"path": sprintf("AllowedOAuthFlows[%d]", [i]),
	"hint": "use the \"code\" flow with PKCE instead (RFC 9700)",
} if {
	input.AllowedOAuthFlows[i] = "implicit" # unification: no builtin call per item
}

# METADATA
# title: aws.cognito.signin.user.admin scope granted
# description: >-
#   Access tokens with aws.cognito.signin.user.admin can call the user's
#   self-service APIs (change attributes, delete the user). Grant it only to
#   clients that need them.
# related_resources:
# - ref: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
#   description: AWS developer guide, scopes and resource servers
# custom:
#   id: sec-admin-scope
#   severity: info
warn_admin_scope contains {
	"msg": sprintf("AllowedOAuthScopes[%d] \"aws.cognito.signin.user.admin\" lets access tokens call the user's self-service APIs", [i]),
	"path": sprintf("AllowedOAuthScopes[%d]", [i]),
	"hint": "remove it unless the app changes user attributes or passwords with the access token",
} if {
	input.AllowedOAuthScopes[i] = "aws.cognito.signin.user.admin" # unification: no builtin call per item
}
