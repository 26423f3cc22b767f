package validate

import (
	"context"
	"strings"
	"testing"
)

// TestWalkIaC: a directory walk reads templates, plans and .tf files,
// skips and counts files of other shapes — also YAML and JSON that do not
// parse but mention no app client (a Helm template, a tsconfig with
// comments) — and reports a broken file that is about an app client.
func TestWalkIaC(t *testing.T) {
	l, err := New(Options{NoBaseline: true})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := l.LintPaths(context.Background(), []string{"../testdata/walk"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Read: infra/template.yaml, infra/main.tf, infra/broken.yaml. Skipped:
	// README.md, app/ci.yml, app/tsconfig.json, app/templates/service.yaml
	// (node_modules is not entered).
	if rep.Files != 3 || rep.Skipped != 4 || rep.Documents != 2 {
		t.Errorf("files %d, skipped %d, documents %d; want 3, 4, 2", rep.Files, rep.Skipped, rep.Documents)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.File[strings.Index(f.File, "walk/"):]+" "+f.Rule+" "+f.Resource+" "+f.Path)
	}
	want := []string{
		"walk/infra/broken.yaml syntax  ",
		"walk/infra/main.tf redirect-uri-https aws_cognito_user_pool_client.c CallbackURLs[0]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestExplicitIaCFiles: an explicit file always gets its findings; with
// SkipUnknown, a file of another shape or an unparseable file that
// mentions no app client is skipped instead (what a pre-commit hook that
// receives every YAML file needs).
func TestExplicitIaCFiles(t *testing.T) {
	files := []string{"../testdata/walk/app/templates/service.yaml", "../testdata/walk/app/ci.yml", "../testdata/walk/infra/broken.yaml"}
	for _, skip := range []bool{false, true} {
		l, err := New(Options{NoBaseline: true, SkipUnknown: skip})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := l.LintPaths(context.Background(), files, nil)
		if err != nil {
			t.Fatal(err)
		}
		var rules []string
		for _, f := range rep.Findings {
			rules = append(rules, f.Rule)
		}
		want, skipped := "unknown-document syntax syntax", 0 // sorted by file name
		if skip {
			want, skipped = "syntax", 2
		}
		if strings.Join(rules, " ") != want || rep.Skipped != skipped {
			t.Errorf("SkipUnknown %v: rules %v, skipped %d; want %q, %d", skip, rules, rep.Skipped, want, skipped)
		}
	}
}
