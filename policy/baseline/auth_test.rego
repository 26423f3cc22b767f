package cognito.baseline_test

import data.cognito.baseline

test_prevent_user_existence_absent if {
	r := baseline.warn_prevent_user_existence_disabled with input as without("PreventUserExistenceErrors")
	paths(r) == {"PreventUserExistenceErrors"}
}

test_prevent_user_existence_legacy if {
	r := baseline.warn_prevent_user_existence_disabled with input as with_member("PreventUserExistenceErrors", "LEGACY")
	count(r) == 1
	some f in r
	contains(f.msg, "LEGACY")
}

test_prevent_user_existence_unknown_is_quiet if {
	count(baseline.warn_prevent_user_existence_disabled) == 0 with input as without("PreventUserExistenceErrors")
		with data.cognitolint.document.unknown as ["PreventUserExistenceErrors"]
}

test_password_flows_fire if {
	payload := with_member("ExplicitAuthFlows", ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
	paths(baseline.warn_password_auth_flow) == {"ExplicitAuthFlows[1]", "ExplicitAuthFlows[2]"} with input as payload
}

test_password_flows_legacy_names_fire if {
	payload := with_member("ExplicitAuthFlows", ["USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY"])
	paths(baseline.warn_password_auth_flow) == {"ExplicitAuthFlows[0]", "ExplicitAuthFlows[1]"} with input as payload
}

test_password_flows_quiet_for_srp if {
	count(baseline.warn_password_auth_flow) == 0 with input as with_member("ExplicitAuthFlows", ["ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
}

test_legacy_flow_names_fire if {
	payload := with_member("ExplicitAuthFlows", ["ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"])
	r := baseline.warn_legacy_auth_flow_values with input as payload
	paths(r) == {"ExplicitAuthFlows[0]", "ExplicitAuthFlows[1]", "ExplicitAuthFlows[2]"}
	{f.hint | some f in r} == {
		"use \"ALLOW_ADMIN_USER_PASSWORD_AUTH\" (with ALLOW_REFRESH_TOKEN_AUTH) instead",
		"use \"ALLOW_CUSTOM_AUTH\" (with ALLOW_REFRESH_TOKEN_AUTH) instead",
		"use \"ALLOW_USER_PASSWORD_AUTH\" (with ALLOW_REFRESH_TOKEN_AUTH) instead",
	}
}

test_legacy_flow_names_quiet_for_allow_values if {
	count(baseline.warn_legacy_auth_flow_values) == 0 with input as with_member("ExplicitAuthFlows", ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
}

test_cognito_removed_fires_while_srp_remains if {
	r := baseline.warn_cognito_idp_removed_not_a_block with input as with_member("SupportedIdentityProviders", ["Google"])
	paths(r) == {"SupportedIdentityProviders"}
	some f in r
	contains(f.msg, "ALLOW_USER_SRP_AUTH")
}

test_cognito_removed_fires_with_default_flows if {
	payload := object.remove(with_member("SupportedIdentityProviders", ["Google"]), ["ExplicitAuthFlows"])
	count(baseline.warn_cognito_idp_removed_not_a_block) == 1 with input as payload
}

test_cognito_removed_quiet_without_local_flows if {
	payload := object.union(secure, {"SupportedIdentityProviders": ["Google"], "ExplicitAuthFlows": ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH"]})
	count(baseline.warn_cognito_idp_removed_not_a_block) == 0 with input as payload
}

test_cognito_removed_quiet_when_cognito_listed if {
	count(baseline.warn_cognito_idp_removed_not_a_block) == 0 with input as with_member("SupportedIdentityProviders", ["Google", "COGNITO"])
}

test_cognito_removed_quiet_when_flows_unknown if {
	payload := object.remove(with_member("SupportedIdentityProviders", ["Google"]), ["ExplicitAuthFlows"])
	count(baseline.warn_cognito_idp_removed_not_a_block) == 0 with input as payload
		with data.cognitolint.document.unknown as ["ExplicitAuthFlows"]
}

test_cognito_removed_quiet_for_describe_without_flows if {
	payload := object.remove(with_member("SupportedIdentityProviders", ["Google"]), ["ExplicitAuthFlows"])
	count(baseline.warn_cognito_idp_removed_not_a_block) == 0 with input as payload
		with data.cognitolint.document as {"operation": "describe", "unknown": []}
}

test_cognito_removed_fires_for_describe_with_flows if {
	count(baseline.warn_cognito_idp_removed_not_a_block) == 1 with input as with_member("SupportedIdentityProviders", ["Google"])
		with data.cognitolint.document as {"operation": "describe", "unknown": []}
}

test_cognito_removed_quiet_for_odd_types if {
	count(baseline.warn_cognito_idp_removed_not_a_block) == 0 with input as with_member("SupportedIdentityProviders", "Google")
}

test_odd_types_do_not_conflict if {
	payload := object.union(secure, {"ExplicitAuthFlows": false, "TokenValidityUnits": {"RefreshToken": false}, "SupportedIdentityProviders": ["Google"]})
	count(all_results) >= 0 with input as payload
}
