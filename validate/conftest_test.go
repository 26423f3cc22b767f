package validate

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// conftestCase is one run of the conftest-style suite under
// testdata/conftest: the policies of a shared conftest folder (package
// main with deny/violation/warn rules, string and object results,
// exceptions, a data file and a helper package; package org.cognito; and a
// package kubernetes written for other inputs) on one payload, with the
// results conftest gives (policy/engine.go of open-policy-agent/conftest,
// docs/exceptions.md):
//   - failures: results of deny*/violation* rules; warnings: of warn*;
//   - exceptions: `exception contains rules` naming a rule's suffix
//     (deny_http → "http"; "" for a bare deny, violation or warn) excepts
//     that rule's results on this input.
//
// Where conftest and cognitolint differ by design, the case says so:
// cognitolint counts an exception per excepted result (suppressed with the
// reason "exception in <package>"); conftest counts one per excepted rule,
// even when the rule had no result (conftest issues #545, #548).
type conftestCase struct {
	name       string
	namespaces []string
	input      string
	failures   []string
	warnings   []string
	exceptions []string // the suppressed results' messages
	// conftestExceptions is how many exceptions conftest reports.
	conftestExceptions int
}

var conftestCases = []conftestCase{
	{name: "main/web", namespaces: []string{"main"}, input: "web.json",
		failures: []string{"callback host evil.example is not allowed", "callback http://evil.example/cb is not https", "the implicit grant is banned"},
		warnings: []string{"refresh tokens last longer than 30 days"}},
	{name: "main/legacy excepted http", namespaces: []string{"main"}, input: "legacy.json",
		exceptions: []string{"callback http://app.corp.example/cb is not https"}, conftestExceptions: 1},
	// "" excepts the bare deny and the bare warn (which has no result
	// here: conftest counts it, cognitolint has nothing to suppress).
	{name: "main/tester excepted deny and name", namespaces: []string{"main"}, input: "tester.json",
		exceptions: []string{"client name \"Grant_Tester\" is not kebab-case", "the implicit grant is banned"}, conftestExceptions: 3},
	{name: "main/admin clean", namespaces: []string{"main"}, input: "admin.json"},
	{name: "org/web", namespaces: []string{"org.cognito"}, input: "web.json",
		failures: []string{"the admin scope is not allowed"}},
	{name: "org glob/admin excepted", namespaces: []string{"org.*"}, input: "admin.json",
		exceptions: []string{"the admin scope is not allowed"}, conftestExceptions: 1},
	{name: "main and org/web", namespaces: []string{"main", "org.cognito"}, input: "web.json",
		failures: []string{"callback host evil.example is not allowed", "callback http://evil.example/cb is not https", "the admin scope is not allowed", "the implicit grant is banned"},
		warnings: []string{"refresh tokens last longer than 30 days"}},
}

const conftestDir = "../testdata/conftest/"

func TestConftestSuite(t *testing.T) {
	for _, c := range conftestCases {
		t.Run(c.name, func(t *testing.T) {
			l, err := New(Options{NoBaseline: true, PolicyDirs: []string{conftestDir + "policy"},
				DataFiles: []string{conftestDir + "data.yaml"}, Namespaces: c.namespaces})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := l.LintPaths(context.Background(), []string{conftestDir + "inputs/" + c.input}, nil)
			if err != nil {
				t.Fatal(err)
			}
			var failures, warnings, exceptions []string
			for _, f := range rep.Findings {
				if f.Layer != "rego" {
					continue // built-in rules: not conftest's
				}
				switch f.Severity {
				case Error:
					failures = append(failures, f.Message)
				case Warning:
					warnings = append(warnings, f.Message)
				default:
					t.Errorf("finding %+v", f)
				}
			}
			for _, f := range rep.Suppressed {
				if !strings.HasPrefix(f.Reason, "exception in ") {
					t.Errorf("suppressed %+v", f)
				}
				exceptions = append(exceptions, f.Message)
			}
			for _, x := range [][]string{failures, warnings, exceptions} {
				slices.Sort(x)
			}
			check := func(what string, got, want []string) {
				if !slices.Equal(got, want) {
					t.Errorf("%s %q; want %q", what, got, want)
				}
			}
			check("failures", failures, c.failures)
			check("warnings", warnings, c.warnings)
			check("exceptions", exceptions, c.exceptions)
			checkWithConftest(t, c)
		})
	}
}

// checkWithConftest runs conftest itself on the case when the environment
// names its binary (COGNITOLINT_CONFTEST=/path/to/conftest): the suite's
// expectations must be conftest's results.
func checkWithConftest(t *testing.T, c conftestCase) {
	bin := os.Getenv("COGNITOLINT_CONFTEST")
	if bin == "" {
		return
	}
	args := []string{"test", "--no-color", "--output", "json", "--policy", conftestDir + "policy", "--data", conftestDir + "data.yaml"}
	for _, ns := range c.namespaces {
		args = append(args, "--namespace", ns)
	}
	out, _ := exec.Command(bin, append(args, conftestDir+"inputs/"+c.input)...).Output()
	var res []struct {
		Failures, Warnings, Exceptions []struct {
			Msg string `json:"msg"`
		}
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("conftest output %s: %v", out, err)
	}
	var failures, warnings []string
	exceptions := 0
	for _, r := range res {
		for _, f := range r.Failures {
			failures = append(failures, f.Msg)
		}
		for _, w := range r.Warnings {
			warnings = append(warnings, w.Msg)
		}
		exceptions += len(r.Exceptions)
	}
	slices.Sort(failures)
	slices.Sort(warnings)
	if !slices.Equal(failures, c.failures) || !slices.Equal(warnings, c.warnings) || exceptions != c.conftestExceptions {
		t.Errorf("conftest (%s): failures %q, warnings %q, %d exceptions; the case says %q, %q, %d",
			filepath.Base(bin), failures, warnings, exceptions, c.failures, c.warnings, c.conftestExceptions)
	}
}

// TestConftestFolderLoads: the shared folder's kubernetes package reads
// input.kind. Selected away by --namespace it is not type-checked and the
// folder loads; run (every package, cognitolint's default, or
// --all-namespaces) it is a load error that says how to select packages.
func TestConftestFolderLoads(t *testing.T) {
	for _, o := range []Options{{}, {AllNamespaces: true}} {
		o.NoBaseline, o.PolicyDirs, o.DataFiles = true, []string{conftestDir + "policy"}, []string{conftestDir + "data.yaml"}
		_, err := New(o)
		if err == nil || !strings.Contains(err.Error(), `kubernetes.rego:6:2: rego_type_error: input.kind: input has no member "kind"`) ||
			!strings.Contains(err.Error(), "--namespace main") {
			t.Errorf("all namespaces %v: error %v", o.AllNamespaces, err)
		}
	}
	for _, o := range []Options{
		{Namespaces: []string{"main", "org.cognito", "kubernetes"}},
		{Namespaces: []string{"nope"}},
		{Namespaces: []string{"main"}, AllNamespaces: true},
	} {
		o.NoBaseline, o.PolicyDirs, o.DataFiles = true, []string{conftestDir + "policy"}, []string{conftestDir + "data.yaml"}
		if _, err := New(o); err == nil {
			t.Errorf("%v loads", o.Namespaces)
		}
	}
	// The baseline pack runs whatever the namespaces.
	l, err := New(Options{PolicyDirs: []string{conftestDir + "policy"}, DataFiles: []string{conftestDir + "data.yaml"}, Namespaces: []string{"main"}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range l.Rules() {
		if r.Layer == "rego" {
			ids = append(ids, r.ID)
		}
	}
	if !slices.Contains(ids, "sec-implicit-grant") || !slices.Contains(ids, "main.deny_http") || slices.Contains(ids, "kubernetes.deny") || slices.Contains(ids, "org.cognito.deny_scopes") {
		t.Errorf("rules %v", ids)
	}
}
