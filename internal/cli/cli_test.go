package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExitCodes(t *testing.T) {
	t.Chdir("../..")
	for _, c := range []struct {
		name string
		args []string
		code int
		out  string // substring of stdout
		err  string // substring of stderr
	}{
		{"clean", []string{"--no-baseline", "testdata/ok/create.json"}, 0, "no problems in 1 file (1 document)\n", ""},
		{"error finding", []string{"--no-baseline", "testdata/update/http-callback.json"}, 1, "[redirect-uri-https]", ""},
		{"warning under fail-on error", []string{"--no-baseline", "testdata/err/redirect-uri-wildcard.json"}, 0, "[redirect-uri-wildcard]", ""},
		{"warning with fail-on warning", []string{"--no-baseline", "--fail-on", "warning", "testdata/err/redirect-uri-wildcard.json"}, 1, "", ""},
		{"fail-on never", []string{"--no-baseline", "--fail-on", "never", "testdata/update/http-callback.json"}, 0, "", ""},
		{"syntax error is a finding", []string{"--no-baseline", "testdata/err/syntax.json"}, 1, "[syntax]", ""},
		{"flags after paths", []string{"testdata/update/http-callback.json", "--no-baseline", "--fail-on", "never"}, 0, "", ""},
		{"disable", []string{"--no-baseline", "--disable", "redirect-uri-https", "--disable", "update-omitted-fields-reset", "testdata/update/http-callback.json"}, 0, "no problems", ""},
		{"severity", []string{"--no-baseline", "--severity", "redirect-uri-https=info", "--fail-on", "warning", "--disable", "update-omitted-fields-reset", "testdata/update/http-callback.json"}, 0, "info: CallbackURLs[1]", ""},
		{"operation forced", []string{"--no-baseline", "--operation", "update", "testdata/ok/create.json"}, 1, "[model-required-member]", ""},
		{"missing file", []string{"nope.json"}, 2, "", "nope.json: no such file or directory"},
		{"no paths", []string{}, 2, "", "no files to lint"},
		{"bad flag", []string{"--frmat", "json", "x.json"}, 2, "", "unknown flag: --frmat (did you mean --format?)"},
		{"bad format", []string{"--format", "xml", "testdata/ok/create.json"}, 2, "", `unknown format "xml"`},
		{"two formats to stdout", []string{"--format", "text", "--format", "json", "testdata/ok/create.json"}, 2, "", "both write to stdout"},
		{"bad fail-on", []string{"--fail-on", "fatal", "testdata/ok/create.json"}, 2, "", `--fail-on "fatal"`},
		{"bad operation", []string{"--operation", "delete", "testdata/ok/create.json"}, 2, "", `unknown operation "delete"`},
		{"unknown rule", []string{"--disable", "redirect-uri-http", "testdata/ok/create.json"}, 2, "", `did you mean "redirect-uri-https"`},
		{"bad severity", []string{"--severity", "redirect-uri-https", "testdata/ok/create.json"}, 2, "", "write ID=LEVEL"},
		{"version", []string{"version"}, 0, "cognitolint " + buildVersion().String() + "\n", ""},
		{"rules", []string{"rules"}, 0, "redirect-uri-https", ""},
		{"rules markdown", []string{"rules", "--format", "markdown"}, 0, "| [`redirect-uri-https`](#redirect-uri-https) | error |", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := run(t, "", c.args...)
			if code != c.code || !strings.Contains(out, c.out) || !strings.Contains(errOut, c.err) {
				t.Errorf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, c.code, out, errOut)
			}
		})
	}
}

func TestStdin(t *testing.T) {
	out, _, code := run(t, `{"UserPoolId": "us-east-1_A1", "ClientName": "x", "AllowedOAuthFlowsUserPoolClient": true, "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"], "CallbackURLs": ["http://a.example.com/cb"]}`, "--no-baseline", "-")
	if code != ExitFail || !strings.HasPrefix(out, "-:1:") {
		t.Errorf("exit %d: %s", code, out)
	}
}

func TestFormatToFile(t *testing.T) {
	t.Chdir("../..")
	path := filepath.Join(t.TempDir(), "out.json")
	out, errOut, code := run(t, "", "--no-baseline", "--format", "text", "--format", "json="+path, "testdata/update/http-callback.json")
	if code != ExitFail || !strings.Contains(out, "[redirect-uri-https]") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct{ Findings []struct{ Rule string } }
	if err := json.Unmarshal(b, &rep); err != nil || len(rep.Findings) != 2 {
		t.Errorf("json file: %v %s", err, b)
	}
}

// TestSecretNeverPrinted: a ClientSecret never reaches any output.
func TestSecretNeverPrinted(t *testing.T) {
	const secret = "Th1sIsTheClientSecretValue0123"
	src := `{"UserPoolClient": {"UserPoolId": "us-east-1_A1", "ClientId": "abc", "ClientName": "x", "ClientSecret": "` + secret + `", "DefaultRedirectURI": "` + secret + `"}}`
	for _, args := range [][]string{{"--no-baseline", "-"}, {"--no-baseline", "--format", "json", "-"}, {"--no-baseline", "--operation", "update", "-"}} {
		out, errOut, _ := run(t, src, args...)
		if strings.Contains(out+errOut, secret) {
			t.Errorf("%v printed the secret:\n%s%s", args, out, errOut)
		}
		if !strings.Contains(out, "****") && args[1] != "--format" {
			t.Errorf("%v: expected a redacted source line:\n%s", args, out)
		}
	}
}

func TestColor(t *testing.T) {
	t.Chdir("../..")
	out, _, _ := run(t, "", "--no-baseline", "testdata/update/http-callback.json")
	if strings.Contains(out, "\x1b[") {
		t.Error("colour written to a non-terminal")
	}
	t.Setenv("NO_COLOR", "1")
	if colorTerminal(os.Stdout) {
		t.Error("colour despite NO_COLOR")
	}
}

// TestRuleCatalogCurrent: docs/rules.md is what `rules --format markdown`
// prints (regenerate it with -update).
func TestRuleCatalogCurrent(t *testing.T) {
	t.Chdir("../..")
	out, _, code := run(t, "", "rules", "--format", "markdown")
	if code != ExitOK {
		t.Fatal(code)
	}
	golden(t, "docs/rules.md", out)
}
