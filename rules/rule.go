// Package rules holds cognitolint's built-in Go rules: every constraint AWS
// documents or enforces for an app client request. Each rule is a Rule value
// in the registry (All); `cognitolint rules` and the docs are generated from
// it. Rules see a document in the API's shape and never learn its format.
package rules

import (
	"fmt"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// Contexts a rule needs. A rule whose context is missing does not run.
const (
	ContextPayload = "payload" // the request alone
	ContextClient  = "client"  // the current app client (--current)
	ContextPool    = "pool"    // the user pool and its resource servers and IdPs
)

// Rule is one built-in check: what it is (ID, severity, docs) beside how it
// runs (Check). Rules whose findings come from decoding and the model's
// field constraints have a nil Check: the engine reports them.
type Rule struct {
	ID        string
	Severity  finding.Severity
	Context   string
	Summary   string // one line
	Doc       string // what it checks and why, with the AWS behaviour
	Reference string // the AWS documentation (or evidence) URL
	// Operations the rule applies to; nil means all.
	Operations []string
	Check      func(*Pass)
}

// AppliesTo reports whether the rule runs for documents of operation op.
func (r *Rule) AppliesTo(op string) bool {
	if r.Operations == nil {
		return true
	}
	for _, o := range r.Operations {
		if o == op {
			return true
		}
	}
	return false
}

// Pass is one run of one rule over one document.
type Pass struct {
	Doc *finding.Document
	Req *model.Request
	// Op is the document's operation (model.OpUpdate, OpCreate, OpDescribe).
	Op string
	// Ctx is the context given (never nil; its fields are nil when not
	// given). Rules that read it check the field they need.
	Ctx  *Context
	rule *Rule
	out  *[]result
	// invalid are paths whose values did not decode or broke a model
	// constraint: other rules treat them as unknown instead of concluding
	// from them (one mistake, one finding).
	invalid *finding.PathSet
	// shown counts the findings of the running rule that the output may
	// show; past MaxPerRule+1 (the note) a rule's findings are counted in
	// one result (more), never built. recorded says whether the last Report
	// added a result (fix and ReportWarning amend it).
	shown    int
	moreAt   int // index in out of the running rule's counting result; -1 if none
	recorded bool
}

type result struct {
	finding.Finding
	atKey bool         // position at the member's key, not its value
	at    *finding.Pos // an explicit position (a duplicate key)
	// primary marks findings of decoding and of the model's constraints,
	// which are kept on invalid paths.
	primary bool
	// fix is the fix the rule proposes, if any.
	fix *fixSpec
	// warning lowers a finding of an error rule to a warning: what it
	// reports depends on a value that is unknown here.
	warning bool
	// more, when set, makes the result stand for that many findings of
	// its rule past what the output shows: counted for the note, never
	// built (a list of a million bad items costs a count, not a million
	// findings).
	more int
}

// Report records a finding of the running rule at path. A finding at an
// unknown or invalid path is dropped here, as the engine would drop it;
// past the findings the output shows, it is only counted.
func (p *Pass) Report(path, hint, format string, args ...any) {
	p.recorded = false
	if path != "" && (p.Doc.IsUnknown(path) || p.invalid.Overlaps(path)) {
		return // a rule never fires on an unknown value; an invalid one has its own finding
	}
	if p.Flooded() {
		p.Count()
		return
	}
	p.shown++
	p.recorded = true
	*p.out = append(*p.out, result{Finding: finding.Finding{
		Rule: p.rule.ID, Severity: p.rule.Severity, Path: path,
		Message: fmt.Sprintf(format, args...), Hint: hint,
	}})
}

// Flooded reports whether the running rule has reported more findings than
// the output shows. A rule that reports per element may then call Count
// for an element it would report (one whose path is known and valid)
// instead of building its path, message and fix: a list of a million bad
// URLs costs a count each.
func (p *Pass) Flooded() bool { return p.shown > MaxPerRule }

// Count counts one more finding of the running rule, past those shown, for
// the note that says how many were left out. Only a flooded rule counts.
func (p *Pass) Count() {
	p.recorded = false
	if !p.Flooded() {
		return
	}
	if p.moreAt < 0 {
		p.moreAt = len(*p.out)
		*p.out = append(*p.out, result{Finding: finding.Finding{Rule: p.rule.ID}})
	}
	(*p.out)[p.moreAt].more++
}

// counted counts a finding of a flooded rule and reports whether it did:
// the caller, about to report an element that is known and valid, then
// builds nothing.
func (p *Pass) counted() bool {
	if !p.Flooded() {
		return false
	}
	p.Count()
	return true
}

// ReportWarning records a finding of the running rule as a warning: the
// rule's conclusion depends on a value that is unknown (a unit that only a
// deploy-time value gives).
func (p *Pass) ReportWarning(path, hint, format string, args ...any) {
	p.Report(path, hint, format, args...)
	if p.recorded {
		(*p.out)[len(*p.out)-1].warning = true
	}
}

// Unknown reports whether any of paths is unknown or holds an unknown value
// (a CloudFormation intrinsic, a Terraform reference). A rule that concludes
// from a whole value — its absence, its emptiness, what a list lacks — must
// not fire when this is true.
func (p *Pass) Unknown(paths ...string) bool {
	for _, path := range paths {
		if p.Doc.HasUnknown(path) || p.invalid.Overlaps(path) {
			return true
		}
	}
	return false
}

// newFinding builds a finding of rule at path; the engine sets its severity
// from the registry.
func newFinding(rule, path, hint, format string, args ...any) finding.Finding {
	return finding.Finding{Rule: rule, Path: path, Hint: hint, Message: fmt.Sprintf(format, args...)}
}
