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
	if rep.Documents != 4 {
		t.Errorf("%d documents, want 4 (the fragment's, the template's, the .tf's, the manifest's)", rep.Documents)
	}
}

// TestDeclaredContextAndFiles (issue 9): the pool a template declares
// beside its client is context for the pool rules; a context file given on
// the command line wins for its part (here the identity providers: Okta
// is one of the pool's by list-identity-providers), the declared parts it
// does not give stay.
func TestDeclaredContextAndFiles(t *testing.T) {
	fired := func(opts Options) []string {
		opts.NoBaseline = true
		l, err := New(opts)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := l.LintPaths(context.Background(), []string{"../testdata/cloudformation/declared-context.yaml"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range rep.Findings {
			if f.Severity == finding.Error {
				got = append(got, f.Rule+" "+f.Path)
			}
		}
		return got
	}
	declared := fired(Options{})
	for _, want := range []string{"supported-idp-exists SupportedIdentityProviders[2]", "oauth-scope-exists AllowedOAuthScopes[3]",
		"attributes-exist WriteAttributes[2]", "write-attributes-include-required WriteAttributes"} {
		if !slices.Contains(declared, want) {
			t.Errorf("declared context: no %s among %q", want, declared)
		}
	}
	withFile := fired(Options{IdentityProviders: "../testdata/context/supported-idp-exists/identity-providers.json"})
	if slices.Contains(withFile, "supported-idp-exists SupportedIdentityProviders[2]") {
		t.Errorf("--identity-providers lists Okta, yet: %q", withFile)
	}
	if !slices.Contains(withFile, "supported-idp-exists SupportedIdentityProviders[1]") { // OktaSAML is not in the file
		t.Errorf("--identity-providers: OktaSAML not reported: %q", withFile)
	}
	if !slices.Contains(withFile, "oauth-scope-exists AllowedOAuthScopes[3]") {
		t.Errorf("the declared resource servers were dropped: %q", withFile)
	}
}
