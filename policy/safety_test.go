package policy

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

var updateBuiltins = flag.Bool("update-builtins", false, "rewrite testdata/builtins.txt after reviewing OPA's new builtins")

// TestBuiltinInventory holds the list of OPA's builtins that the comment on
// forbidden reviews. An OPA upgrade that adds a builtin fails here: review
// what it reaches (files, network, environment), add it to forbidden if it
// reaches any, then run with -update-builtins.
func TestBuiltinInventory(t *testing.T) {
	var names []string
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		names = append(names, b.Name)
	}
	slices.Sort(names)
	got := strings.Join(names, "\n") + "\n"
	const file = "testdata/builtins.txt"
	if *updateBuiltins {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	reviewed := strings.Fields(string(b))
	for _, n := range names {
		if !slices.Contains(reviewed, n) {
			t.Errorf("OPA builtin %s is new: review whether it reaches files, the network or the environment (see forbidden in policy.go), then run go test -update-builtins", n)
		}
	}
	for name := range forbidden {
		if !slices.Contains(names, name) {
			t.Errorf("forbidden builtin %s is not one of OPA's: check the name", name)
		}
		if slices.ContainsFunc(capabilities().Builtins, func(b *ast.Builtin) bool { return b.Name == name }) {
			t.Errorf("%s is still in the capabilities", name)
		}
	}
}

// TestForbiddenBuiltins: a policy that calls a builtin reaching the machine
// does not load, by Load or Verify, and a file it names is never read.
func TestForbiddenBuiltins(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.json")
	if err := os.WriteFile(secret, []byte(`{"leaked_key": "LEAKED-VALUE"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	ref := "file://" + filepath.ToSlash(secret)
	calls := map[string]string{
		"http.send":          `http.send({"method": "GET", "url": "http://127.0.0.1:1/"})`,
		"net.lookup_ip_addr": `net.lookup_ip_addr("localhost")`,
		"json.verify_schema": fmt.Sprintf(`json.verify_schema({"$ref": %q})`, ref+"#/nope"),
		"json.match_schema":  fmt.Sprintf(`json.match_schema({}, {"$ref": %q})`, ref+"#/nope"),
		"opa.runtime":        `opa.runtime().env`,
	}
	if len(calls) != len(forbidden) {
		t.Fatalf("%d calls for %d forbidden builtins: test each one", len(calls), len(forbidden))
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			mod := "package p\n\ndeny contains sprintf(\"%v\", [x]) if {\n\tx := " + call + "\n}\n"
			opts := Options{NoBaseline: true, Modules: map[string]string{"p.rego": mod}}
			_, err := Load(opts)
			if err == nil {
				t.Fatalf("%s loads", name)
			}
			want := "p.rego:4:7: rego_type_error: " + name + " is not available: it would reach " + forbidden[name]
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q\nwant %q", err, want)
			}
			if strings.Contains(err.Error(), "leaked_key") || strings.Contains(err.Error(), "LEAKED") {
				t.Errorf("error shows the file: %s", err)
			}
			if _, err := Verify(context.Background(), opts, VerifyOptions{}); err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("Verify error %v", err)
			}
			// A test file cannot call it either (Verify parses tests too).
			test := "package p_test\n\ntest_x if {\n\tx := " + call + "\n\tx\n}\n"
			_, err = Verify(context.Background(), Options{NoBaseline: true, Modules: map[string]string{"p_test.rego": test}}, VerifyOptions{})
			if err == nil || !strings.Contains(err.Error(), name+" is not available") {
				t.Errorf("Verify of a test calling %s: %v", name, err)
			}
		})
	}
}

// TestAnnotationSchemaRef: a METADATA schemas entry with a file:// $ref is
// not loaded (annotation schemas are off; policies are checked against the
// request shape), so a missing file is no error and a present one is not
// shown.
func TestAnnotationSchemaRef(t *testing.T) {
	for _, ref := range []string{"file:///nonexistent/cognitolint-schema.json", "file:///etc/hostname"} {
		mod := "package p\n\n# METADATA\n# schemas:\n#   - input: {\"$ref\": \"" + ref + "\"}\n#   - data.x: {\"$ref\": \"" + ref + "\"}\ndeny contains \"x\" if { input.ClientName == data.x.y }\n"
		if _, err := Load(Options{NoBaseline: true, Modules: map[string]string{"p.rego": mod}}); err != nil {
			t.Errorf("%s: %v", ref, err)
		}
	}
}

// TestPrintAndTrace: print and trace compile in lint policies and write
// nothing: stdout carries only the report.
func TestPrintAndTrace(t *testing.T) {
	e := load(t, Options{NoBaseline: true, Modules: map[string]string{"p.rego": "package p\n\ndeny contains \"x\" if {\n\tprint(\"PRINTED\", input.ClientName)\n\ttrace(\"TRACED\")\n}\n"}})
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = w, w
	fs := eval(t, e, doc(t, "a.json", `{"ClientId": "a", "ClientName": "n"}`))
	os.Stdout, os.Stderr = stdout, stderr
	w.Close()
	out, _ := io.ReadAll(r)
	if len(out) > 0 {
		t.Errorf("evaluation wrote %q", out)
	}
	if got := brief(fs); len(got) != 1 {
		t.Errorf("findings %v; want the one deny", got)
	}
}

func TestExceptionName(t *testing.T) {
	for rule, want := range map[string]string{
		"deny": "", "violation": "", "warn": "", "deny_http": "http", "violation_run_as_root": "run_as_root",
		"warn_name": "name", "deny_a_b": "a_b",
	} {
		if got := exceptionName(rule); got != want {
			t.Errorf("exceptionName(%q) = %q; want %q", rule, got, want)
		}
	}
}

// TestIllTypedValuesLeftOut: a value of the wrong type (it has a model
// finding already) is absent from input and listed as unknown, so a policy
// type-checked against the request shape never fails on it: the baseline's
// regex.match on a number in CallbackURLs was a policy-error (and, before
// policy-error, stopped the whole run).
func TestIllTypedValuesLeftOut(t *testing.T) {
	e := load(t, Options{})
	d := doc(t, "w.json", `{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "w", "CallbackURLs": [1, "https://a.example/cb", null],
		"AllowedOAuthScopes": [true], "RefreshTokenValidity": "30", "AccessTokenValidity": null, "TokenValidityUnits": {"RefreshToken": 7},
		"ExplicitAuthFlows": {"a": 1}, "RefreshTokenRotation": {"Feature": "ENABLED", "RetryGracePeriodSeconds": "x"}, "AllowedOAuthFlows": "code"}`)
	d.Operation = "create"
	for _, f := range eval(t, e, d) {
		if f.Rule == ErrorRule {
			t.Errorf("policy error on ill-typed values: %s", f.Message)
		}
	}
	probe := load(t, Options{NoBaseline: true, Modules: map[string]string{"p.rego": `package p

deny contains sprintf("%v %v", [input, data.cognitolint.document.unknown]) if true
`}})
	fs := eval(t, probe, d)
	if len(fs) != 1 {
		t.Fatalf("findings %v", brief(fs))
	}
	for _, want := range []string{`"CallbackURLs": ["https://a.example/cb"]`, `"CallbackURLs[0]"`, `"CallbackURLs[2]"`, `"RefreshTokenValidity"`, `"TokenValidityUnits.RefreshToken"`, `"AllowedOAuthFlows"`} {
		if !strings.Contains(fs[0].Message, want) {
			t.Errorf("%s\nlacks %s", fs[0].Message, want)
		}
	}
	if strings.Contains(fs[0].Message, `"RefreshTokenValidity": "30"`) {
		t.Errorf("ill-typed value reached input: %s", fs[0].Message)
	}
}

// TestSecretOfAnyShapeRedacted: a ClientSecret that is a list or an
// object, and a secret value copied under another member, reach policies
// as "****".
func TestSecretOfAnyShapeRedacted(t *testing.T) {
	e := load(t, Options{NoBaseline: true, Modules: map[string]string{"p.rego": "package p\n\ndeny contains sprintf(\"%v\", [input]) if true\n"}})
	for _, src := range []string{
		`{"UserPoolId": "us-east-1_x", "ClientName": "n", "ClientSecret": ["topsecretvalue0123456789abc"]}`,
		`{"UserPoolId": "us-east-1_x", "ClientName": "n", "ClientSecret": {"v": "topsecretvalue0123456789abc"}}`,
	} {
		d := doc(t, "s.json", src)
		d.Operation = "create"
		for _, f := range eval(t, e, d) {
			if strings.Contains(f.Message, "topsecret") {
				t.Errorf("%s: policy saw the secret: %s", src, f.Message)
			}
		}
	}
	d := doc(t, "s.json", `{"UserPoolId": "us-east-1_x", "ClientName": "n", "ClientSecret": "topsecretvalue0123456789abc", "ExternalNote": "topsecretvalue0123456789abc"}`)
	d.Operation = "create"
	if len(d.Secrets) == 0 && (d.Source == nil || len(d.Source.Secrets) == 0) {
		t.Skip("the API JSON reader does not register the secret's value (it redacts by key)")
	}
	for _, f := range eval(t, e, d) {
		if strings.Contains(f.Message, "topsecret") {
			t.Errorf("policy saw the secret under another member: %s", f.Message)
		}
	}
}
