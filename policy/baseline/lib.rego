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

# url_lists are the members that list redirect URLs. Rules iterate them
# directly and test each URL with cheap string checks before any regular
# expression: most URLs are plain https ones that no rule reports.
url_lists := ["CallbackURLs", "LogoutURLs"]

# path_text renders a path array as messages show it: "CallbackURLs[2]".
path_text([name]) := name

path_text([name, i]) := sprintf("%s[%d]", [name, i])

web_schemes := {"http", "https"}
