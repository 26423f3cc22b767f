package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const bulkTemplate = `Resources:
  WebClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: us-east-1_AbCd12345
      ClientName: web
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [code]
      AllowedOAuthScopes: [openid]
      CallbackURLs:
        - http://web.example.com/cb
  AdminClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: us-east-1_AbCd12345
      ClientName: admin
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [code]
      AllowedOAuthScopes: [openid]
      CallbackURLs:
        - http://admin.example.com/cb
`

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBulkSuppressions is the round trip of bulk suppressions: record the
// findings of a repository, then only new ones fail, moved lines change
// nothing, a fixed one is reported as stale and pruned.
func TestBulkSuppressions(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	if err := os.Mkdir(".git", 0o755); err != nil {
		t.Fatal(err)
	}
	tmpl := filepath.Join("infra", "clients.yaml")
	writeFile(t, tmpl, bulkTemplate)
	writeFile(t, filepath.Join("infra", "api", "update.json"), `{"UserPoolId": "us-east-1_AbCd12345", "ClientId": "abc", "CallbackURLs": ["http://x.example.com/cb"], "AllowedOAuthFlowsUserPoolClient": true, "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"]}`)
	lint := func(args ...string) (string, string, int) {
		t.Helper()
		return run(t, "", append([]string{"lint", "--no-baseline", "--no-color"}, args...)...)
	}

	if _, _, code := lint("infra"); code != ExitFail {
		t.Fatalf("before: exit %d, want 1", code)
	}
	out, errOut, code := lint("--suppress-all", "infra")
	if code != ExitOK || !strings.Contains(errOut, "cognitolint-suppressions.json: 3 entries recorded") {
		t.Fatalf("--suppress-all: exit %d\n%s%s", code, out, errOut)
	}
	var file map[string]map[string]struct{ Count int }
	b, err := os.ReadFile("cognitolint-suppressions.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &file); err != nil {
		t.Fatal(err)
	}
	if file["infra/clients.yaml"]["redirect-uri-https"].Count != 2 || file["infra/api/update.json"]["redirect-uri-https"].Count != 1 ||
		file["infra/api/update.json"]["update-omitted-fields-reset"].Count != 1 || len(file) != 2 {
		t.Fatalf("the file records %s", b)
	}

	// Recorded findings pass, counted as suppressed with the reason.
	out, errOut, code = lint("--format", "json", "infra")
	if code != ExitOK || errOut != "" {
		t.Fatalf("after: exit %d\n%s", code, errOut)
	}
	var rep struct {
		Findings   []map[string]any
		Suppressed []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 || len(rep.Suppressed) != 4 || rep.Suppressed[0]["reason"] != "bulk suppression (cognitolint-suppressions.json)" {
		t.Fatalf("findings %v, suppressed %v", rep.Findings, rep.Suppressed)
	}

	// A walk of the repository passes over the suppressions file, not
	// even counting it as skipped.
	if out, _, code := lint("."); code != ExitOK || strings.Contains(out, "skipped") {
		t.Errorf("lint .: exit %d\n%s", code, out)
	}

	// From a subdirectory, the file at the repository root applies.
	t.Chdir("infra")
	if out, errOut, code := lint("."); code != ExitOK {
		t.Fatalf("from infra/: exit %d\n%s%s", code, out, errOut)
	}
	t.Chdir(root)

	// Moving lines (a comment on top, the clients swapped) changes nothing.
	i := strings.Index(bulkTemplate, "  AdminClient:")
	moved := "# moved\n\n" + "Resources:\n" + bulkTemplate[i:] + bulkTemplate[len("Resources:\n"):i]
	writeFile(t, tmpl, moved)
	if out, errOut, code := lint("infra"); code != ExitOK || errOut != "" {
		t.Fatalf("moved: exit %d\n%s%s", code, out, errOut)
	}

	// A new finding of a recorded rule in that file fails, and every
	// finding of the rule there is shown: which one is new is not known.
	writeFile(t, tmpl, strings.Replace(bulkTemplate, "        - http://admin.example.com/cb\n", "        - http://admin.example.com/cb\n        - http://admin2.example.com/cb\n", 1))
	out, _, code = lint("infra")
	if code != ExitFail || strings.Count(out, "[redirect-uri-https]") != 3 || !strings.Contains(out, "2 findings suppressed") {
		t.Fatalf("new finding: exit %d\n%s", code, out)
	}

	// One fixed: the run passes and says the entry no longer occurs.
	writeFile(t, tmpl, strings.Replace(bulkTemplate, "http://web.example.com/cb", "https://web.example.com/cb", 1))
	out, errOut, code = lint("infra")
	if code != ExitOK || !strings.Contains(errOut, "cognitolint-suppressions.json: 1 entry no longer occurs (infra/clients.yaml: redirect-uri-https recorded 2, found 1); --prune-suppressions drops them") {
		t.Fatalf("fixed one: exit %d\n%s%s", code, out, errOut)
	}
	// Linting another file says nothing about this one's entries.
	if _, errOut, _ := lint("infra/api"); errOut != "" {
		t.Errorf("a file not linted reported stale: %s", errOut)
	}
	_, errOut, code = lint("--prune-suppressions", "infra")
	if code != ExitOK || !strings.Contains(errOut, "1 entry pruned, 3 entries left") {
		t.Fatalf("prune: exit %d\n%s", code, errOut)
	}
	if b, _ := os.ReadFile("cognitolint-suppressions.json"); !strings.Contains(string(b), `"infra/clients.yaml": {
    "redirect-uri-https": {
      "count": 1
    }
  }`) {
		t.Fatalf("after prune: %s", b)
	}
	if _, errOut, code := lint("infra"); code != ExitOK || errOut != "" {
		t.Fatalf("after prune: exit %d\n%s", code, errOut)
	}
	// A deleted file's entries go at the next prune.
	if err := os.RemoveAll(filepath.Join("infra", "api")); err != nil {
		t.Fatal(err)
	}
	if _, errOut, _ := lint("--prune-suppressions", "infra"); !strings.Contains(errOut, "2 entries pruned, 1 entry left") {
		t.Errorf("deleted file: %s", errOut)
	}
}

func TestBulkSuppressionsLocation(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	writeFile(t, "clients.yaml", bulkTemplate)
	lint := func(args ...string) (string, string, int) {
		t.Helper()
		return run(t, "", append([]string{"lint", "--no-baseline", "--no-color"}, args...)...)
	}
	// No repository: the working directory.
	if _, errOut, code := lint("--suppress-all", "clients.yaml"); code != ExitOK || !strings.Contains(errOut, "cognitolint-suppressions.json: 1 entry recorded") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if _, err := os.Stat("cognitolint-suppressions.json"); err != nil {
		t.Fatal(err)
	}
	// --suppressions-location names another file, relative paths in it
	// relative to its directory.
	if _, _, code := lint("--suppressions-location", "ci/s.json", "clients.yaml"); code != ExitTrouble {
		t.Errorf("a missing --suppressions-location: exit %d, want 2", code)
	}
	writeFile(t, "ci/.keep", "")
	if _, _, code := lint("--suppressions-location", "ci/s.json", "--suppress-all", "clients.yaml"); code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	if b, _ := os.ReadFile("ci/s.json"); !strings.Contains(string(b), `"../clients.yaml"`) {
		t.Errorf("ci/s.json: %s", b)
	}
	if _, _, code := lint("--suppressions-location", "ci/s.json", "clients.yaml"); code != ExitOK {
		t.Errorf("exit %d", code)
	}
	// A file that does not parse is an error at its position.
	writeFile(t, "ci/bad.json", "{\n  \"a.yaml\": {\"x\": {\"count\": \"2\"}}\n}\n")
	if _, errOut, code := lint("--suppressions-location", "ci/bad.json", "clients.yaml"); code != ExitTrouble || !strings.Contains(errOut, "ci/bad.json:2:") {
		t.Errorf("bad file: exit %d: %s", code, errOut)
	}
	writeFile(t, "ci/bad.json", "{\"a.yaml\": {\"x\": {\"count\": 0}}}")
	if _, errOut, code := lint("--suppressions-location", "ci/bad.json", "clients.yaml"); code != ExitTrouble || !strings.Contains(errOut, "count 0") {
		t.Errorf("count 0: exit %d: %s", code, errOut)
	}
}

// TestInlineSuppressionsCLI: inline suppressions are counted in the text
// summary and listed with their reasons in the JSON output.
func TestInlineSuppressionsCLI(t *testing.T) {
	t.Chdir("../..")
	out, errOut, code := run(t, "", "lint", "--no-color", "testdata/suppress/multi-client.yaml")
	if code != ExitOK || !strings.HasSuffix(out, "\n1 warning, 1 info in 1 file (2 documents); 6 findings suppressed, 2 values not checked (unknown until deploy)\n") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	out, _, _ = run(t, "", "lint", "--format", "json", "testdata/suppress/main.tf")
	var rep struct {
		Summary    map[string]int
		Suppressed []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Summary["suppressed"] != 6 || rep.Suppressed[0]["reason"] != "internal tool behind the corporate IdP; reviewed by security" {
		t.Errorf("summary %v, suppressed %v", rep.Summary, rep.Suppressed)
	}
	// SARIF: a suppression written in the file is of kind inSource.
	out, _, _ = run(t, "", "lint", "--format", "sarif", "testdata/suppress/main.tf")
	var log struct {
		Runs []struct {
			Results []struct {
				Suppressions []struct{ Kind, Justification string }
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range log.Runs[0].Results {
		for _, s := range r.Suppressions {
			n++
			if s.Kind != "inSource" || s.Justification == "" {
				t.Errorf("suppression %+v", s)
			}
		}
	}
	if n != 6 {
		t.Errorf("%d SARIF suppressions, want 6", n)
	}
}
