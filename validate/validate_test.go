package validate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func newLinter(t testing.TB, opts Options) *Linter {
	t.Helper()
	opts.NoBaseline = true
	l, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestNewRejectsBadOptions(t *testing.T) {
	for _, c := range []struct {
		opts Options
		want string
	}{
		{Options{Operation: "delete"}, `unknown operation "delete"`},
		{Options{Disable: []string{"redirect-uri-http"}}, `did you mean "redirect-uri-https"`},
		{Options{Enable: []string{"no-such-rule-at-all"}}, `unknown rule "no-such-rule-at-all"`},
		{Options{Severity: map[string]Severity{"redirect-uri-wildcards": Error}}, `did you mean "redirect-uri-wildcard"`},
		{Options{Disable: []string{"[x"}}, "bad rule pattern"},
	} {
		_, err := New(c.opts)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: err = %v, want %q", c.opts, err, c.want)
		}
	}
}

func TestDisableEnableSeverity(t *testing.T) {
	src := []byte(`{"UserPoolId": "us-east-1_A1", "ClientName": "x", "CallbackURLs": ["http://a.example.com/cb", "https://*.example.com/cb"]}`)
	rules := func(l *Linter) map[string]string {
		rep, err := l.Lint(context.Background(), "x.json", src)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, f := range rep.Findings {
			m[f.Rule] = f.Severity.String()
		}
		return m
	}
	all := rules(newLinter(t, Options{}))
	if all["redirect-uri-https"] != "error" || all["redirect-uri-wildcard"] != "warning" {
		t.Fatalf("baseline findings: %v", all)
	}
	got := rules(newLinter(t, Options{Disable: []string{"redirect-uri-*"}, Enable: []string{"redirect-uri-wildcard"}}))
	if _, ok := got["redirect-uri-https"]; ok || got["redirect-uri-wildcard"] == "" {
		t.Errorf("disable glob with enable: %v", got)
	}
	got = rules(newLinter(t, Options{Severity: map[string]Severity{"redirect-uri-wildcard": Error}}))
	if got["redirect-uri-wildcard"] != "error" {
		t.Errorf("severity override: %v", got)
	}
}

func TestLintPathsWalksDirectories(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a/client.json", `{"UserPoolId": "us-east-1_A1", "ClientName": "x", "AllowedOAuthFlowsUserPoolClient": true, "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"], "CallbackURLs": ["http://a.example.com/cb"]}`)
	write("b/package.json", `{"name": "pkg"}`)
	write("b/notes.txt", `hello`)
	write(".git/config.json", `{"UserPoolId": 1}`)
	l := newLinter(t, Options{})
	rep, err := l.LintPaths(context.Background(), []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Files != 1 || rep.Documents != 1 || rep.Skipped != 2 || len(rep.Findings) != 1 {
		t.Errorf("files %d documents %d skipped %d findings %v", rep.Files, rep.Documents, rep.Skipped, rep.Findings)
	}
	if _, err := l.LintPaths(context.Background(), []string{filepath.Join(dir, "missing.json")}, nil); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing path: %v", err)
	}
	// An explicit file of another shape is reported, or skipped with SkipUnknown.
	rep, _ = l.LintPaths(context.Background(), []string{filepath.Join(dir, "b/package.json")}, nil)
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != "unknown-document" {
		t.Errorf("explicit unknown file: %v", rep.Findings)
	}
	rep, _ = newLinter(t, Options{SkipUnknown: true}).LintPaths(context.Background(), []string{filepath.Join(dir, "b/package.json")}, nil)
	if len(rep.Findings) != 0 || rep.Skipped != 1 {
		t.Errorf("--skip-unknown: %v skipped %d", rep.Findings, rep.Skipped)
	}
	rep, _ = l.LintPaths(context.Background(), []string{"-"}, strings.NewReader(`{"UserPoolId": "bad", "ClientName": "x"}`))
	if len(rep.Findings) != 1 || rep.Findings[0].File != "-" || rep.Findings[0].Rule != "model-user-pool-id-format" {
		t.Errorf("stdin: %v", rep.Findings)
	}
}

// TestConcurrentLint: one Linter, many goroutines (run with -race).
func TestConcurrentLint(t *testing.T) {
	l := newLinter(t, Options{})
	var wg sync.WaitGroup
	results := make([]int, 16)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src := fmt.Sprintf(`{"UserPoolId": "us-east-1_A1", "ClientName": "c%d", "CallbackURLs": ["http://a%d.example.com/cb"], "ClientSecret": "0123456789abcdefghijklmn%d"}`, i, i, i)
			rep, err := l.Lint(context.Background(), "x.json", []byte(src))
			if err != nil {
				t.Error(err)
				return
			}
			results[i] = len(rep.Findings)
		}()
	}
	wg.Wait()
	for i, n := range results {
		if n != results[0] || n == 0 {
			t.Errorf("goroutine %d: %d findings, goroutine 0: %d", i, n, results[0])
		}
	}
}

// FuzzLint: the whole lint path over arbitrary bytes never panics or
// hangs, always gives sorted findings with positions inside the file, and
// never shows a ClientSecret.
func FuzzLint(f *testing.F) {
	for _, s := range []string{
		`{"UserPoolId": "us-east-1_A1", "ClientId": "c", "CallbackURLs": ["http://x"]}`,
		`{"UserPoolClient": {"ClientSecret": "abcdefghijklmnopqrstuvwxyz", "CallbackURLs": [null, 1]}}`,
		`{"UserPoolId": "p_1", "ClientName": "n", "TokenValidityUnits": {"AccessToken": "seconds"}, "AccessTokenValidity": 1e400}`,
		`{"RefreshTokenRotation": {}, "AnalyticsConfiguration": [], "ExplicitAuthFlows": ["USER_PASSWORD_AUTH", "ALLOW_X"]}`,
		`[`, ``, `{"a":`,
	} {
		f.Add([]byte(s))
	}
	l, err := New(Options{NoBaseline: true})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		rep, err := l.Lint(ctx, "f.json", b)
		if err != nil {
			t.Fatal(err)
		}
		// YAML also breaks lines at a lone CR, NEL, LS and PS (a fuzz
		// input "\r0000000" is a YAML document on line 2).
		lines := maxLines(b)
		for i, fd := range rep.Findings {
			if fd.Line < 0 || fd.Line > lines || fd.Column < 0 {
				t.Fatalf("finding outside the file: %+v", fd)
			}
			if fd.Message == "" || fd.Rule == "" {
				t.Fatalf("empty finding: %+v", fd)
			}
			if i > 0 && fd.File == rep.Findings[i-1].File && fd.Line < rep.Findings[i-1].Line {
				t.Fatalf("findings not sorted")
			}
		}
	})
}

func TestSeverityFor(t *testing.T) {
	o := map[string]Severity{"*": Info, "sec-*": Warning, "sec-impl*": Error, "sec-localhost-name": Info, "b*": Error, "a*": Warning}
	for id, want := range map[string]Severity{
		"sec-implicit-grant": Error,   // the longest glob
		"sec-localhost-name": Info,    // exact beats globs
		"sec-other":          Warning, // longer glob than "*"
		"redirect-uri-https": Info,
	} {
		if got, ok := SeverityFor(o, id); !ok || got != want {
			t.Errorf("%s: %v %v, want %v", id, got, ok, want)
		}
	}
	if _, ok := SeverityFor(map[string]Severity{"sec-*": Error}, "model-type"); ok {
		t.Error("a glob that does not match gave a severity")
	}
}
