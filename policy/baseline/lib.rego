# Helpers shared by the baseline rules. The rules are warn_* sets in package
# cognito.baseline; each has METADATA with its custom.id (rules.md) and
# custom.severity.
package cognito.baseline

# Paths of values unknown before deploy (CloudFormation intrinsics,
# Terraform references): they are absent from input.
default unknown_paths := []

unknown_paths := data.cognitolint.document.unknown

default operation := ""

operation := data.cognitolint.document.operation

# has_unknown(member) is true when member, a value inside it, a value that
# contains it, or the whole document is unknown: a rule that concludes from
# an absent or incomplete value must not fire then.
has_unknown(member) if {
	some u in unknown_paths
	u in {"", member}
}

has_unknown(member) if {
	some u in unknown_paths
	some sep in [".", "["]
	startswith(u, concat("", [member, sep]))
}

has_unknown(member) if {
	some u in unknown_paths
	some sep in [".", "["]
	startswith(member, concat("", [u, sep]))
}

# url_lists are the members that list redirect URLs.
url_lists := ["CallbackURLs", "LogoutURLs"]

# odd_urls are the redirect URLs, as [path, url, path text], that some
# redirect rule may report. Most URLs are plain https ones, or
# reverse-domain app schemes (com.example.app:/cb), that no rule reports:
# this one pass, with one regular expression per URL, clears them for all
# the rules, which then test only the few odd ones. The path is ["CallbackURLs", i],
# ["LogoutURLs", i] or ["DefaultRedirectURI"]; its text, as path_text
# renders it, is made here for the few odd URLs only.
#
# The pattern is a superset of what the rules match (each rule still
# applies its own exact test). A URL is odd when it starts with
#   - a scheme without a dot, other than exactly "https", and a colon
#     (http:, HTTPS:, myapp:): the loopback, localhost, private-scheme and
#     placeholder candidates;
#   - a scheme with a dot and "://" (placeholder candidates);
#   - "https://" and localhost, a userinfo@, or (www.)example.com/org/net.
# Scheme letters include ſ (U+017F) and K (U+212A), which the rules' (?i)
# patterns match as s and k.
odd_urls contains [[name, i], url, sprintf("%s[%d]", [name, i])] if {
	some name in url_lists
	some i, url in input[name]
	regex.match(`^(?:(?:[A-Za-gi-z\x{17F}\x{212A}][A-Za-z0-9+\-\x{17F}\x{212A}]*|h(?:|[A-Za-su-z0-9+\-\x{17F}\x{212A}][A-Za-z0-9+\-\x{17F}\x{212A}]*|t(?:|[A-Za-su-z0-9+\-\x{17F}\x{212A}][A-Za-z0-9+\-\x{17F}\x{212A}]*|t(?:|[A-Za-oq-z0-9+\-\x{17F}\x{212A}][A-Za-z0-9+\-\x{17F}\x{212A}]*|p(?:|[A-Za-rt-z0-9+\-\x{17F}\x{212A}][A-Za-z0-9+\-\x{17F}\x{212A}]*|s[A-Za-z0-9+\-\x{17F}\x{212A}]+))))):|[A-Za-z\x{17F}\x{212A}][A-Za-z0-9+\-\x{17F}\x{212A}]*\.[A-Za-z0-9+.\-\x{17F}\x{212A}]*://|https://(?i:localhost|(?:[^/?#@]*@)?(?:www\.)?example\.(?:com|org|net)))`, url)
}

odd_urls contains [["DefaultRedirectURI"], url, "DefaultRedirectURI"] if {
	url := input.DefaultRedirectURI
	regex.match(`^(?:(?:[A-Za-gi-z\x{17F}\x{212A}][A-Za-z0-9+\-\x{17F}\x{212A}]*|h(?:|[A-Za-su-z0-9+\-\x{17F}\x{212A}][A-Za-z0-9+\-\x{17F}\x{212A}]*|t(?:|[A-Za-su-z0-9+\-\x{17F}\x{212A}][A-Za-z0-9+\-\x{17F}\x{212A}]*|t(?:|[A-Za-oq-z0-9+\-\x{17F}\x{212A}][A-Za-z0-9+\-\x{17F}\x{212A}]*|p(?:|[A-Za-rt-z0-9+\-\x{17F}\x{212A}][A-Za-z0-9+\-\x{17F}\x{212A}]*|s[A-Za-z0-9+\-\x{17F}\x{212A}]+))))):|[A-Za-z\x{17F}\x{212A}][A-Za-z0-9+\-\x{17F}\x{212A}]*\.[A-Za-z0-9+.\-\x{17F}\x{212A}]*://|https://(?i:localhost|(?:[^/?#@]*@)?(?:www\.)?example\.(?:com|org|net)))`, url)
}

# path_text renders a path array as messages show it: "CallbackURLs[2]".
path_text([name]) := name

path_text([name, i]) := sprintf("%s[%d]", [name, i])
