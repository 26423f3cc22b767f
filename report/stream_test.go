package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/cognitolint/cognitolint/finding"
)

// sourcedReport is iacReport with the text of its files, HTML-like
// characters in a message and a second suppressed finding.
func sourcedReport() *finding.Report {
	r := iacReport()
	var tf strings.Builder
	for i := 1; i <= 25; i++ {
		tf.WriteString("  line <" + strings.Repeat("x", i) + "> & \"q\"\n")
	}
	r.Sources = map[string]*finding.Source{
		"infra/main.tf": {Name: "infra/main.tf", Text: []byte(tf.String())},
	}
	r.Findings = append([]finding.Finding{{Rule: "redirect-uri-https", Severity: finding.Error, Message: "CallbackURLs[0] \"http://a\" <b> & 'c' \u2028 ü",
		Hint: "use https", File: "clients/api.json", Line: 0, Path: "CallbackURLs[0]", Layer: "go"}}, r.Findings...)
	r.Suppressed = append(r.Suppressed, finding.Finding{Rule: "sec-x", Severity: finding.Info, Message: "m", File: "infra/main.tf", Line: 3, Column: 1, Reason: "because", InSource: true})
	// A fix, with an insertion and a replacement.
	r.Findings[0].Fix = &finding.Fix{Description: "use <https>", Edits: []finding.Edit{
		{File: "clients/api.json", Start: finding.Point{Line: 1, Column: 2, Offset: 1}, End: finding.Point{Line: 1, Column: 6, Offset: 5}, Text: "https"},
		{File: "clients/api.json", Start: finding.Point{Line: 2, Column: 1, Offset: 9}, End: finding.Point{Line: 2, Column: 1, Offset: 9}, Text: "\n"},
	}}
	return r
}

// byFile splits a report into one report per file, as
// validate.LintPathsFunc hands them over.
func byFile(r *finding.Report) []*finding.Report {
	var parts []*finding.Report
	index := map[string]*finding.Report{}
	part := func(file string) *finding.Report {
		if p, ok := index[file]; ok {
			return p
		}
		p := &finding.Report{Findings: []finding.Finding{}}
		if src := r.Sources[file]; src != nil {
			p.Sources = map[string]*finding.Source{file: src}
		}
		index[file] = p
		parts = append(parts, p)
		return p
	}
	for _, f := range r.Findings {
		p := part(f.File)
		p.Findings = append(p.Findings, f)
	}
	for _, f := range r.Suppressed {
		p := part(f.File)
		p.Suppressed = append(p.Suppressed, f)
	}
	for _, t := range r.Targets {
		p := part(t.File)
		p.Targets = append(p.Targets, t)
	}
	return parts
}

// TestStreamsMatchWriters: a report written file by file through a Stream
// is the bytes the format's Writer writes for the whole report, for every
// format, also when json's spool moves to a file.
func TestStreamsMatchWriters(t *testing.T) {
	defer func(n int) { spoolLimit = n }(spoolLimit)
	reports := map[string]*finding.Report{
		"empty":  {Findings: []finding.Finding{}, Files: 3, Skipped: 1},
		"iac":    iacReport(),
		"source": sourcedReport(),
		"bench":  benchReport(300),
	}
	// Reports are sorted by file first.
	slices.SortStableFunc(reports["bench"].Findings, func(a, b finding.Finding) int { return strings.Compare(a.File, b.File) })
	for _, limit := range []int{1 << 20, 64} {
		spoolLimit = limit
		for name, r := range reports {
			for _, format := range Formats() {
				opts := Options{FailOn: finding.Warning, ToolVersion: "1.2.3", Color: format == "text" && name == "source", BaseDir: "/repo"}
				w, _ := Lookup(format)
				var whole bytes.Buffer
				if err := w(&whole, r, opts); err != nil {
					t.Fatal(err)
				}
				var streamed bytes.Buffer
				s, err := NewStream(format, &streamed, opts)
				if err != nil {
					t.Fatal(err)
				}
				// As LintPathsFunc hands them over: in file order.
				parts := byFile(r)
				slices.SortStableFunc(parts, func(a, b *finding.Report) int { return strings.Compare(partFile(a), partFile(b)) })
				for _, p := range parts {
					if err := s.File(p); err != nil {
						t.Fatal(err)
					}
				}
				if err := s.Close(&finding.Report{Files: r.Files, Documents: r.Documents, Skipped: r.Skipped}); err != nil {
					t.Fatal(err)
				}
				if streamed.String() != whole.String() {
					t.Errorf("%s in %d parts, %s (spool limit %d): streamed output differs:\n%s\nwhole:\n%s", name, len(parts), format, limit, streamed.String(), whole.String())
				}
			}
		}
	}
	if m, _ := filepath.Glob(filepath.Join(os.TempDir(), "cognitolint-*.spool")); len(m) > 0 {
		t.Errorf("spool files left behind: %v", m)
	}
}

// jsonReport as json.Encoder writes it is the reference the json stream
// must match byte for byte: cli.md's member order, summary first.
func TestJSONMatchesEncoder(t *testing.T) {
	for name, r := range map[string]*finding.Report{
		"empty":  {Findings: []finding.Finding{}},
		"iac":    iacReport(),
		"source": sourcedReport(),
		"bench":  benchReport(50),
	} {
		want := jsonReport{
			Version: 1, Tool: jsonTool{Name: "cognitolint", Version: "dev"},
			Summary: jsonSummary{Files: r.Files, Documents: r.Documents, Errors: r.Count(finding.Error),
				Warnings: r.Count(finding.Warning), Infos: r.Count(finding.Info), Suppressed: len(r.Suppressed), Skipped: r.Skipped},
			Findings: r.Findings, Suppressed: r.Suppressed,
		}
		var ref bytes.Buffer
		enc := json.NewEncoder(&ref)
		enc.SetIndent("", "  ")
		if err := enc.Encode(want); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := JSON(&got, r, Options{}); err != nil {
			t.Fatal(err)
		}
		if got.String() != ref.String() {
			t.Errorf("%s:\n got %s\nwant %s", name, got.String(), ref.String())
		}
	}
}

// within reports whether s's bytes lie in text's memory.
func within(s, text string) bool {
	p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(text)))
	return p >= lo && p < lo+uintptr(len(text))
}

// TestStreamsMatchOracles: sarif and junit, written file by file, are the
// bytes of the writers that built the whole report in memory before they
// streamed (oracle_test.go).
func TestStreamsMatchOracles(t *testing.T) {
	defer func(n int) { spoolLimit = n }(spoolLimit)
	reports := map[string]*finding.Report{
		"empty":  {Findings: []finding.Finding{}, Files: 3, Skipped: 1},
		"iac":    iacReport(),
		"source": sourcedReport(),
		"bench":  benchReport(300),
	}
	slices.SortStableFunc(reports["bench"].Findings, func(a, b finding.Finding) int { return strings.Compare(a.File, b.File) })
	oracles := map[string]Writer{"sarif": sarifWhole, "junit": junitWhole}
	for _, limit := range []int{1 << 20, 64} {
		spoolLimit = limit
		for name, r := range reports {
			for format, oracle := range oracles {
				opts := Options{FailOn: finding.Warning, ToolVersion: "1.2.3", BaseDir: "/repo",
					Rules: []RuleInfo{{ID: "sec-implicit-grant", Severity: finding.Error, Summary: "s"}}}
				var want bytes.Buffer
				if err := oracle(&want, r, opts); err != nil {
					t.Fatal(err)
				}
				var streamed bytes.Buffer
				s, err := NewStream(format, &streamed, opts)
				if err != nil {
					t.Fatal(err)
				}
				// As LintPathsFunc hands them over: in file order.
				parts := byFile(r)
				slices.SortStableFunc(parts, func(a, b *finding.Report) int { return strings.Compare(partFile(a), partFile(b)) })
				for _, p := range parts {
					if err := s.File(p); err != nil {
						t.Fatal(err)
					}
				}
				if err := s.Close(&finding.Report{Files: r.Files, Documents: r.Documents, Skipped: r.Skipped}); err != nil {
					t.Fatal(err)
				}
				if streamed.String() != want.String() {
					t.Errorf("%s, %s (spool limit %d): streamed output differs:\n%s\nwhole:\n%s", name, format, limit, streamed.String(), want.String())
				}
			}
		}
	}
}

// partFile is the file of a part of a report (byFile).
func partFile(r *finding.Report) string {
	switch {
	case len(r.Findings) > 0:
		return r.Findings[0].File
	case len(r.Suppressed) > 0:
		return r.Suppressed[0].File
	case len(r.Targets) > 0:
		return r.Targets[0].File
	}
	return ""
}
