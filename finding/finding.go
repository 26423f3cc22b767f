// Package finding is the ground floor of cognitolint: the types every layer
// shares. A reader turns a file into Documents, rules and policies turn
// Documents into Findings, writers print Findings. It imports nothing of ours.
package finding

import (
	"fmt"
	"strings"
)

// Severity says how bad a finding is. The order is info < warning < error.
type Severity int

// The severities, lowest first. The zero value is not a valid severity.
const (
	Info Severity = iota + 1
	Warning
	Error
)

// String returns "info", "warning" or "error".
func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "unknown"
}

// ParseSeverity reads "info", "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "info", "notice", "note":
		return Info, nil
	case "warning", "warn":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return 0, fmt.Errorf("unknown severity %q: use error, warning or info", s)
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Layer names where a finding comes from.
const (
	LayerGo   = "go"   // built-in rules
	LayerRego = "rego" // policies, the baseline pack included
)

// Finding is one problem in one document. Its JSON form is the contract of
// docs/spec/cli.md: the field names never change.
type Finding struct {
	Rule      string   `json:"rule"`
	Severity  Severity `json:"severity"`
	Message   string   `json:"message"`
	Hint      string   `json:"hint"`
	File      string   `json:"file"`
	Line      int      `json:"line"`
	Column    int      `json:"column"`
	Path      string   `json:"path"`
	Resource  string   `json:"resource"`
	Operation string   `json:"operation"`
	Layer     string   `json:"layer"`
	Policy    string   `json:"policy"`
	// Reason is set only on findings that a configuration suppressed.
	Reason string `json:"reason,omitempty"`
	// InSource marks a suppressed finding whose suppression is written in
	// the file itself (a cognitolint:ignore comment, CloudFormation
	// Metadata): SARIF's suppression kind "inSource" rather than
	// "external".
	InSource bool `json:"-"`
	// Fix is the change that resolves the finding, when the rule knows it
	// for certain; nil otherwise (a fix never guesses a value).
	Fix *Fix `json:"fix,omitempty"`
	// Length is how many characters of the source line the finding covers,
	// for the ^~~~ marker of the text output; 0 when unknown.
	Length int `json:"-"`
}

// Less orders findings by file, line, column, rule, path, then message, so
// that output is stable.
func Less(a, b *Finding) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Column != b.Column {
		return a.Column < b.Column
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	if a.Resource != b.Resource {
		return a.Resource < b.Resource
	}
	return a.Message < b.Message
}

// Fix is a change to the file as written that resolves a finding, as
// go/analysis's SuggestedFix: the rule proposes it, one driver (package
// fix) applies it. Its edits never overlap one another.
type Fix struct {
	// Description says what the fix does ("rename CallbackUrls to
	// CallbackURLs").
	Description string `json:"description"`
	Edits       []Edit `json:"edits"`
}

// Edit replaces the text between Start (inclusive) and End (exclusive) of
// File by Text. Start == End inserts; an empty Text deletes.
type Edit struct {
	File  string `json:"file"`
	Start Point  `json:"start"`
	End   Point  `json:"end"`
	Text  string `json:"text"`
}

// Point is a place in a file: 1-based line and column (in characters, as
// findings count them) and the byte offset, which is what the fix driver
// applies edits by.
type Point struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Offset int `json:"-"`
}

// String writes the fix on one line, for logs and test failures:
// description, then each edit as file:line:col-line:col → text.
func (f *Fix) String() string {
	if f == nil {
		return "<nil>"
	}
	var b strings.Builder
	b.WriteString(f.Description)
	for _, e := range f.Edits {
		fmt.Fprintf(&b, "; %s:%d:%d-%d:%d → %q", e.File, e.Start.Line, e.Start.Column, e.End.Line, e.End.Column, e.Text)
	}
	return b.String()
}
