package rules

import "github.com/cognitolint/cognitolint/finding"

// The finding about suppressions themselves. The validate package reports
// it (it sees every finding of a file); the rule is here so that the
// catalog lists it and the options (--disable, --severity) apply to it.
func init() {
	register(&Rule{
		ID: "unused-suppression", Severity: finding.Info, Context: ContextPayload,
		Summary: "an inline cognitolint:ignore (or CloudFormation Metadata ignore entry) that suppresses nothing",
		Doc: "A suppression that matches no finding is stale: the problem it waived was fixed or moved, and it would silently waive the next one. " +
			"Inline suppressions are comments `# cognitolint:ignore RULE[,RULE…] -- REASON` in YAML and HCL (`//` too in HCL) at the end of the offending line, " +
			"alone on the line above it, or above a resource's first line for the whole resource; and CloudFormation resource " +
			"`Metadata: {cognitolint: {ignore: [{rule: ID, reason: TEXT}]}}`. " +
			"A suppression that cannot apply is reported here too, and suppresses nothing: one without a reason, one naming a rule that does not exist, " +
			"one that stands before no value. A rule that is turned off in the run is not reported as unused (whether it would match is not known), as golangci-lint's nolintlint does.",
		Reference: "https://golangci-lint.run/usage/false-positives/#nolint-directive",
	})
}
