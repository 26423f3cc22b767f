package org.cognito

# METADATA
# title: Callback URLs must be on an approved domain
# description: Only hosts listed in data.allowed_hosts may receive codes.
# related_resources: [{ref: "https://wiki.example.org/identity/callbacks"}]
# custom:
#   id: org-callback-domain
#   severity: error
deny contains {"msg": msg, "path": sprintf("CallbackURLs[%d]", [i]), "hint": "add the host to data.allowed_hosts or use an approved one"} if {
	some i, url in input.CallbackURLs
	not allowed(url)
	msg := sprintf("callback %q is not on an approved domain", [url])
}

allowed(url) if {
	some host in data.allowed_hosts
	startswith(url, sprintf("https://%s/", [host]))
}

# METADATA
# title: Access tokens live at most an hour
# custom:
#   id: org-max-access-token
#   severity: warning
deny contains {"msg": sprintf("AccessTokenValidity %d %s is longer than %d minutes", [v, unit, data.limits.access_token_minutes]), "path": "AccessTokenValidity"} if {
	v := input.AccessTokenValidity
	unit := object.get(input, ["TokenValidityUnits", "AccessToken"], "hours")
	v * {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}[unit] > data.limits.access_token_minutes * 60
}
