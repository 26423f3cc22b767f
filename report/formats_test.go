package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cognitolint/cognitolint/finding"
)

func TestGitHubEscaping(t *testing.T) {
	tests := []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"a\nb", "a%0Ab", "a%0Ab"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"x: y, z", "x: y, z", "x%3A y%2C z"},
		{"%0A", "%250A", "%250A"}, // an escape in the input stays literal
		{"::error::", "::error::", "%3A%3Aerror%3A%3A"},
	}
	for _, tt := range tests {
		if got := githubData(tt.in); got != tt.data {
			t.Errorf("githubData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := githubProperty(tt.in); got != tt.prop {
			t.Errorf("githubProperty(%q) = %q, want %q", tt.in, got, tt.prop)
		}
	}
}

func TestGitHubCommand(t *testing.T) {
	tests := []struct {
		f    finding.Finding
		want string
	}{
		{finding.Finding{Rule: "r", Severity: finding.Error, Message: "m", File: "a.json", Line: 3, Column: 5, Length: 2},
			"::error file=a.json,line=3,col=5,endColumn=7,title=r::m"},
		{finding.Finding{Rule: "r", Severity: finding.Warning, Message: "m", Hint: "h", File: "dir/a,b:c.json", Line: 1, Column: 1},
			"::warning file=dir/a%2Cb%3Ac.json,line=1,col=1,title=r::m%0Ahint: h"},
		{finding.Finding{Rule: "r", Severity: finding.Info, Message: "100% sure", File: "main.tf", Resource: "aws_cognito_user_pool_client.web"},
			"::notice file=main.tf,title=r::aws_cognito_user_pool_client.web: 100%25 sure"},
		{finding.Finding{Rule: "r", Severity: finding.Error, Message: "m"},
			"::error title=r::m"},
		{finding.Finding{Rule: "r", Severity: finding.Error, Message: "m", File: "-", Line: 2, Column: 1},
			"::error title=r::m"},
	}
	for _, tt := range tests {
		if got := githubCommand(&tt.f, "/nowhere"); got != tt.want {
			t.Errorf("githubCommand(%+v)\n got %s\nwant %s", tt.f, got, tt.want)
		}
	}
}

func TestRelPathAndURI(t *testing.T) {
	base := filepath.FromSlash("/work/repo")
	tests := []struct{ file, rel, uri string }{
		{"a.json", "a.json", "a.json"},
		{"./dir/../a.json", "a.json", "a.json"},
		{"/work/repo/clients/web.json", "clients/web.json", "clients/web.json"},
		{"/work/other/web.json", "/work/other/web.json", "file:///work/other/web.json"},
		{"/work/repository/x.json", "/work/repository/x.json", "file:///work/repository/x.json"},
		{"dir/my file#1.json", "dir/my file#1.json", "dir/my%20file%231.json"},
		{"a:b.json", "a:b.json", "./a:b.json"},
		{"-", "-", "stdin"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := relPath(filepath.FromSlash(tt.file), base); got != tt.rel {
			t.Errorf("relPath(%q) = %q, want %q", tt.file, got, tt.rel)
		}
		if got := fileURI(filepath.FromSlash(tt.file), base); got != tt.uri {
			t.Errorf("fileURI(%q) = %q, want %q", tt.file, got, tt.uri)
		}
	}
}

// iacReport is a report of two resources in one Terraform file and a
// payload, built by hand: writers must handle resources and clean
// documents without a source.
func iacReport() *finding.Report {
	return &finding.Report{
		Files: 2, Documents: 3,
		Targets: []finding.Target{
			{File: "infra/main.tf", Resource: "aws_cognito_user_pool_client.web"},
			{File: "infra/main.tf", Resource: "aws_cognito_user_pool_client.admin"},
			{File: "clients/api.json"},
		},
		Findings: []finding.Finding{
			{Rule: "sec-implicit-grant", Severity: finding.Error, Message: "implicit grant <enabled> & \"on\"", File: "infra/main.tf", Line: 7, Column: 3, Path: "AllowedOAuthFlows[0]", Resource: "aws_cognito_user_pool_client.web", Layer: "go"},
			{Rule: "sec-long-refresh-token", Severity: finding.Warning, Message: "refresh token lives 10 years", File: "infra/main.tf", Line: 9, Column: 3, Path: "RefreshTokenValidity", Resource: "aws_cognito_user_pool_client.web", Layer: "go"},
			{Rule: "org.no-localhost", Severity: finding.Info, Message: "localhost callback", File: "infra/main.tf", Line: 20, Column: 5, Path: "CallbackURLs[0]", Resource: "aws_cognito_user_pool_client.admin", Layer: "rego", Policy: "org"},
		},
		Suppressed: []finding.Finding{
			{Rule: "sec-http-loopback-callback", Severity: finding.Warning, Message: "http loopback", File: "clients/api.json", Line: 4, Column: 5, Path: "CallbackURLs[0]", Reason: "local development client"},
		},
	}
}

func TestJUnitDocumentsAndThreshold(t *testing.T) {
	for _, tt := range []struct {
		failOn   finding.Severity
		failures int // <failure> elements
		failed   int // failed test cases
	}{
		{finding.Error, 1, 1},
		{finding.Warning, 2, 1},
		{finding.Info, 3, 2},
		{0, 0, 0}, // --fail-on never
	} {
		var buf bytes.Buffer
		if err := JUnit(&buf, iacReport(), Options{FailOn: tt.failOn}); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
			Suites   []struct {
				Name  string `xml:"name,attr"`
				Cases []struct {
					Name     string `xml:"name,attr"`
					Failures []struct {
						Type string `xml:"type,attr"`
					} `xml:"failure"`
					SystemOut string `xml:"system-out"`
				} `xml:"testcase"`
			} `xml:"testsuite"`
		}
		if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatalf("fail-on %v: %v\n%s", tt.failOn, err, buf.String())
		}
		if doc.Tests != 3 || len(doc.Suites) != 2 {
			t.Fatalf("fail-on %v: %d tests in %d suites, want 3 in 2:\n%s", tt.failOn, doc.Tests, len(doc.Suites), buf.String())
		}
		if doc.Suites[0].Name != "clients/api.json" || doc.Suites[1].Name != "infra/main.tf" {
			t.Errorf("suites %q, %q: want sorted by file", doc.Suites[0].Name, doc.Suites[1].Name)
		}
		tf := doc.Suites[1]
		if len(tf.Cases) != 2 || tf.Cases[0].Name != "aws_cognito_user_pool_client.web" || tf.Cases[1].Name != "aws_cognito_user_pool_client.admin" {
			t.Errorf("main.tf cases: %+v; want one per resource, in document order", tf.Cases)
		}
		n := 0
		for _, s := range doc.Suites {
			for _, c := range s.Cases {
				n += len(c.Failures)
			}
		}
		if n != tt.failures || doc.Failures != tt.failed {
			t.Errorf("fail-on %v: %d <failure>s in %d failed cases, want %d in %d", tt.failOn, n, doc.Failures, tt.failures, tt.failed)
		}
		if out := doc.Suites[0].Cases[0].SystemOut; !strings.Contains(out, "suppressed (local development client)") {
			t.Errorf("suppressed finding not listed: %q", out)
		}
	}
}

func TestSARIFFingerprintsAndCatalog(t *testing.T) {
	rep := iacReport()
	// The same finding twice, on another line: same fingerprint base,
	// told apart by a suffix.
	moved := rep.Findings[0]
	moved.Line += 10
	rep.Findings = append(rep.Findings, moved)
	opts := Options{Rules: []RuleInfo{{ID: "sec-implicit-grant", Severity: finding.Error, Summary: "no implicit grant", HelpURI: "https://example.com/r"}}}
	var buf bytes.Buffer
	if err := SARIF(&buf, rep, opts); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID      string `json:"id"`
						HelpURI string `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID              string            `json:"ruleId"`
				RuleIndex           *int              `json:"ruleIndex"`
				Level               string            `json:"level"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
				Properties          map[string]string `json:"properties"`
				Suppressions        []struct {
					Kind, Justification string
				} `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		ids = append(ids, r.ID)
	}
	// Catalog rules first, then those that fired without being listed.
	if want := "sec-implicit-grant sec-long-refresh-token org.no-localhost sec-http-loopback-callback"; strings.Join(ids, " ") != want {
		t.Errorf("rules %v, want %s", ids, want)
	}
	if run.Tool.Driver.Rules[1].HelpURI != rulesDocURI+"#sec-long-refresh-token" {
		t.Errorf("helpUri of an undocumented rule: %q", run.Tool.Driver.Rules[1].HelpURI)
	}
	if len(run.Results) != 5 {
		t.Fatalf("%d results, want 5", len(run.Results))
	}
	levels := []string{"error", "warning", "note", "error", "warning"}
	for i, r := range run.Results {
		if r.RuleIndex == nil || ids[*r.RuleIndex] != r.RuleID {
			t.Errorf("result %d (%s): ruleIndex %v", i, r.RuleID, r.RuleIndex)
		}
		if r.Level != levels[i] {
			t.Errorf("result %d: level %s, want %s", i, r.Level, levels[i])
		}
	}
	fp0, fp3 := run.Results[0].PartialFingerprints[fingerprintKey], run.Results[3].PartialFingerprints[fingerprintKey]
	if fp3 != fp0+":2" {
		t.Errorf("fingerprints of a repeated finding: %q and %q; want the second to be the first + \":2\"", fp0, fp3)
	}
	if run.Results[0].Properties["resource"] != "aws_cognito_user_pool_client.web" || run.Results[2].Properties["policy"] != "org" {
		t.Errorf("properties: %v, %v", run.Results[0].Properties, run.Results[2].Properties)
	}
	if s := run.Results[4].Suppressions; len(s) != 1 || s[0].Kind != "external" || s[0].Justification != "local development client" {
		t.Errorf("suppressions: %+v", s)
	}

	// A fingerprint does not depend on the line: an edit above a finding
	// keeps its alert.
	again := iacReport()
	again.Findings[0].Line = 70
	buf.Reset()
	if err := SARIF(&buf, again, opts); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), fp0) {
		t.Errorf("fingerprint %s changed when the finding moved", fp0)
	}
}

func TestWritersEmptyReport(t *testing.T) {
	for _, name := range Formats() {
		w, _ := Lookup(name)
		var buf bytes.Buffer
		if err := w(&buf, &finding.Report{Findings: []finding.Finding{}}, Options{}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if buf.Len() == 0 {
			t.Errorf("%s wrote nothing for an empty report", name)
		}
	}
}

// benchReport is a report of n findings over n/10 files.
func benchReport(n int) *finding.Report {
	r := &finding.Report{Findings: make([]finding.Finding, 0, n)}
	for i := range n {
		file := "clients/app" + string(rune('a'+i/10%26)) + ".json"
		if i%10 == 0 {
			r.Targets = append(r.Targets, finding.Target{File: file})
			r.Files++
			r.Documents++
		}
		r.Findings = append(r.Findings, finding.Finding{Rule: "redirect-uri-https", Severity: finding.Severity(i%3 + 1),
			Message: "CallbackURLs[1] \"http://app.example.com/cb\" must use https", Hint: "use https",
			File: file, Line: i%40 + 1, Column: 5, Length: 20, Path: "CallbackURLs[1]", Layer: "go"})
	}
	return r
}

func BenchmarkWriters(b *testing.B) {
	rep := benchReport(1000)
	rules := make([]RuleInfo, 60)
	for i := range rules {
		rules[i] = RuleInfo{ID: "rule-" + string(rune('a'+i%26)) + string(rune('a'+i/26)), Severity: finding.Error, Summary: "s", Doc: "d"}
	}
	for _, name := range Formats() {
		w, _ := Lookup(name)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := w(discard{}, rep, Options{FailOn: finding.Error, Rules: rules, BaseDir: os.TempDir()}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
