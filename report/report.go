// Package report writes a finding.Report in the formats of docs/spec/cli.md: text
// for people; json, sarif, junit and github for machines.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
)

// Options tune the writers.
type Options struct {
	// Color adds ANSI colour to text output.
	Color bool
	// FailOn is the lowest severity that fails the run (0: never); formats
	// that mark failures (junit) use it.
	FailOn finding.Severity
	// ToolVersion is cognitolint's version.
	ToolVersion string
	// Rules is the rule catalog (every rule the linter knows), which sarif
	// lists in tool.driver.rules.
	Rules []RuleInfo
	// BaseDir is the directory that file locations in sarif, github and
	// junit output are made relative to; "" is the working directory.
	BaseDir string
}

// RuleInfo describes one rule for writers that list rules.
type RuleInfo struct {
	ID       string
	Severity finding.Severity // default severity
	Summary  string           // one line
	Doc      string           // what it checks and why
	HelpURI  string           // documentation URL
	Disabled bool             // turned off for this run (listed, never run)
}

// Writer writes one report in one format.
type Writer func(w io.Writer, r *finding.Report, opts Options) error

var writers = map[string]Writer{
	"text":   Text,
	"json":   JSON,
	"sarif":  SARIF,
	"junit":  JUnit,
	"github": GitHub,
	"gitlab": GitLab,
}

// Formats lists the format names, sorted.
func Formats() []string {
	var names []string
	for n := range writers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Lookup returns the writer of a format, or an error naming the formats.
func Lookup(format string) (Writer, error) {
	if w, ok := writers[format]; ok {
		return w, nil
	}
	return nil, fmt.Errorf("unknown format %q: use %s", format, strings.Join(Formats(), ", "))
}
