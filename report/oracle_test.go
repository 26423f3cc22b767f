package report

// The writers of sarif and junit as they were before they streamed: the
// whole report built in memory, then encoded. The streams must write the
// same bytes (TestStreamsMatchOracles).

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/cognitolint/cognitolint/finding"
)

// SARIF writes a SARIF 2.1.0 log with one run, as GitHub code scanning
// reads it: every rule of opts.Rules in tool.driver.rules (with rules that
// fired but are not in the catalog added), a result per finding with its
// level, message, location (artifactLocation.uri relative to the working
// directory, region.startLine/startColumn) and a partial fingerprint that
// stays the same while the rule, file, member path and resource do.
// Suppressed findings are results with an external suppression carrying
// the config's reason.
func sarifWhole(w io.Writer, r *finding.Report, opts Options) error {
	version := opts.ToolVersion
	if version == "" {
		version = "dev"
	}
	run := sarif.NewRunWithInformationURI("cognitolint", informationURI)
	run.Tool.Driver.WithVersion(version)
	if v := strings.TrimPrefix(version, "v"); v != "" && v[0] >= '0' && v[0] <= '9' {
		run.Tool.Driver.WithSemanticVersion(v)
	}
	// Columns count characters (code points), as the text output does.
	run.WithColumnKind("unicodeCodePoints")

	index := map[string]int{}
	addRule := func(ri RuleInfo) {
		if _, ok := index[ri.ID]; ok {
			return
		}
		index[ri.ID] = len(run.Tool.Driver.Rules)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule(ri))
	}
	for _, ri := range opts.Rules {
		addRule(ri)
	}
	seen := map[string]int{}
	add := func(f *finding.Finding) {
		addRule(RuleInfo{ID: f.Rule, Severity: f.Severity})
		res := sarifResult(f, opts.BaseDir, seen)
		res.WithRuleIndex(index[f.Rule])
		run.AddResult(res)
	}
	for i := range r.Findings {
		add(&r.Findings[i])
	}
	for i := range r.Suppressed {
		f := &r.Suppressed[i]
		add(f)
		last := run.Results[len(run.Results)-1]
		last.AddSuppression(sarif.NewSuppression().WithKind(suppressionKind(f)).WithStatus("accepted").WithJustification(f.Reason))
	}

	log := sarif.NewReport()
	log.Schema = "https://json.schemastore.org/sarif-2.1.0.json"
	log.AddRun(run)
	var buf bytes.Buffer
	if err := log.Write(&buf); err != nil {
		return err
	}
	// go-sarif writes every optional array as [] and every absent index or
	// offset as its -1 default. Both are valid SARIF, but consumers that
	// take an index of -1 at its word (code scanning looks artifacts up by
	// index) fail on them, and they hide the results: leave them out.
	dec := json.NewDecoder(&buf)
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(prune(doc, ""))
}

// JUnit writes JUnit XML: a <testsuite> per file, a <testcase> per
// document (named by its resource, or by the file), and a <failure> per
// finding at or above opts.FailOn, typed by severity. Findings below
// FailOn and suppressed findings are listed in the test case's
// <system-out>, so a passing case still shows them.
func junitWhole(w io.Writer, r *finding.Report, opts Options) error {
	type key struct{ file, resource string }
	cases := map[key]*junitCase{}
	var order []key
	caseFor := func(file, resource string) *junitCase {
		k := key{file, resource}
		if c, ok := cases[k]; ok {
			return c
		}
		name := resource
		if name == "" {
			name = relPath(file, opts.BaseDir)
		}
		if name == "" {
			name = "<request>"
		}
		c := &junitCase{Name: name, Classname: junitClass(file, opts.BaseDir), File: relPath(file, opts.BaseDir), Time: "0"}
		cases[k] = c
		order = append(order, k)
		return c
	}
	for _, t := range r.Targets {
		caseFor(t.File, t.Resource)
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		c := caseFor(f.File, f.Resource)
		line := junitLine(f, opts.BaseDir)
		if opts.FailOn != 0 && f.Severity >= opts.FailOn {
			c.Failures = append(c.Failures, junitFailure{Message: f.Message, Type: f.Severity.String(), Text: line})
			continue
		}
		c.SystemOut += line + "\n"
	}
	for i := range r.Suppressed {
		f := &r.Suppressed[i]
		c := caseFor(f.File, f.Resource)
		c.SystemOut += "suppressed (" + f.Reason + "): " + junitLine(f, opts.BaseDir) + "\n"
	}

	suites := map[string]*junitSuite{}
	var names []string
	for _, k := range order {
		name := relPath(k.file, opts.BaseDir)
		if name == "" {
			name = "<request>"
		}
		s, ok := suites[name]
		if !ok {
			s = &junitSuite{Name: name, Time: "0"}
			suites[name] = s
			names = append(names, name)
		}
		c := cases[k]
		s.Cases = append(s.Cases, *c)
		s.Tests++
		if len(c.Failures) > 0 {
			s.Failures++
		}
	}
	sort.Strings(names)
	doc := junitSuites{Name: "cognitolint", Time: "0"}
	for _, n := range names {
		s := suites[n]
		doc.Suites = append(doc.Suites, *s)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// sarifResult is a finding's result built with go-sarif, as the log was
// built before results were encoded directly (buildResult).
func sarifResult(f *finding.Finding, base string, seen map[string]int) *sarif.Result {
	msg := f.Message
	if f.Hint != "" {
		msg += "\nhint: " + f.Hint
	}
	res := sarif.NewRuleResult(f.Rule).
		WithLevel(sarifLevel(f.Severity)).
		WithMessage(sarif.NewTextMessage(msg))

	uri := fileURI(f.File, base)
	if uri != "" {
		loc := sarif.NewPhysicalLocation().
			WithArtifactLocation(sarif.NewArtifactLocation().WithURI(uri).WithURIBaseID(srcRoot))
		// GitHub needs region.startLine; a finding with no position (a
		// document-level finding of an input without positions) is put on
		// line 1.
		region := sarif.NewRegion().WithStartLine(max(f.Line, 1))
		if f.Line > 0 && f.Column > 0 {
			region.WithStartColumn(f.Column)
			if f.Length > 0 {
				region.WithEndColumn(f.Column + f.Length)
			}
		}
		loc.WithRegion(region)
		res.AddLocation(sarif.NewLocationWithPhysicalLocation(loc))
	}
	if f.Path != "" || f.Resource != "" || f.Policy != "" {
		props := sarif.NewPropertyBag()
		if f.Path != "" {
			props.Add("path", f.Path)
		}
		if f.Resource != "" {
			props.Add("resource", f.Resource)
		}
		if f.Policy != "" {
			props.Add("policy", f.Policy)
		}
		res.WithProperties(props)
	}

	// The fingerprint leaves out line and column so that an edit elsewhere
	// in the file keeps the alert; two findings that hash alike are told
	// apart by their order.
	h := sha256.Sum256([]byte(strings.Join([]string{f.Rule, uri, f.Resource, f.Path}, "\x00")))
	fp := hex.EncodeToString(h[:16])
	seen[fp]++
	if n := seen[fp]; n > 1 {
		fp += ":" + strconv.Itoa(n)
	}
	res.WithPartialFingerprints(map[string]string{fingerprintKey: fp})
	if f.Fix != nil {
		res.AddFixe(sarifFix(f.Fix, base))
	}
	return res
}
