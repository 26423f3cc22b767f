package validate

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/cognitolint/cognitolint/finding"
)

// TestWalkMonorepo (issue 13): a walk over a folder that mixes app
// clients in several formats with unrelated JSON and YAML — an AppConfig
// fixture with a ClientId, a frontend's poolData, a Helm template that
// does not parse and mentions an oidcClientId, Helm values — fails only on
// what AWS would reject: here nothing. The Serverless variables of a
// resources fragment are unknown values and ClientId written on a
// CloudFormation client is a warning (CloudFormation ignores it).
func TestWalkMonorepo(t *testing.T) {
	l, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := l.LintPaths(context.Background(), []string{"../testdata/monorepo"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var errs, got []string
	for _, f := range rep.Findings {
		file := f.File[strings.Index(f.File, "monorepo/")+len("monorepo/"):]
		if f.Severity == finding.Error {
			errs = append(errs, file+": "+f.Message+" ["+f.Rule+"]")
		}
		got = append(got, file+" "+f.Rule+" "+f.Path)
	}
	if len(errs) > 0 {
		t.Errorf("false failures:\n%s", strings.Join(errs, "\n"))
	}
	for _, want := range []string{"patterns/oauth-api/prerequisite.yaml read-only-property ClientId"} {
		if !slices.Contains(got, want) {
			t.Errorf("no finding %q among:\n%s", want, strings.Join(got, "\n"))
		}
	}
	for _, f := range got {
		for _, skipped := range []string{"expected.json", "cognito-config.json", "configmap.yaml", "values.yaml"} {
			if strings.Contains(f, skipped) {
				t.Errorf("a finding in a file that is not an app client: %s", f)
			}
		}
	}
	if rep.Documents != 3 {
		t.Errorf("%d documents, want 3 (the fragment's, the template's, the .tf's)", rep.Documents)
	}
}
