package cognito.baseline

# METADATA
# title: EnableTokenRevocation is false
# description: >-
#   With EnableTokenRevocation false, RevokeToken does not work and a stolen
#   refresh token stays valid until it expires.
# related_resources:
# - ref: https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html
#   description: AWS developer guide, revoking tokens
# custom:
#   id: sec-token-revocation-disabled
#   severity: warning
warn_token_revocation_disabled contains {
	"msg": "EnableTokenRevocation is false: refresh tokens cannot be revoked",
	"path": "EnableTokenRevocation",
	"hint": "set \"EnableTokenRevocation\": true",
} if {
	input.EnableTokenRevocation == false
}

# METADATA
# title: non-zero refresh token rotation grace period
# description: >-
#   During RetryGracePeriodSeconds after a rotation the old refresh token
#   still works, so a stolen one can be replayed for that long.
# related_resources:
# - ref: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html
#   description: API reference, RefreshTokenRotationType
# custom:
#   id: sec-rotation-grace-period
#   severity: info
warn_rotation_grace_period contains {
	"msg": sprintf("RefreshTokenRotation.RetryGracePeriodSeconds is %v: the old refresh token stays usable that long after rotation", [seconds]),
	"path": "RefreshTokenRotation.RetryGracePeriodSeconds",
	"hint": "set it to 0 unless clients retry refreshes over unreliable networks",
} if {
	seconds := input.RefreshTokenRotation.RetryGracePeriodSeconds
	seconds != 0
}

# METADATA
# title: refresh token lifetime longer than 30 days
# description: >-
#   A refresh token valid for longer than the 30-day default widens the
#   window in which a stolen one is useful.
# related_resources:
# - ref: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html
#   description: AWS developer guide, refresh tokens (default 30 days)
# - ref: https://www.rfc-editor.org/rfc/rfc9700#section-4.14
#   description: "RFC 9700 §4.14: refresh token protection"
# custom:
#   id: sec-long-refresh-token
#   severity: info
warn_long_refresh_token contains {
	"msg": sprintf("RefreshTokenValidity is %v %s, longer than the 30-day default", [value, unit]),
	"path": "RefreshTokenValidity",
	"hint": "keep refresh tokens to 30 days or less unless users must stay signed in longer",
} if {
	value := input.RefreshTokenValidity
	value > 30 # at most 30 is never longer than 30 days, whatever the unit
	unit := refresh_token_unit
	value * unit_seconds[unit] > 30 * 86400
}

unit_seconds := {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}

refresh_token_unit := object.get(input, ["TokenValidityUnits", "RefreshToken"], "days") if {
	not has_unknown("TokenValidityUnits.RefreshToken")
}
