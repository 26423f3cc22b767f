package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/cognitolint/cognitolint/rules"
)

var update = flag.Bool("update", false, "rewrite golden files")

// run runs the CLI in-process from the repository root.
func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func fixtures(t *testing.T, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures match %s", pattern)
	}
	return files
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the output:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

var ruleTag = regexp.MustCompile(`\[([a-z0-9.:_-]+)\]\n`)

// TestGoldenErr lints every fixture under testdata/err: its output must be
// its golden file, it must fail, and the rule the fixture is named for
// must be among its findings. A fixture's .args file, when there is one,
// holds more flags (file-too-large's size limit).
func TestGoldenErr(t *testing.T) {
	t.Chdir("../..")
	for _, file := range fixtures(t, "testdata/err/*.json") {
		t.Run(filepath.Base(file), func(t *testing.T) {
			rule, _, _ := strings.Cut(strings.TrimSuffix(filepath.Base(file), ".json"), "--")
			args := []string{"lint", "--no-color", "--no-baseline", "--fail-on", "info"}
			if extra, err := os.ReadFile(strings.TrimSuffix(file, ".json") + ".args"); err == nil {
				args = append(args, strings.Fields(string(extra))...)
			}
			out, errOut, code := run(t, "", append(args, file)...)
			if code != ExitFail {
				t.Errorf("exit code %d, want 1 with --fail-on info; stderr: %s", code, errOut)
			}
			var fired []string
			for _, m := range ruleTag.FindAllStringSubmatch(out, -1) {
				fired = append(fired, m[1])
			}
			if !slices.Contains(fired, rule) {
				t.Errorf("%s did not fire on its fixture; fired: %v", rule, fired)
			}
			golden(t, strings.TrimSuffix(file, ".json")+".out", out)
		})
	}
}

// TestGoldenOK: the fixtures under testdata/ok are valid and secure: no
// finding at all, baseline pack included. Those under testdata/valid are
// what AWS accepts (boundary values, loopback callbacks): no built-in rule
// fires on them.
func TestGoldenOK(t *testing.T) {
	t.Chdir("../..")
	for _, c := range []struct {
		glob  string
		extra []string
	}{{"testdata/ok/*.json", nil}, {"testdata/valid/*.json", []string{"--no-baseline"}}} {
		for _, file := range fixtures(t, c.glob) {
			t.Run(file, func(t *testing.T) {
				args := append([]string{"--no-color", "--fail-on", "info"}, c.extra...)
				out, errOut, code := run(t, "", append(args, file)...)
				if code != ExitOK || out != "no problems in 1 file (1 document)\n" {
					t.Errorf("exit %d, output:\n%s%s", code, out, errOut)
				}
			})
		}
	}
}

// goldenElsewhere names the golden output of the rules a payload alone
// cannot trigger (a failing policy, a file that cannot be read), instead
// of testdata/err/ID.json.
var goldenElsewhere = map[string]string{
	"policy-error":    "testdata/policy/golden/lint-policy-error.out",
	"unreadable-file": "testdata/unreadable/unreadable-file.out",
}

// unreadableFixture is unreadable-file's fixture: a dangling symbolic link,
// made by TestGoldenUnreadableFile (testdata/unreadable/README.md).
const unreadableFixture = "testdata/unreadable/unreadable-file.json"

// TestGoldenUnreadableFile lints unreadable-file's fixture, a dangling link
// made in a temporary directory under the name it has in the repository:
// its output is its golden file and it exits 2.
func TestGoldenUnreadableFile(t *testing.T) {
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.MkdirAll(filepath.Dir(unreadableFixture), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("missing-target-of-this-link.json", unreadableFixture); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	out, errOut, code := run(t, "", "lint", "--no-color", "--no-baseline", "--fail-on", "info", unreadableFixture)
	if code != ExitTrouble || !strings.Contains(out, "[unreadable-file]") {
		t.Errorf("exit code %d, want 2; stderr: %s", code, errOut)
	}
	golden(t, filepath.Join(repo, strings.TrimSuffix(unreadableFixture, ".json")+".out"), out)
}

// TestEveryRuleHasAFixture: each built-in payload rule has a fixture
// under testdata/err named after it, or a golden output elsewhere.
func TestEveryRuleHasAFixture(t *testing.T) {
	t.Chdir("../..")
	for _, r := range rules.All() {
		if r.Context != rules.ContextPayload {
			continue
		}
		if g, ok := goldenElsewhere[r.ID]; ok {
			if b, err := os.ReadFile(g); err != nil || !strings.Contains(string(b), "["+r.ID+"]") {
				t.Errorf("rule %s: its golden output %s does not show it (%v)", r.ID, g, err)
			}
		} else if _, err := os.Stat("testdata/err/" + r.ID + ".json"); err != nil {
			t.Errorf("rule %s has no fixture testdata/err/%s.json", r.ID, r.ID)
		}
		if r.Summary == "" || r.Reference == "" {
			t.Errorf("rule %s lacks a summary or an AWS reference", r.ID)
		}
	}
}

// TestJSONOutputMatchesSchema validates --format json of every fixture
// against the report schema of cli.md.
func TestJSONOutputMatchesSchema(t *testing.T) {
	t.Chdir("../..")
	c := jsonschema.NewCompiler()
	schema, err := c.Compile("testdata/schemas/cognitolint-report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	files := append(fixtures(t, "testdata/err/*.json"), fixtures(t, "testdata/ok/*.json")...)
	files = append(files, fixtures(t, "testdata/valid/*.json")...)
	files = append(files, fixtures(t, "testdata/fix/*/input.json")...)
	fixes := 0
	for _, file := range files {
		out, _, code := run(t, "", "--format", "json", "--no-baseline", file)
		fixes += strings.Count(out, `"fix": {`)
		if code == ExitTrouble {
			t.Fatalf("%s: exit 2", file)
		}
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
		if err != nil {
			t.Fatalf("%s: output is not JSON: %v", file, err)
		}
		if err := schema.Validate(v); err != nil {
			t.Errorf("%s: %v", file, err)
		}
	}
	if fixes == 0 {
		t.Error("no output had a fix: the schema of fix is not tested")
	}
}

// TestJSONFields checks the fields of one finding against cli.md's example.
func TestJSONFields(t *testing.T) {
	t.Chdir("../..")
	out, _, code := run(t, "", "--format", "json", "--no-baseline", "--disable", "update-omitted-fields-reset", "testdata/update/http-callback.json")
	if code != ExitFail {
		t.Fatalf("exit %d", code)
	}
	var rep struct {
		Version  int
		Summary  map[string]int
		Findings []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"rule": "redirect-uri-https", "severity": "error", "hint": `use "https://app.example.com/cb"`,
		"file": "testdata/update/http-callback.json", "line": 7.0, "column": 5.0, "path": "CallbackURLs[1]",
		"resource": "", "operation": "update", "layer": "go", "policy": "",
	}
	if len(rep.Findings) != 1 {
		t.Fatalf("want 1 finding, got %v", rep.Findings)
	}
	for k, v := range want {
		if rep.Findings[0][k] != v {
			t.Errorf("%s = %#v, want %#v", k, rep.Findings[0][k], v)
		}
	}
	if !strings.HasPrefix(rep.Findings[0]["message"].(string), `CallbackURLs[1] "http://app.example.com/cb" must use https`) {
		t.Errorf("message = %q", rep.Findings[0]["message"])
	}
	if rep.Version != 1 || rep.Summary["errors"] != 1 || rep.Summary["files"] != 1 || rep.Summary["documents"] != 1 {
		t.Errorf("summary = %v", rep.Summary)
	}
}
