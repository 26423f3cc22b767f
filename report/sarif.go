package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/cognitolint/cognitolint/finding"
)

const (
	// informationURI is cognitolint's home page.
	informationURI = "https://github.com/cognitolint/cognitolint"
	// rulesDocURI is where rules without an AWS reference are documented;
	// a rule's ID is its anchor.
	rulesDocURI = informationURI + "/blob/main/docs/rules.md"
	// fingerprintKey names cognitolint's partial fingerprint. Bump the
	// version if what is hashed changes: code scanning would otherwise
	// close every alert and open it again.
	fingerprintKey = "cognitolint/v1"
	// srcRoot is the uriBaseId of every location: the directory the run
	// started in, which code scanning takes as the repository root.
	srcRoot = "%SRCROOT%"
)

// SARIF writes a SARIF 2.1.0 log with one run, as GitHub code scanning
// reads it: every rule of opts.Rules in tool.driver.rules (with rules that
// fired but are not in the catalog added), a result per finding with its
// level, message, location (artifactLocation.uri relative to the working
// directory, region.startLine/startColumn) and a partial fingerprint that
// stays the same while the rule, file, member path and resource do.
// Suppressed findings are results with an external suppression carrying
// the config's reason.
func SARIF(w io.Writer, r *finding.Report, opts Options) error {
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
		last.AddSuppression(sarif.NewSuppression().WithKind("external").WithStatus("accepted").WithJustification(f.Reason))
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

// sentinels are the members whose -1 means "absent" in SARIF.
var sentinels = map[string]bool{"index": true, "id": true, "byteOffset": true, "charOffset": true, "rank": true, "ruleIndex": true}

// prune removes empty arrays and objects and -1 sentinels from a decoded
// JSON value; results stays even when empty (GitHub requires it).
func prune(v any, key string) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			x = prune(x, k)
			switch x := x.(type) {
			case []any:
				if len(x) == 0 && k != "results" {
					delete(v, k)
					continue
				}
			case map[string]any:
				if len(x) == 0 {
					delete(v, k)
					continue
				}
			case json.Number:
				if sentinels[k] && x == "-1" {
					delete(v, k)
					continue
				}
			}
			v[k] = x
		}
	case []any:
		for i := range v {
			v[i] = prune(v[i], key)
		}
	}
	return v
}

func sarifRule(ri RuleInfo) *sarif.ReportingDescriptor {
	short := ri.Summary
	if short == "" {
		short = ri.ID
	}
	full := ri.Doc
	if full == "" {
		full = short
	}
	help := ri.HelpURI
	if help == "" {
		help = rulesDocURI + "#" + ri.ID
	}
	sev := ri.Severity
	if sev == 0 {
		sev = finding.Warning
	}
	d := sarif.NewRule(ri.ID).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(short)).
		WithFullDescription(sarif.NewMultiformatMessageString().WithText(full)).
		WithHelpURI(help).
		WithHelp(sarif.NewMultiformatMessageString().WithText(full + "\n\n" + help).WithMarkdown(full + "\n\n[Documentation](" + help + ")")).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(sev)))
	tags := []string{"cognito"}
	if strings.HasPrefix(ri.ID, "sec-") {
		tags = append(tags, "security")
	}
	d.WithProperties(sarif.NewPropertyBag().WithTags(tags))
	return d
}

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

func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return sarif.LevelError
	case finding.Warning:
		return sarif.LevelWarning
	}
	return sarif.LevelNote
}
