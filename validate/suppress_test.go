package validate

import (
	"context"
	"flag"
	"fmt"
	"github.com/cognitolint/cognitolint/rules"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// renderSuppress is the golden form of a report: its findings, then its
// suppressed findings with their reasons.
func renderSuppress(rep *Report) string {
	var b strings.Builder
	for _, f := range rep.Findings {
		fmt.Fprintf(&b, "%d:%d %s %s resource=%q: %s (hint: %s)\n", f.Line, f.Column, f.Severity, f.Rule, f.Resource, f.Message, f.Hint)
	}
	for _, f := range rep.Suppressed {
		fmt.Fprintf(&b, "suppressed %d:%d %s %s resource=%q: reason %q\n", f.Line, f.Column, f.Severity, f.Rule, f.Resource, f.Reason)
	}
	return b.String()
}

// TestGoldenSuppress lints every fixture under testdata/suppress (the
// baseline pack included) and compares its findings and suppressed
// findings with its .out file (go test ./validate -update rewrites them).
func TestGoldenSuppress(t *testing.T) {
	l, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../testdata/suppress/*")
	n := 0
	for _, file := range files {
		if strings.HasSuffix(file, ".out") {
			continue
		}
		if info, err := os.Stat(file); err != nil || info.IsDir() {
			continue
		}
		n++
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := l.Lint(context.Background(), filepath.Base(file), src)
			if err != nil {
				t.Fatal(err)
			}
			got := renderSuppress(rep)
			golden := file + ".out"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test ./validate -update creates it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs:\n--- got\n%s--- want\n%s", golden, got, want)
			}
		})
	}
	if n == 0 {
		t.Fatal("no fixtures in testdata/suppress")
	}
}

func TestResourceRegexp(t *testing.T) {
	tests := []struct {
		glob        string
		match, miss []string
	}{
		{"DevClient*", []string{"DevClient", "DevClientB"}, []string{"WebClient", "XDevClient"}},
		{`aws_cognito_user_pool_client.dev["a"]`, []string{`aws_cognito_user_pool_client.dev["a"]`}, []string{`aws_cognito_user_pool_client.dev["b"]`}},
		{"aws_cognito_user_pool_client.dev[*]", []string{"aws_cognito_user_pool_client.dev[0]", "aws_cognito_user_pool_client.dev[12]"}, []string{"aws_cognito_user_pool_client.dev"}},
		{"module.*.aws_cognito_user_pool_client.*", []string{"module.a.aws_cognito_user_pool_client.web"}, []string{"aws_cognito_user_pool_client.web"}},
		{"UserPoolClient/dev/*", []string{"UserPoolClient/dev/web"}, []string{"UserPoolClient/prod/web", "UserPoolClient/dev/a/b"}},
		{"UserPoolClient/**", []string{"UserPoolClient/dev/web"}, []string{"Other/dev/web"}},
		{"Client?", []string{"ClientA"}, []string{"Client", "ClientAB"}},
	}
	for _, tt := range tests {
		re, err := resourceRegexp(tt.glob)
		if err != nil {
			t.Fatalf("%q: %v", tt.glob, err)
		}
		for _, m := range tt.match {
			if !re.MatchString(m) {
				t.Errorf("%q does not match %q", tt.glob, m)
			}
		}
		for _, m := range tt.miss {
			if re.MatchString(m) {
				t.Errorf("%q matches %q", tt.glob, m)
			}
		}
	}
}

// TestIgnoreResources: a config ignore entry with resources covers the
// findings of those resources only, never those of an API payload.
func TestIgnoreResources(t *testing.T) {
	l, err := New(Options{NoBaseline: true, Ignore: []Ignore{{Rule: "redirect-uri-https", Resources: []string{"Dev*"}, Reason: "dev"}}})
	if err != nil {
		t.Fatal(err)
	}
	tmpl := `Resources:
  DevClient:
    Type: AWS::Cognito::UserPoolClient
    Properties: {UserPoolId: us-east-1_Ab1, ClientName: d, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: [code], AllowedOAuthScopes: [openid], CallbackURLs: ["http://a.example.com"]}
  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties: {UserPoolId: us-east-1_Ab1, ClientName: w, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: [code], AllowedOAuthScopes: [openid], CallbackURLs: ["http://a.example.com"]}
`
	rep, err := l.Lint(context.Background(), "t.yaml", []byte(tmpl))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Suppressed) != 1 || rep.Suppressed[0].Resource != "DevClient" || rep.Suppressed[0].Reason != "dev" {
		t.Errorf("suppressed %+v", rep.Suppressed)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Resource != "WebClient" {
		t.Errorf("findings %+v", rep.Findings)
	}
	api := `{"UserPoolId": "us-east-1_Ab1", "ClientName": "a", "AllowedOAuthFlowsUserPoolClient": true, "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"], "CallbackURLs": ["http://a.example.com"]}`
	rep, err = l.Lint(context.Background(), "a.json", []byte(api))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Suppressed) != 0 || len(rep.Findings) != 1 {
		t.Errorf("an API payload's finding matched resources: %+v %+v", rep.Findings, rep.Suppressed)
	}
}

// TestUnusedSuppressionOptions: a suppression of a rule turned off (or of
// the baseline pack, left out) is not reported unused; unused-suppression itself can be turned off or raised.
func TestUnusedSuppressionOptions(t *testing.T) {
	src := `UserPoolId: us-east-1_Ab1
ClientName: a
# cognitolint:ignore redirect-uri-https -- nothing to suppress here
AllowedOAuthFlowsUserPoolClient: false
# cognitolint:ignore sec-implicit-grant -- a baseline rule, left out by NoBaseline
ReadAttributes: [email]
`
	lint := func(opts Options) []string {
		t.Helper()
		opts.NoBaseline = true
		l, err := New(opts)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := l.Lint(context.Background(), "a.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range rep.Findings {
			out = append(out, fmt.Sprintf("%d %s %s", f.Line, f.Severity, f.Rule))
		}
		return out
	}
	if got := lint(Options{}); len(got) != 1 || got[0] != "3 info unused-suppression" {
		t.Errorf("default: %q", got)
	}
	if got := lint(Options{Disable: []string{"redirect-*"}}); len(got) != 0 {
		t.Errorf("a suppression of a disabled rule reported: %q", got)
	}
	if got := lint(Options{Disable: []string{"unused-suppression"}}); len(got) != 0 {
		t.Errorf("unused-suppression disabled: %q", got)
	}
	if got := lint(Options{Severity: map[string]Severity{"unused-suppression": Error}}); len(got) != 1 || got[0] != "3 error unused-suppression" {
		t.Errorf("unused-suppression raised: %q", got)
	}
}

// TestBulkApply: a file's findings of a rule are suppressed while there are
// no more than recorded, all reported when there are more; a syntax
// finding is never counted nor suppressed.
func TestBulkApply(t *testing.T) {
	dir := t.TempDir()
	b, err := LoadBulk(filepath.Join(dir, BulkFileName))
	if err != nil {
		t.Fatal(err)
	}
	b.Counts["a.json"] = map[string]int{"r": 2, "syntax": 1}
	file := filepath.Join(dir, "a.json")
	rep := func(rules ...string) *Report {
		r := &Report{}
		for i, id := range rules {
			r.Findings = append(r.Findings, Finding{Rule: id, File: file, Line: i + 1})
		}
		return r
	}
	r := rep("r", "r", "syntax")
	b.Apply(r)
	if len(r.Findings) != 1 || r.Findings[0].Rule != "syntax" || len(r.Suppressed) != 2 || r.Suppressed[0].Reason != "bulk suppression (cognitolint-suppressions.json)" {
		t.Errorf("within the count: %+v / %+v", r.Findings, r.Suppressed)
	}
	b, _ = LoadBulk(filepath.Join(dir, BulkFileName))
	b.Counts["a.json"] = map[string]int{"r": 2}
	r = rep("r", "r", "r")
	b.Apply(r)
	if len(r.Findings) != 3 || len(r.Suppressed) != 0 {
		t.Errorf("over the count: %+v / %+v", r.Findings, r.Suppressed)
	}
	b.SuppressAll()
	if b.Counts["a.json"]["r"] != 3 || b.Entries() != 1 {
		t.Errorf("SuppressAll: %v", b.Counts)
	}
}

func TestFindBulkFile(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := FindBulkFile(sub); got != filepath.Join(sub, BulkFileName) {
		t.Errorf("no repository: %s", got)
	}
	if err := os.WriteFile(filepath.Join(root, ".git"), []byte("gitdir: x\n"), 0o644); err != nil { // a worktree's .git is a file
		t.Fatal(err)
	}
	if got := FindBulkFile(sub); got != filepath.Join(root, BulkFileName) {
		t.Errorf("in a repository: %s", got)
	}
}

// BenchmarkInlineSuppressions: a template with cognitolint:ignore comments
// against the same template without them (which costs one bytes.Contains
// more than before suppressions existed): the difference is the second
// parse that gives the comments their places.
func BenchmarkInlineSuppressions(b *testing.B) {
	src, err := os.ReadFile("../testdata/suppress/multi-client.yaml")
	if err != nil {
		b.Fatal(err)
	}
	l, err := New(Options{NoBaseline: true})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		src  []byte
	}{{"with", src}, {"without", []byte(strings.ReplaceAll(string(src), "cognitolint:ignore", "reviewed:"))}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := l.Lint(context.Background(), "t.yaml", c.src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// FuzzDirective: reading a cognitolint:ignore comment never panics; one
// that can apply names rules without spaces and has a reason.
func FuzzDirective(f *testing.F) {
	for _, s := range []string{"# cognitolint:ignore a,b -- why", "// cognitolint:ignore a", "#cognitolint:ignore-file x -- y",
		"# cognitolint:ignore  , -- x", "# cognitolint:ignore a b -- c", "# cognitolint:ignore --", "# cognitolint:ignore a--b -- c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var s inline
		s.parseComment(text)
		if s.bad != "" {
			if s.hint == "" {
				t.Fatalf("%q: %s without a hint", text, s.bad)
			}
			return
		}
		if len(s.rules) == 0 || strings.TrimSpace(s.reason) == "" {
			t.Fatalf("%q applies with rules %q, reason %q", text, s.rules, s.reason)
		}
		for _, r := range s.rules {
			if r == "" || strings.ContainsAny(r, " \t,") {
				t.Fatalf("%q: rule %q", text, r)
			}
		}
	})
}

// TestSuppressionsPastTheCap: a suppression of a finding that was counted
// but not shown (its rule had more than rules.MaxPerRule findings) is not
// unused; unused suppressions are capped like any rule's findings.
func TestSuppressionsPastTheCap(t *testing.T) {
	lint := func(items string) map[string]int {
		t.Helper()
		l := newLinter(t, Options{})
		rep, err := l.Lint(context.Background(), "a.yaml", []byte("UserPoolId: us-east-1_Ab1\nClientName: a\nCallbackURLs:\n"+items))
		if err != nil {
			t.Fatal(err)
		}
		n := map[string]int{"suppressed": len(rep.Suppressed)}
		for _, f := range rep.Findings {
			n[f.Rule]++
		}
		return n
	}
	var b strings.Builder
	for i := range 150 {
		fmt.Fprintf(&b, "  # cognitolint:ignore redirect-uri-https -- dev\n  - http://a%d.example.com\n", i)
	}
	if n := lint(b.String()); n["unused-suppression"] != 0 || n["redirect-uri-https"] != 0 || n["suppressed"] != rules.MaxPerRule+1 {
		t.Errorf("150 suppressed http URLs: %v", n)
	}
	b.Reset()
	for i := range 300 {
		fmt.Fprintf(&b, "  # cognitolint:ignore redirect-uri-wildcard -- none\n  - https://a%d.example.com\n", i)
	}
	if n := lint(b.String()); n["unused-suppression"] != rules.MaxPerRule+1 {
		t.Errorf("300 unused suppressions: %v", n)
	}
}

// TestFirstCoveringAgreesWithScan: the sweep picks, for every finding, the
// suppression a scan of all of them in order picks, on random files of
// overlapping, nested, identical, Metadata and bad suppressions.
func TestFirstCoveringAgreesWithScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ruleIDs := []string{"redirect-uri-https", "sec-implicit-grant", "redirect-*", "sec-*", "model-type"}
	for round := range 300 {
		var sups []*inline
		for range rng.IntN(30) {
			s := &inline{from: 1 + rng.IntN(40)}
			s.to = s.from + rng.IntN(10)
			for range 1 + rng.IntN(2) {
				s.rules = append(s.rules, ruleIDs[rng.IntN(len(ruleIDs))])
			}
			switch rng.IntN(6) {
			case 0:
				s.metadata, s.resource = true, fmt.Sprint("R", rng.IntN(3))
			case 1:
				s.bad = "bad"
			case 2:
				if len(sups) > 0 { // written alike
					c := *sups[rng.IntN(len(sups))]
					s = &c
				}
			}
			sups = append(sups, s)
		}
		var fs []Finding
		for range rng.IntN(40) {
			fs = append(fs, Finding{Line: rng.IntN(55), Rule: ruleIDs[rng.IntN(2)+3*rng.IntN(2)%2], Resource: fmt.Sprint("R", rng.IntN(3))})
		}
		got := firstCovering(fs, sups)
		for k := range fs {
			want := choice{-1, -1}
			for i, s := range sups {
				if r := s.covers(&fs[k]); r >= 0 {
					want = choice{i, r}
					break
				}
			}
			if got[k] != want {
				t.Fatalf("round %d, finding %+v: sweep %v, scan %v", round, fs[k], got[k], want)
			}
		}
	}
}
