package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cognitolint/cognitolint/rules"
)

// contextFiles maps the file names of a testdata/context fixture to the
// flags that give them.
var contextFiles = []struct{ file, flag string }{
	{"current.json", "--current"},
	{"pool.json", "--pool"},
	{"resource-servers.json", "--resource-servers"},
	{"identity-providers.json", "--identity-providers"},
}

// contextArgs returns the context flags for the files fixture dir holds.
func contextArgs(t *testing.T, dir string) []string {
	t.Helper()
	var args []string
	for _, c := range contextFiles {
		p := filepath.Join(dir, c.file)
		if _, err := os.Stat(p); err == nil {
			args = append(args, c.flag, p)
		}
	}
	if len(args) == 0 {
		t.Fatalf("%s holds no context file", dir)
	}
	return args
}

// TestGoldenContext lints each fixture directory under testdata/context
// (payload.json and its context files). A directory named after a rule
// must fail with that rule among its findings; one named ok--* must have
// no finding at all (built-in rules). Its output is the golden file
// DIR/out.
func TestGoldenContext(t *testing.T) {
	t.Chdir("../..")
	for _, dir := range fixtures(t, "testdata/context/*/payload.json") {
		dir = filepath.Dir(dir)
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			args := append([]string{"lint", "--no-color", "--no-baseline", "--fail-on", "info"}, contextArgs(t, dir)...)
			out, errOut, code := run(t, "", append(args, filepath.Join(dir, "payload.json"))...)
			if strings.HasPrefix(name, "ok--") {
				if code != ExitOK || out != "no problems in 1 file (1 document)\n" {
					t.Errorf("exit %d, output:\n%s%s", code, out, errOut)
				}
				return
			}
			if code != ExitFail {
				t.Errorf("exit code %d, want 1; stderr: %s", code, errOut)
			}
			rule, _, _ := strings.Cut(name, "--")
			var fired []string
			for _, m := range ruleTag.FindAllStringSubmatch(out, -1) {
				fired = append(fired, m[1])
			}
			if !slices.Contains(fired, rule) {
				t.Errorf("%s did not fire on its fixture; fired: %v", rule, fired)
			}
			// Without its context, the context check stays silent: the
			// output differs.
			plain, _, _ := run(t, "", "lint", "--no-color", "--no-baseline", "--fail-on", "info", filepath.Join(dir, "payload.json"))
			if plain == out {
				t.Errorf("the context files change nothing: the output is the same without them")
			}
			golden(t, filepath.Join(dir, "out"), out)
		})
	}
}

// contextAware are the rules with checks that run only with context,
// besides those whose Context is client or pool: each needs a fixture
// under testdata/context.
var contextAware = []string{
	"attributes-exist", "client-credentials-requires-secret", "oauth-scope-exists",
	"propagate-context-requires-secret", "supported-idp-exists", "update-omitted-fields-reset",
}

// TestEveryContextRuleHasAFixture: each rule of context client or pool,
// and each payload rule with a context check, has a fixture directory
// testdata/context/ID with payload.json.
func TestEveryContextRuleHasAFixture(t *testing.T) {
	t.Chdir("../..")
	ids := slices.Clone(contextAware)
	for _, r := range rules.All() {
		if r.Context != rules.ContextPayload {
			ids = append(ids, r.ID)
			if r.Summary == "" || r.Reference == "" {
				t.Errorf("rule %s lacks a summary or an AWS reference", r.ID)
			}
		}
	}
	for _, id := range ids {
		if rules.Lookup(id) == nil {
			t.Errorf("%s is not a rule", id)
		}
		if _, err := os.Stat("testdata/context/" + id + "/payload.json"); err != nil {
			t.Errorf("rule %s has no fixture testdata/context/%s/payload.json", id, id)
		}
	}
}

// TestBadContextFile: a context file that does not parse or is not of its
// shape exits 2 with file:line:col and the shape expected; the golden file
// is the stderr. The flag comes from the file name (KIND--what.json).
func TestBadContextFile(t *testing.T) {
	t.Chdir("../..")
	flags := map[string]string{"current": "--current", "pool": "--pool", "resource-servers": "--resource-servers", "identity-providers": "--identity-providers"}
	for _, file := range fixtures(t, "testdata/context/bad/*.json") {
		t.Run(filepath.Base(file), func(t *testing.T) {
			kind, _, _ := strings.Cut(filepath.Base(file), "--")
			flag := flags[kind]
			if flag == "" {
				t.Fatalf("no flag for %s", kind)
			}
			out, errOut, code := run(t, "", "lint", "--no-color", flag, file, "testdata/context/ok--pool/payload.json")
			if code != ExitTrouble || out != "" {
				t.Errorf("exit %d, stdout %q; want exit 2 and no output", code, out)
			}
			if !strings.Contains(errOut, file+":") || !strings.Contains(errOut, "expected") && !strings.Contains(errOut, "the output of") {
				t.Errorf("stderr does not name the file and the expected shape: %s", errOut)
			}
			golden(t, strings.TrimSuffix(file, ".json")+".err", errOut)
		})
	}
}

// TestContextSecretNeverPrinted: the current client's ClientSecret
// appears in no output format, and policies see it as "****".
func TestContextSecretNeverPrinted(t *testing.T) {
	t.Chdir("../..")
	const secret = "s3cr3tVALUEabcdefghijklmnop0123456789"
	dir := "testdata/context/update-omitted-fields-reset"
	cur, err := os.ReadFile(filepath.Join(dir, "current.json"))
	if err != nil || !strings.Contains(string(cur), secret) {
		t.Fatalf("the fixture must hold the secret: %v", err)
	}
	// A policy that echoes data.cognitolint.current.ClientSecret.
	pol := t.TempDir()
	if err := os.WriteFile(filepath.Join(pol, "echo.rego"), []byte(`package echo

import rego.v1

warn_echo contains msg if {
	msg := sprintf("secret %s, tier %v", [data.cognitolint.current.ClientSecret, object.get(data.cognitolint, ["pool", "UserPoolTier"], "none")])
}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "json", "sarif", "junit", "github"} {
		out, errOut, code := run(t, "", "lint", "--no-color", "--format", format, "--policy", pol, "--fail-on", "info",
			"--current", filepath.Join(dir, "current.json"), "--pool", "testdata/context/ok--pool/pool.json", filepath.Join(dir, "payload.json"))
		if code != ExitFail {
			t.Fatalf("%s: exit %d: %s", format, code, errOut)
		}
		if strings.Contains(out+errOut, secret) {
			t.Errorf("%s output shows the ClientSecret:\n%s", format, out)
		}
		if !strings.Contains(out, "secret ****, tier ESSENTIALS") {
			t.Errorf("%s: the policy did not see the context (redacted):\n%s", format, out)
		}
	}
}
