# A ~12-rule organizational policy in conftest's conventions (package main,
# deny/warn sets of messages, no METADATA): bench/compare.sh runs it with
# both `conftest test` and `cognitolint lint`.
package main

approved_hosts := {"app.corp.example", "admin.corp.example", "shop.corp.example"}

unit_seconds := {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}

deny contains msg if {
	"implicit" in input.AllowedOAuthFlows
	msg := "the implicit grant is banned"
}

deny contains msg if {
	some url in input.CallbackURLs
	startswith(url, "http://")
	msg := sprintf("callback %s must use https", [url])
}

deny contains msg if {
	some url in input.CallbackURLs
	startswith(url, "https://")
	host := split(substring(url, 8, -1), "/")[0]
	not host in approved_hosts
	msg := sprintf("callback host %s is not approved", [host])
}

deny contains msg if {
	input.RefreshTokenValidity * unit_seconds[object.get(input, ["TokenValidityUnits", "RefreshToken"], "days")] > 30 * 86400
	msg := "refresh tokens may live at most 30 days"
}

deny contains msg if {
	input.AccessTokenValidity * unit_seconds[object.get(input, ["TokenValidityUnits", "AccessToken"], "hours")] > 3600
	msg := "access tokens may live at most one hour"
}

deny contains msg if {
	input.EnableTokenRevocation == false
	msg := "token revocation must stay enabled"
}

deny contains msg if {
	some flow in input.ExplicitAuthFlows
	flow in {"ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"}
	msg := sprintf("%s sends passwords", [flow])
}

deny contains msg if {
	not regex.match(`^[a-z][a-z0-9-]*$`, input.ClientName)
	msg := "ClientName must be lower-case kebab"
}

warn contains msg if {
	not input.PreventUserExistenceErrors
	msg := "set PreventUserExistenceErrors to ENABLED"
}

warn contains msg if {
	"aws.cognito.signin.user.admin" in input.AllowedOAuthScopes
	msg := "the admin scope is granted"
}

warn contains msg if {
	not input.WriteAttributes
	msg := "WriteAttributes is not restricted"
}

warn contains msg if {
	count(object.get(input, "LogoutURLs", [])) == 0
	msg := "no logout URL"
}
