package fix_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/fix"
	"github.com/cognitolint/cognitolint/validate"
)

func edit(off, end int, text string) finding.Edit {
	return finding.Edit{File: "f", Start: finding.Point{Offset: off}, End: finding.Point{Offset: end}, Text: text}
}

func fx(edits ...finding.Edit) finding.Fix { return finding.Fix{Description: "d", Edits: edits} }

func TestApply(t *testing.T) {
	src := []byte(`["a", "b", "c"]`)
	tests := []struct {
		name    string
		fixes   []finding.Fix
		want    string
		applied int
	}{
		{"replace", []finding.Fix{fx(edit(1, 4, `"x"`))}, `["x", "b", "c"]`, 1},
		{"insert and delete", []finding.Fix{fx(edit(14, 14, `, "d"`)), fx(edit(4, 9, ""))}, `["a", "c", "d"]`, 2},
		{"overlapping fixes: the first wins", []finding.Fix{fx(edit(1, 4, `"x"`)), fx(edit(2, 3, "y"))}, `["x", "b", "c"]`, 1},
		{"two insertions at one offset: the first wins", []finding.Fix{fx(edit(14, 14, `, "d"`)), fx(edit(14, 14, `, "e"`))}, `["a", "b", "c", "d"]`, 1},
		{"touching edits apply", []finding.Fix{fx(edit(1, 4, `"x"`)), fx(edit(4, 4, `, "y"`))}, `["x", "y", "b", "c"]`, 2},
		{"an insertion inside a replaced range", []finding.Fix{fx(edit(1, 9, `"x"`)), fx(edit(5, 5, "!"))}, `["x", "c"]`, 1},
		{"a fix overlapping itself is left out", []finding.Fix{fx(edit(1, 4, "x"), edit(3, 6, "y"))}, `["a", "b", "c"]`, 0},
		{"out of range", []finding.Fix{fx(edit(10, 99, ""))}, `["a", "b", "c"]`, 0},
		{"reversed", []finding.Fix{fx(edit(4, 1, ""))}, `["a", "b", "c"]`, 0},
		{"the same fix twice applies once", []finding.Fix{fx(edit(1, 4, `"x"`)), fx(edit(1, 4, `"x"`))}, `["x", "b", "c"]`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, applied := fix.Apply(src, tt.fixes)
			if string(got) != tt.want || len(applied) != tt.applied {
				t.Errorf("Apply = %s (%d applied), want %s (%d)", got, len(applied), tt.want, tt.applied)
			}
		})
	}
}

// breaking is a Linter whose findings carry one fix that breaks the JSON
// and one that does not: File must keep the good one only.
type breaking struct{ l *validate.Linter }

func (b breaking) Lint(ctx context.Context, name string, content []byte) (*finding.Report, error) {
	rep, err := b.l.Lint(ctx, name, content)
	if err != nil || !strings.Contains(string(content), "CallbackUrls") {
		return rep, err
	}
	i := strings.Index(string(content), `"ClientName"`)
	bad := fx(edit(i, i, "{{"))
	bad.Edits[0].File = name
	rep.Findings = append([]finding.Finding{{Rule: "x", File: name, Fix: &bad}}, rep.Findings...)
	return rep, nil
}

func TestFileNeverBreaksTheSyntax(t *testing.T) {
	l, err := validate.New(validate.Options{NoBaseline: true})
	if err != nil {
		t.Fatal(err)
	}
	src := []byte(`{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "x", "CallbackUrls": ["https://a.example.com/cb"]}`)
	res, err := fix.File(context.Background(), breaking{l}, "p.json", src)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "x", "CallbackURLs": ["https://a.example.com/cb"]}`
	if string(res.Fixed) != want || len(res.Applied) != 1 {
		t.Errorf("File = %s (%d applied), want %s", res.Fixed, len(res.Applied), want)
	}
}

// fixtures are the payloads and JSON templates of testdata, with the
// --current of their directory when it has one.
func fixtures(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, pattern := range []string{"../testdata/err/*.json", "../testdata/update/*.json", "../testdata/ok/*.json",
		"../testdata/valid/*.json", "../testdata/context/*/payload.json", "../testdata/fix/*/input.json", "../testdata/cloudformation/*.json"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			cur := filepath.Join(filepath.Dir(f), "current.json")
			if _, err := os.Stat(cur); err != nil {
				cur = ""
			}
			out[f] = cur
		}
	}
	if len(out) < 50 {
		t.Fatalf("only %d fixtures found", len(out))
	}
	return out
}

// TestFixesResolveTheirFindings is the property of every fix: after
// applying all fixes of a file and linting it again, no finding is left at
// a rule and path that a fix was offered for; the result parses, and
// fixing it again changes nothing.
func TestFixesResolveTheirFindings(t *testing.T) {
	ctx := context.Background()
	linters := map[string]*validate.Linter{}
	offered := 0
	for file, cur := range fixtures(t) {
		l := linters[cur]
		if l == nil {
			var err error
			if l, err = validate.New(validate.Options{Current: cur}); err != nil {
				t.Fatal(err)
			}
			linters[cur] = l
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := l.Lint(ctx, file, src)
		if err != nil {
			t.Fatal(err)
		}
		fixed := map[string]bool{}
		for _, f := range rep.Findings {
			if f.Fix != nil {
				fixed[f.Rule+" "+f.Resource+" "+f.Path] = true
				offered++
			}
		}
		res, err := fix.File(ctx, l, file, src)
		if err != nil {
			t.Fatal(err)
		}
		syntax := func(r *finding.Report) (n int) {
			for _, f := range r.Findings {
				if f.Rule == "syntax" {
					n++
				}
			}
			return n
		}
		if syntax(res.Report) > syntax(rep) {
			t.Errorf("%s: the fixed text does not parse", file)
		}
		for _, f := range res.Report.Findings {
			if fixed[f.Rule+" "+f.Resource+" "+f.Path] {
				t.Errorf("%s: a fix was offered for %s at %s, but after fixing the finding is still there: %s", file, f.Rule, f.Path, f.Message)
			}
		}
		if len(fixed) > 0 && !res.Changed() {
			t.Errorf("%s: fixes were offered but none applied", file)
		}
		again, err := fix.File(ctx, l, file, res.Fixed)
		if err != nil {
			t.Fatal(err)
		}
		if again.Changed() {
			t.Errorf("%s: fixing the fixed text changes it again: %s", file, again.Applied[0].Description)
		}
	}
	if offered < 10 {
		t.Errorf("only %d fixes offered over the fixtures: the property test tests little", offered)
	}
}

func TestDiffRedactsSecrets(t *testing.T) {
	d := fix.Diff("p.json", []byte("{\n\"ClientSecret\": \"abcdefgh\",\n\"x\": 1\n}\n"), []byte("{\n\"x\": 1\n}\n"), []string{"abcdefgh"})
	if strings.Contains(d, "abcdefgh") || !strings.Contains(d, `-"ClientSecret": "****",`) || !strings.HasPrefix(d, "--- a/p.json\n+++ b/p.json\n") {
		t.Errorf("Diff =\n%s", d)
	}
}
