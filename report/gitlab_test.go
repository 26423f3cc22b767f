package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cognitolint/cognitolint/finding"
)

func TestGitLabCodeQuality(t *testing.T) {
	rep := iacReport()
	// The same finding again on another line, and a file that could not
	// be read.
	moved := rep.Findings[0]
	moved.Line += 10
	rep.Findings = append(rep.Findings, moved,
		finding.Finding{Rule: "unreadable-file", Severity: finding.Error, Message: "cannot read", File: "/repo/x.json"})
	var buf bytes.Buffer
	if err := GitLab(&buf, rep, Options{BaseDir: "/repo"}); err != nil {
		t.Fatal(err)
	}
	var issues []struct {
		Description, Fingerprint, Severity string
		CheckName                          string `json:"check_name"`
		Location                           struct {
			Path  string
			Lines struct{ Begin int }
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &issues); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if len(issues) != 5 {
		t.Fatalf("%d issues, want 5 (suppressed findings left out)", len(issues))
	}
	want := []struct{ check, sev, path string }{
		{"sec-implicit-grant", "critical", "infra/main.tf"},
		{"sec-long-refresh-token", "minor", "infra/main.tf"},
		{"org.no-localhost", "info", "infra/main.tf"},
		{"sec-implicit-grant", "critical", "infra/main.tf"},
		{"unreadable-file", "blocker", "x.json"},
	}
	seen := map[string]bool{}
	for i, is := range issues {
		if is.CheckName != want[i].check || is.Severity != want[i].sev || is.Location.Path != want[i].path || is.Description == "" {
			t.Errorf("issue %d: %+v, want %+v", i, is, want[i])
		}
		if len(is.Fingerprint) != 32 || seen[is.Fingerprint] {
			t.Errorf("issue %d: fingerprint %q empty or repeated", i, is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
	if issues[0].Location.Lines.Begin != 7 || issues[4].Location.Lines.Begin != 1 {
		t.Errorf("lines: %d, %d", issues[0].Location.Lines.Begin, issues[4].Location.Lines.Begin)
	}
	// A fingerprint does not depend on the line: a finding that moves keeps
	// its issue in the merge request widget.
	again := iacReport()
	again.Findings[0].Line = 70
	var buf2 bytes.Buffer
	if err := GitLab(&buf2, again, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf2.String(), issues[0].Fingerprint) {
		t.Errorf("fingerprint %s changed when the finding moved", issues[0].Fingerprint)
	}
	// No finding: an empty array.
	buf.Reset()
	if err := GitLab(&buf, &finding.Report{}, Options{}); err != nil || buf.String() != "[]\n" {
		t.Errorf("empty: %q %v", buf.String(), err)
	}
}

// Security rules carry the security tag and a security-severity, so that
// GitHub ranks their alerts; a rule without an AWS reference links to its
// own section of docs/rules.md.
func TestSARIFSecuritySeverity(t *testing.T) {
	opts := Options{Rules: []RuleInfo{
		{ID: "sec-implicit-grant", Severity: finding.Error, HelpURI: "https://docs.aws.amazon.com/x"},
		{ID: "sec-localhost-name", Severity: finding.Info},
		{ID: "redirect-uri-https", Severity: finding.Error, HelpURI: "https://docs.aws.amazon.com/y"},
	}}
	var buf bytes.Buffer
	if err := SARIF(&buf, &finding.Report{}, opts); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID         string `json:"id"`
						HelpURI    string `json:"helpUri"`
						Properties struct {
							Tags             []string `json:"tags"`
							SecuritySeverity string   `json:"security-severity"`
						} `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	rules := log.Runs[0].Tool.Driver.Rules
	for i, want := range []struct{ sev, tags, help string }{
		{"7.5", "cognito security", "https://docs.aws.amazon.com/x"},
		{"2.0", "cognito security", rulesDocURI + "#sec-localhost-name"},
		{"", "cognito", "https://docs.aws.amazon.com/y"},
	} {
		p := rules[i].Properties
		if p.SecuritySeverity != want.sev || strings.Join(p.Tags, " ") != want.tags || rules[i].HelpURI != want.help {
			t.Errorf("%s: security-severity %q tags %v helpUri %s, want %+v", rules[i].ID, p.SecuritySeverity, p.Tags, rules[i].HelpURI, want)
		}
	}
}
