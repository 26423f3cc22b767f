package report

import (
	"bytes"
	"encoding/json"
	"errors"
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
// Suppressed findings are results with a suppression carrying the reason:
// of kind inSource when written in the file itself, else external.
func SARIF(w io.Writer, r *finding.Report, opts Options) error {
	return writeWhole(newSARIFStream(w, opts), r)
}

// sarifStream writes the log as the files come. The log is written with
// its members in name order (as encoding/json writes the maps it is
// pruned to, below), so a run's "results" come before its "tool": each
// result is written when its file comes, and the rule table, which may
// gain rules that fired but are not in the catalog, at Close. Suppressed
// results follow every other result, as in a log built whole: they wait
// in a spool, one line each (the rule ID, its severity, the result as
// compact JSON, separated by tabs), and get their rule index at Close, once the rules of every other
// result have theirs.
type sarifStream struct {
	w          io.Writer
	opts       Options
	rules      []RuleInfo
	index      map[string]int // rule ID → index in rules
	results    int            // written
	suppressed spool
	nsupp      int
	started    bool
}

// sarifResultIndent is the indentation of a result in the log.
const sarifResultIndent = "        "

func newSARIFStream(w io.Writer, opts Options) *sarifStream {
	s := &sarifStream{w: w, opts: opts, index: map[string]int{}}
	for _, ri := range opts.Rules {
		s.addRule(ri)
	}
	return s
}

func (s *sarifStream) addRule(ri RuleInfo) {
	if _, ok := s.index[ri.ID]; ok {
		return
	}
	s.index[ri.ID] = len(s.rules)
	s.rules = append(s.rules, ri)
}

func (s *sarifStream) File(r *finding.Report) error {
	if !s.started {
		head, _, err := s.skeleton()
		if err != nil {
			return err
		}
		if _, err := io.WriteString(s.w, head); err != nil {
			return err
		}
		s.started = true
	}
	// Two findings that hash alike are told apart by their order: those of
	// one file come in one call (fingerprints include the file).
	seen := map[string]int{}
	for i := range r.Findings {
		b, err := s.result(&r.Findings[i], seen)
		if err != nil {
			return err
		}
		if err := writeElement(s.w, s.results, b); err != nil {
			return err
		}
		s.results++
	}
	for i := range r.Suppressed {
		f := &r.Suppressed[i]
		res, err := buildResult(f, s.opts.BaseDir, seen, 0, true)
		if err != nil {
			return err
		}
		b, err := encodeIndented(res, "", "")
		if err != nil {
			return err
		}
		if _, err := io.WriteString(&s.suppressed, f.Rule+"\t"+strconv.Itoa(int(f.Severity))+"\t"); err != nil {
			return err
		}
		if _, err := s.suppressed.Write(append(b, '\n')); err != nil {
			return err
		}
		s.nsupp++
	}
	return nil
}

// writeSuppressed writes the spooled suppressed results, each with its
// rule index.
func (s *sarifStream) writeSuppressed() error {
	i := s.results
	lw := &lineWriter{fn: func(line []byte) error {
		id, rest, _ := bytes.Cut(line, []byte("\t"))
		sev, js, _ := bytes.Cut(rest, []byte("\t"))
		rule := string(id)
		n, _ := strconv.Atoi(string(sev))
		s.addRule(RuleInfo{ID: rule, Severity: finding.Severity(n)})
		var res sarifResultJSON
		if err := json.Unmarshal(js, &res); err != nil {
			return err
		}
		res.RuleIndex = s.index[rule]
		b, err := encodeIndented(&res, sarifResultIndent, "  ")
		if err != nil {
			return err
		}
		err = writeElement(s.w, i, b)
		i++
		return err
	}}
	if _, err := s.suppressed.WriteTo(lw); err != nil {
		return err
	}
	return lw.err
}

// lineWriter calls fn with each line written to it, without its newline.
type lineWriter struct {
	fn   func([]byte) error
	line []byte
	err  error
}

func (l *lineWriter) Write(p []byte) (int, error) {
	n := len(p)
	for l.err == nil && len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			l.line = append(l.line, p...)
			break
		}
		l.line = append(l.line, p[:i]...)
		l.err = l.fn(l.line)
		l.line = l.line[:0]
		p = p[i+1:]
	}
	if l.err != nil {
		return 0, l.err
	}
	return n, nil
}

// writeElement writes the i-th element of an indented array of results.
func writeElement(w io.Writer, i int, b []byte) error {
	sep := ",\n" + sarifResultIndent
	if i == 0 {
		sep = "\n" + sarifResultIndent
	}
	if _, err := io.WriteString(w, sep); err != nil {
		return err
	}
	_, err := w.Write(b)
	return err
}

// result encodes one finding's result as it appears in the log.
func (s *sarifStream) result(f *finding.Finding, seen map[string]int) ([]byte, error) {
	s.addRule(RuleInfo{ID: f.Rule, Severity: f.Severity})
	res, err := buildResult(f, s.opts.BaseDir, seen, s.index[f.Rule], false)
	if err != nil {
		return nil, err
	}
	return encodeIndented(res, sarifResultIndent, "  ")
}

func (s *sarifStream) Close(*finding.Report) error {
	defer s.suppressed.discard()
	if !s.started {
		head, _, err := s.skeleton()
		if err != nil {
			return err
		}
		if _, err := io.WriteString(s.w, head); err != nil {
			return err
		}
	}
	if err := s.writeSuppressed(); err != nil {
		return err
	}
	_, tail, err := s.skeleton()
	if err != nil {
		return err
	}
	if s.results+s.nsupp > 0 {
		tail = "\n      " + tail
	}
	_, err = io.WriteString(s.w, tail)
	return err
}

// skeleton writes the log without results, with the rules known so far,
// and returns it cut where the results go: head ends with "results": [,
// tail starts with its ].
func (s *sarifStream) skeleton() (head, tail string, err error) {
	version := s.opts.ToolVersion
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
	for _, ri := range s.rules {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule(ri))
	}
	log := sarif.NewReport()
	log.Schema = "https://json.schemastore.org/sarif-2.1.0.json"
	log.AddRun(run)
	var buf bytes.Buffer
	if err := log.Write(&buf); err != nil {
		return "", "", err
	}
	b, err := pruneJSON(buf.Bytes(), "")
	if err != nil {
		return "", "", err
	}
	const results = `"results": [`
	doc := string(b) + "\n"
	i := strings.Index(doc, results+"]")
	if i < 0 {
		return "", "", errors.New("sarif: no results array in the log")
	}
	i += len(results)
	return doc[:i], doc[i:], nil
}

// pruneJSON decodes a JSON value, prunes it and encodes it indented, each
// line after the first starting with prefix.
//
// go-sarif writes every optional array as [] and every absent index or
// offset as its -1 default. Both are valid SARIF, but consumers that take
// an index of -1 at its word (code scanning looks artifacts up by index)
// fail on them, and they hide the results: leave them out.
func pruneJSON(b []byte, prefix string) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	return pruneValue(doc, prefix)
}

// pruneValue prunes a decoded JSON value and encodes it as pruneJSON does.
func pruneValue(doc any, prefix string) ([]byte, error) {
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(prune(doc, "")); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(out.Bytes(), []byte("\n")), nil
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
		WithDefaultConfiguration(ruleConfiguration(ri, sev))
	tags := []string{"cognito"}
	props := sarif.NewPropertyBag()
	if strings.HasPrefix(ri.ID, "sec-") {
		tags = append(tags, "security")
		props.Add("security-severity", securitySeverity(sev))
	}
	d.WithProperties(props.WithTags(tags))
	return d
}

// securitySeverity is the CVSS-like score GitHub code scanning ranks a
// security rule's alerts by (over 9.0 critical, 7.0–8.9 high, 4.0–6.9
// medium, 0.1–3.9 low: docs.github.com, "SARIF support for code
// scanning", reportingDescriptor properties): the rule's default severity
// as high, medium or low. No sec-* rule is critical: each is a weakness of
// configuration, not a reachable exploit.
func securitySeverity(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "7.5"
	case finding.Warning:
		return "5.0"
	}
	return "2.0"
}

// ruleConfiguration is a rule's level in this run, and enabled: false for
// a rule the run turned off (SARIF §3.50.3), so that a viewer does not list
// a disabled rule as checked.
func ruleConfiguration(ri RuleInfo, sev finding.Severity) *sarif.ReportingConfiguration {
	c := sarif.NewReportingConfiguration().WithLevel(sarifLevel(sev))
	if ri.Disabled {
		c.WithEnabled(false)
	}
	return c
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

// suppressionKind is SARIF's kind of a finding's suppression: inSource for
// a cognitolint:ignore comment or CloudFormation Metadata, external for a
// config file's ignore, bulk suppressions and policy exceptions.
func suppressionKind(f *finding.Finding) string {
	if f.InSource {
		return "inSource"
	}
	return "external"
}
