package cognito.baseline

# METADATA
# scope: document
# title: PreventUserExistenceErrors absent or LEGACY (user enumeration)
# description: >-
#   With PreventUserExistenceErrors LEGACY (the API default when the member is
#   absent), sign-in and password-recovery APIs answer UserNotFoundException,
#   so anyone can enumerate the pool's users.
# related_resources:
# - ref: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html
#   description: AWS developer guide, managing user existence error responses
# custom:
#   id: sec-prevent-user-existence-disabled
#   severity: warning
warn_prevent_user_existence_disabled contains {
	"msg": msg,
	"path": "PreventUserExistenceErrors",
	"hint": "set \"PreventUserExistenceErrors\": \"ENABLED\"",
} if {
	not input.PreventUserExistenceErrors
	not has_unknown("PreventUserExistenceErrors")
	msg := "PreventUserExistenceErrors is not set, so it is LEGACY: errors reveal which users exist"
}

warn_prevent_user_existence_disabled contains {
	"msg": msg,
	"path": "PreventUserExistenceErrors",
	"hint": "set \"PreventUserExistenceErrors\": \"ENABLED\"",
} if {
	input.PreventUserExistenceErrors == "LEGACY"
	msg := "PreventUserExistenceErrors is LEGACY: errors reveal which users exist"
}

# METADATA
# scope: document
# title: auth flow that sends the plain password
# description: >-
#   These flows send the user's plain password to Cognito instead of proving
#   it with SRP; a compromised client or proxy sees it.
# related_resources:
# - ref: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html
#   description: API reference, ExplicitAuthFlows
# - ref: https://www.rfc-editor.org/rfc/rfc9700#section-2.4
#   description: "RFC 9700 §2.4: resource owner password credentials grant"
# custom:
#   id: sec-password-auth-flow
#   severity: info
warn_password_auth_flow contains password_flow_result(i, "ALLOW_USER_PASSWORD_AUTH") if {
	# One body per flow name: OPA's rule index finds the name in the list
	# without a builtin call per item.
	input.ExplicitAuthFlows[i] = "ALLOW_USER_PASSWORD_AUTH"
}

warn_password_auth_flow contains password_flow_result(i, "USER_PASSWORD_AUTH") if {
	input.ExplicitAuthFlows[i] = "USER_PASSWORD_AUTH"
}

warn_password_auth_flow contains password_flow_result(i, "ALLOW_ADMIN_USER_PASSWORD_AUTH") if {
	input.ExplicitAuthFlows[i] = "ALLOW_ADMIN_USER_PASSWORD_AUTH"
}

warn_password_auth_flow contains password_flow_result(i, "ADMIN_NO_SRP_AUTH") if {
	input.ExplicitAuthFlows[i] = "ADMIN_NO_SRP_AUTH"
}

password_flow_result(i, flow) := {
	"msg": sprintf("ExplicitAuthFlows[%d] %q sends the plain password to Cognito", [i, flow]),
	"path": sprintf("ExplicitAuthFlows[%d]", [i]),
	"hint": "prefer ALLOW_USER_SRP_AUTH (or ALLOW_USER_AUTH with passkeys or one-time passwords)",
}

# METADATA
# scope: document
# title: legacy non-ALLOW_ ExplicitAuthFlows name
# description: >-
#   ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY and USER_PASSWORD_AUTH are the
#   deprecated spellings of the ALLOW_* values, and cannot be combined with
#   them.
# related_resources:
# - ref: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html
#   description: API reference, ExplicitAuthFlows
# custom:
#   id: sec-legacy-auth-flow-values
#   severity: warning
warn_legacy_auth_flow_values contains legacy_flow_result(i, "ADMIN_NO_SRP_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH") if {
	# One body per legacy name, as for sec-password-auth-flow.
	input.ExplicitAuthFlows[i] = "ADMIN_NO_SRP_AUTH"
}

warn_legacy_auth_flow_values contains legacy_flow_result(i, "CUSTOM_AUTH_FLOW_ONLY", "ALLOW_CUSTOM_AUTH") if {
	input.ExplicitAuthFlows[i] = "CUSTOM_AUTH_FLOW_ONLY"
}

warn_legacy_auth_flow_values contains legacy_flow_result(i, "USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH") if {
	input.ExplicitAuthFlows[i] = "USER_PASSWORD_AUTH"
}

legacy_flow_result(i, flow, replacement) := {
	"msg": sprintf("ExplicitAuthFlows[%d] %q is a deprecated legacy flow name", [i, flow]),
	"path": sprintf("ExplicitAuthFlows[%d]", [i]),
	"hint": sprintf("use %q (with ALLOW_REFRESH_TOKEN_AUTH) instead", [replacement]),
}

# METADATA
# title: COGNITO removed from providers while SRP or password flows remain
# description: >-
#   Leaving COGNITO out of SupportedIdentityProviders only hides the
#   user-pool login from managed login pages. While SRP or password flows
#   stay in ExplicitAuthFlows, local users still sign in through the SDK; only
#   removing those flows (or a WAF rule) blocks them.
# related_resources:
# - ref: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html
#   description: API reference, SupportedIdentityProviders
# custom:
#   id: sec-cognito-idp-removed-not-a-block
#   severity: info
warn_cognito_idp_removed_not_a_block contains {
	"msg": sprintf("SupportedIdentityProviders leaves out COGNITO, but ExplicitAuthFlows still allows %s: local users can still sign in with the SDK", [concat(", ", sort(remaining))]),
	"path": "SupportedIdentityProviders",
	"hint": "remove the SRP and password flows from ExplicitAuthFlows too if local users must not sign in",
} if {
	providers := input.SupportedIdentityProviders
	not "COGNITO" in providers # first: most lists have it
	is_array(providers)
	count(providers) > 0
	not has_unknown("SupportedIdentityProviders")
	remaining := {flow | some flow in auth_flows; flow in local_sign_in_flows}
	count(remaining) > 0
}

local_sign_in_flows := {
	"ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH",
	"ALLOW_USER_AUTH", "USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH",
}

# auth_flows are the flows the client will have: those given, or when
# ExplicitAuthFlows is omitted from a create or update, AWS's default. One
# definition, so that no input (even a wrongly typed one) makes it conflict.
auth_flows := object.get(input, "ExplicitAuthFlows", omitted_auth_flows)

default omitted_auth_flows := []

omitted_auth_flows := ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"] if {
	not "ExplicitAuthFlows" in unknown_paths
	not "" in unknown_paths
	operation != "describe"
}
