# conftest-style policies for app client payloads, written as a conftest
# user writes them: package main, rules named deny/violation/warn with
# suffixes, string and object results, exceptions, data and a helper
# package.
package main

import data.lib.urls

# A bare deny: only the exception name "" exempts it.
deny contains msg if {
	"implicit" in input.AllowedOAuthFlows
	msg := "the implicit grant is banned"
}

# A suffixed deny: the exception name "http" exempts it.
deny_http contains msg if {
	some url in input.CallbackURLs
	startswith(url, "http://")
	not urls.loopback(url)
	msg := sprintf("callback %s is not https", [url])
}

# An object result with extra keys (conftest puts them in metadata).
violation_hosts contains {"msg": msg, "details": {"host": host}} if {
	some url in input.CallbackURLs
	host := urls.host(url)
	not host in data.allowed_hosts
	msg := sprintf("callback host %s is not allowed", [host])
}

warn_name contains msg if {
	not regex.match(`^[a-z][a-z0-9-]*$`, input.ClientName)
	msg := sprintf("client name %q is not kebab-case", [input.ClientName])
}

warn contains {"msg": "refresh tokens last longer than 30 days"} if {
	input.RefreshTokenValidity > 30
	input.TokenValidityUnits.RefreshToken == "days"
}

# The legacy client keeps its http callback until it moves.
exception contains rules if {
	input.ClientName == "legacy-web"
	rules := ["http"]
}

# The test client may use every grant.
exception contains rules if {
	lower(input.ClientName) == "grant_tester"
	rules := ["", "name"]
}
