package cognito.baseline_test

import data.cognito.baseline

# secure is a clean, secure UpdateUserPoolClient payload: no baseline rule
# fires on it.
secure := {
	"UserPoolId": "us-east-1_AbCd12345",
	"ClientId": "1example23456789",
	"ClientName": "web",
	"RefreshTokenValidity": 30,
	"AccessTokenValidity": 60,
	"IdTokenValidity": 60,
	"TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
	"ReadAttributes": ["email", "name"],
	"WriteAttributes": ["name"],
	"ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
	"SupportedIdentityProviders": ["COGNITO", "Google"],
	"CallbackURLs": ["https://app.example.com/cb", "com.example.app:/cb"],
	"LogoutURLs": ["https://app.example.com/"],
	"DefaultRedirectURI": "https://app.example.com/cb",
	"AllowedOAuthFlows": ["code"],
	"AllowedOAuthScopes": ["openid", "email", "profile"],
	"AllowedOAuthFlowsUserPoolClient": true,
	"PreventUserExistenceErrors": "ENABLED",
	"EnableTokenRevocation": true,
	"RefreshTokenRotation": {"Feature": "ENABLED", "RetryGracePeriodSeconds": 0},
}

# with_member returns secure with member set to value.
with_member(member, value) := object.union(secure, {member: value})

# without returns secure without member.
without(member) := object.remove(secure, [member])

# all_results holds every result of every baseline rule, with its rule name.
all_results contains [name, r] if {
	some name, set in baseline
	startswith(name, "warn_")
	some r in set
}

test_secure_payload_is_clean if {
	count(all_results) == 0 with input as secure
}

test_secure_payload_is_clean_as_describe if {
	count(all_results) == 0 with input as secure
		with data.cognitolint.document as {"operation": "describe", "unknown": []}
}

test_empty_payload_reports_absent_members if {
	names := {name | some [name, _] in all_results} with input as {}
	names == {"warn_prevent_user_existence_disabled", "warn_default_write_attributes"}
}

test_has_unknown if {
	baseline.has_unknown("WriteAttributes") with data.cognitolint.document.unknown as ["WriteAttributes"]
	baseline.has_unknown("WriteAttributes") with data.cognitolint.document.unknown as ["WriteAttributes[2]"]
	baseline.has_unknown("WriteAttributes") with data.cognitolint.document.unknown as [""]
	baseline.has_unknown("TokenValidityUnits.RefreshToken") with data.cognitolint.document.unknown as ["TokenValidityUnits"]
	not baseline.has_unknown("WriteAttributes") with data.cognitolint.document.unknown as ["WriteAttributesX"]
	not baseline.has_unknown("TokenValidityUnits") with data.cognitolint.document.unknown as ["TokenValidityUnitsX.A"]
	not baseline.has_unknown("WriteAttributes") with data.cognitolint.document.unknown as []
}
