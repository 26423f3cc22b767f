package cli

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// -update rewrites the golden files: go test ./internal/cli -update. The
// flag is defined here unless another test file of the package defines it
// (package variables are initialized before any init runs).
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestPolicyGolden runs the command line on policies, data files and
// payloads under testdata/policy and compares stdout, stderr and the exit
// code with testdata/policy/golden/NAME.out.
func TestPolicyGolden(t *testing.T) {
	const td = "../../testdata/policy/"
	tests := []struct {
		name string
		args []string
		// regoOnly keeps only the rego rules of a listing, so that the
		// golden file does not change with every new built-in rule.
		regoOnly bool
	}{
		{"lint-org-text", []string{"lint", "--no-color", "--policy", td + "org", "--data", td + "allowed.yaml", "--data", td + "limits.json", td + "payloads/update.json"}, false},
		{"lint-org-json", []string{"lint", "--format", "json", "--policy", td + "org", "--data", td + "allowed.yaml", "--data", td + "limits.json", td + "payloads/update.json"}, false},
		{"lint-secure-clean", []string{"lint", "--policy", td + "org", "--policy", td + "conftest", "--data", td + "allowed.yaml", "--data", td + "limits.json", td + "payloads/secure.json"}, false},
		{"lint-conftest-style", []string{"lint", "--no-baseline", "--policy", td + "conftest", td + "payloads/update.json"}, false},
		{"lint-disable-baseline-rules", []string{"lint", "--disable", "sec-*", "--enable", "sec-implicit-grant", td + "payloads/update.json"}, false},
		{"lint-baseline-severity", []string{"lint", "--severity", "sec-implicit-grant=error", "--disable", "sec-localhost-name", td + "payloads/update.json"}, false},
		{"lint-broken-policy", []string{"lint", "--policy", td + "broken", td + "payloads/update.json"}, false},
		{"lint-missing-data", []string{"lint", "--policy", td + "org", "--data", td + "nope.json", td + "payloads/update.json"}, false},
		{"lint-policy-error", []string{"lint", "--no-baseline", "--policy", td + "erroring", "--policy", td + "conftest", td + "payloads/query-colon.json", td + "payloads/update.json"}, false},
		{"lint-policy-error-json", []string{"lint", "--no-baseline", "--format", "json", "--policy", td + "erroring", "--policy", td + "conftest", td + "payloads/query-colon.json", td + "payloads/update.json"}, false},
		{"lint-conftest-namespace", []string{"lint", "--no-color", "--no-baseline", "--namespace", "main", "--policy", "../../testdata/conftest/policy", "--data", "../../testdata/conftest/data.yaml", "../../testdata/conftest/inputs/legacy.json", "../../testdata/conftest/inputs/web.json"}, false},
		{"lint-conftest-all-namespaces", []string{"lint", "--no-color", "--no-baseline", "--all-namespaces", "--policy", "../../testdata/conftest/policy", "../../testdata/conftest/inputs/web.json"}, false},
		{"rules-with-policies", []string{"rules", "--policy", td + "org", "--policy", td + "conftest"}, true},
		{"rules-no-baseline-markdown", []string{"rules", "--no-baseline", "--policy", td + "org", "--format", "markdown"}, true},
		{"verify-org", []string{"verify", "--no-baseline", "--policy", td + "org"}, false},
		{"verify-failing", []string{"verify", "--no-baseline", "--policy", td + "failing"}, false},
		{"verify-broken", []string{"verify", "--policy", td + "broken"}, false},
		{"verify-run-filter", []string{"verify", "--run", "implicit"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Main(tt.args, strings.NewReader(""), &stdout, &stderr)
			if tt.regoOnly {
				var kept []string
				for _, line := range strings.SplitAfter(stdout.String(), "\n") {
					if strings.Contains(line, " rego ") || strings.Contains(line, "| rego |") || strings.HasPrefix(line, "| id ") || strings.HasPrefix(line, "| ---") {
						kept = append(kept, line)
					}
				}
				stdout.Reset()
				stdout.WriteString(strings.Join(kept, ""))
			}
			got := fmt.Sprintf("$ cognitolint %s\nexit %d\n--- stdout\n%s--- stderr\n%s",
				strings.ReplaceAll(strings.Join(tt.args, " "), td, "testdata/policy/"), code,
				strings.ReplaceAll(stdout.String(), td, "testdata/policy/"),
				strings.ReplaceAll(stderr.String(), td, "testdata/policy/"))
			golden := filepath.Join(td, "golden", tt.name+".out")
			if updating() {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/cli -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (go test ./internal/cli -update rewrites it):\n--- got\n%s\n--- want\n%s", golden, got, want)
			}
		})
	}
}
