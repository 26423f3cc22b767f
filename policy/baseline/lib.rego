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

# redirect_urls holds [path, url] for every callback and logout URL and the
# default redirect URI.
redirect_urls contains [sprintf("CallbackURLs[%d]", [i]), url] if {
	some i, url in input.CallbackURLs
}

redirect_urls contains [sprintf("LogoutURLs[%d]", [i]), url] if {
	some i, url in input.LogoutURLs
}

redirect_urls contains ["DefaultRedirectURI", input.DefaultRedirectURI] if {
	is_string(input.DefaultRedirectURI)
}
