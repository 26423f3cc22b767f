package cognito.baseline_test

import data.cognito.baseline

test_implicit_grant_fires if {
	r := baseline.warn_implicit_grant with input as with_member("AllowedOAuthFlows", ["code", "implicit"])
	count(r) == 1
	some f in r
	f.path == "AllowedOAuthFlows[1]"
	contains(f.msg, "implicit")
}

test_implicit_grant_quiet_for_code if {
	count(baseline.warn_implicit_grant) == 0 with input as with_member("AllowedOAuthFlows", ["code", "client_credentials"])
}

test_admin_scope_fires if {
	r := baseline.warn_admin_scope with input as with_member("AllowedOAuthScopes", ["openid", "aws.cognito.signin.user.admin"])
	{f.path | some f in r} == {"AllowedOAuthScopes[1]"}
}

test_admin_scope_quiet_for_other_scopes if {
	count(baseline.warn_admin_scope) == 0 with input as with_member("AllowedOAuthScopes", ["openid", "api/aws.cognito.signin.user.admin"])
}
