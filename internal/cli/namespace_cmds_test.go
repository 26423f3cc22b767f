package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerifyAndRulesNamespace: verify and rules take --namespace as lint
// does, so a shared conftest folder with a package for other inputs
// (input.kind) runs the tests and lists the rules of the selected package;
// without it, the foreign package is a type error (exit 2) that says so.
func TestVerifyAndRulesNamespace(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"main.rego": `package main

deny contains msg if {
	some url in input.CallbackURLs
	startswith(url, "http://")
	msg := sprintf("%s is not https", [url])
}
`,
		"main_test.rego": `package main_test

import data.main

test_http_denied if {
	count(main.deny) == 1 with input as {"CallbackURLs": ["http://a.example.org"]}
}
`,
		"kubernetes.rego": `package kubernetes

deny contains msg if {
	input.kind == "Deployment"
	not input.spec.template.spec.securityContext.runAsNonRoot
	msg := "containers must not run as root"
}
`,
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := runCLI(t, "verify", "--no-baseline", "--policy", dir, "--namespace", "main")
	if code != ExitOK || !strings.Contains(stdout, "1 tests: 1 passed") {
		t.Errorf("verify --namespace main: exit %d\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = runCLI(t, "verify", "--no-baseline", "--policy", dir)
	if code != ExitTrouble || !strings.Contains(stderr, "--namespace main") {
		t.Errorf("verify without --namespace: exit %d, stderr %s", code, stderr)
	}
	code, stdout, stderr = runCLI(t, "rules", "--no-baseline", "--policy", dir, "--namespace", "main", "--format", "json")
	if code != ExitOK || !strings.Contains(stdout, `"main.deny"`) || strings.Contains(stdout, "kubernetes") {
		t.Errorf("rules --namespace main: exit %d\n%s%s", code, stdout, stderr)
	}
}
