package cognito.baseline_test

import data.cognito.baseline

test_token_revocation_disabled_fires if {
	paths(baseline.warn_token_revocation_disabled) == {"EnableTokenRevocation"} with input as with_member("EnableTokenRevocation", false)
}

test_token_revocation_quiet_when_true_or_absent if {
	count(baseline.warn_token_revocation_disabled) == 0 with input as secure
	count(baseline.warn_token_revocation_disabled) == 0 with input as without("EnableTokenRevocation")
}

test_rotation_grace_period_fires if {
	payload := with_member("RefreshTokenRotation", {"Feature": "ENABLED", "RetryGracePeriodSeconds": 30})
	r := baseline.warn_rotation_grace_period with input as payload
	paths(r) == {"RefreshTokenRotation.RetryGracePeriodSeconds"}
	some f in r
	contains(f.msg, "30")
}

test_rotation_grace_period_quiet_at_zero_or_absent if {
	count(baseline.warn_rotation_grace_period) == 0 with input as secure
	count(baseline.warn_rotation_grace_period) == 0 with input as with_member("RefreshTokenRotation", {"Feature": "ENABLED"})
}

test_long_refresh_token_days_default_unit if {
	payload := object.union(without("TokenValidityUnits"), {"RefreshTokenValidity": 31})
	paths(baseline.warn_long_refresh_token) == {"RefreshTokenValidity"} with input as payload
}

test_long_refresh_token_in_hours if {
	payload := object.union(secure, {"RefreshTokenValidity": 721, "TokenValidityUnits": {"RefreshToken": "hours"}})
	count(baseline.warn_long_refresh_token) == 1 with input as payload
}

test_long_refresh_token_quiet_at_30_days if {
	count(baseline.warn_long_refresh_token) == 0 with input as secure
	payload := object.union(secure, {"RefreshTokenValidity": 720, "TokenValidityUnits": {"RefreshToken": "hours"}})
	count(baseline.warn_long_refresh_token) == 0 with input as payload
	payload2 := object.union(secure, {"RefreshTokenValidity": 43200, "TokenValidityUnits": {"RefreshToken": "minutes"}})
	count(baseline.warn_long_refresh_token) == 0 with input as payload2
}

test_long_refresh_token_quiet_when_unit_unknown if {
	payload := object.union(without("TokenValidityUnits"), {"RefreshTokenValidity": 60})
	count(baseline.warn_long_refresh_token) == 0 with input as payload
		with data.cognitolint.document.unknown as ["TokenValidityUnits"]
}
