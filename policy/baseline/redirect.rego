package cognito.baseline

# METADATA
# scope: document
# title: http loopback redirect URL (for testing only)
# description: >-
#   AWS accepts http only for localhost, 127.0.0.1 and [::1], and "for testing
#   purposes only". A production app client should not redirect to loopback.
# related_resources:
# - ref: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html
#   description: API reference, CallbackURLs
# custom:
#   id: sec-http-loopback-callback
#   severity: warning
warn_http_loopback_callback contains {
	"msg": sprintf("%s %q is an http loopback URL, which AWS allows for testing only", [text, url]),
	"path": path,
	"hint": "keep loopback URLs in a development app client",
} if {
	some [path, url, text] in odd_urls
	regex.match(`^(?i)http://(localhost|127\.0\.0\.1|\[::1\])(:[0-9]*)?([/?#].*)?$`, url)
}

# METADATA
# scope: document
# title: loopback redirect names localhost rather than 127.0.0.1 or [::1]
# description: >-
#   A native app's loopback redirect should use the IP literal
#   (127.0.0.1 or [::1]): the name localhost may resolve elsewhere or be
#   blocked by firewalls.
# related_resources:
# - ref: https://www.rfc-editor.org/rfc/rfc8252#section-8.3
#   description: "RFC 8252 §8.3: the use of localhost is NOT RECOMMENDED"
# custom:
#   id: sec-localhost-name
#   severity: info
warn_localhost_name contains {
	"msg": sprintf("%s %q names localhost rather than a loopback IP literal", [text, url]),
	"path": path,
	"hint": sprintf("use %q (or [::1])", [regex.replace(url, `^(?i)(https?://)localhost`, "${1}127.0.0.1")]),
} if {
	some [path, url, text] in odd_urls
	regex.match(`^(?i)https?://localhost(:[0-9]*)?([/?#].*)?$`, url)
	# so the hint's regex.replace, of the scheme and localhost, has a match
}


# METADATA
# scope: document
# title: custom URL scheme not in reverse-domain form
# description: >-
#   A native app's private-use URI scheme must be based on a domain name the
#   developer controls, in reverse order (com.example.app:/callback), so
#   that another app cannot claim it.
# related_resources:
# - ref: https://www.rfc-editor.org/rfc/rfc8252#section-7.1
#   description: "RFC 8252 §7.1: private-use URI scheme redirection"
# custom:
#   id: sec-private-scheme-not-reverse-domain
#   severity: info
warn_private_scheme_not_reverse_domain contains {
	"msg": sprintf("%s %q uses the custom scheme %q, which is not in reverse-domain form", [text, url, scheme]),
	"path": path,
	"hint": "use a scheme made of a domain you control, reversed, e.g. \"com.example.app:/callback\" (RFC 8252 §7.1)",
} if {
	some [path, url, text] in odd_urls

	# The scheme, what precedes the first colon, is neither http(s) nor in
	# reverse-domain form (it has no dot). The first pattern stops at the
	# first colon: its letters include no colon and no dot.
	regex.match(`^[A-Za-z][A-Za-z0-9+-]*:`, url)
	not regex.match(`^(?i)https?:`, url)
	scheme := substring(url, 0, indexof(url, ":"))
}

# METADATA
# title: callback or logout URL on example.com, example.org or example.net
# description: >-
#   A callback or logout URL on example.com, example.org or example.net (or
#   their www. form) is a placeholder left in place; the CDK's default
#   callback is https://example.com. Subdomains such as app.example.com are
#   not flagged.
# related_resources:
# - ref: https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_cognito.OAuthSettings.html
#   description: "AWS CDK OAuthSettings: callbackUrls default to https://example.com"
# custom:
#   id: sec-placeholder-url
#   severity: warning
warn_placeholder_url contains {
	"msg": sprintf("%s[%d] %q is a placeholder URL", [name, i, url]),
	"path": [name, i],
	"hint": "replace it with your app's real URL",
} if {
	some [[name, i], url, _] in odd_urls # not DefaultRedirectURI
	regex.match(`^(?i)[a-z][a-z0-9+.-]*://([^/?#@]*@)?(www\.)?example\.(com|org|net)\.?(:[0-9]*)?([/?#].*)?$`, url)
}
