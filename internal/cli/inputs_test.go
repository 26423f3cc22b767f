package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// badPayload has one error finding (an http callback URL).
const badPayload = `{"UserPoolId": "us-east-1_A1", "ClientName": "x", "AllowedOAuthFlowsUserPoolClient": true, "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"], "CallbackURLs": ["http://a.example.com/cb"]}`

func writeFiles(t *testing.T, files map[string]string) {
	t.Helper()
	for name, src := range files {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readJSONReport(t *testing.T, path string) (rep struct {
	Summary  map[string]int
	Findings []struct{ Rule, File string }
}) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rep
}

// A dangling link beside good files: an unreadable-file finding, the rest
// linted, every output written, exit 2.
func TestUnreadableFileExits2WithOutputs(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, map[string]string{"in/a.json": badPayload, "in/z.json": badPayload})
	if err := os.Symlink("gone.json", "in/dangling.json"); err != nil {
		t.Skip(err)
	}
	code, stdout, stderr := runCLI(t, "lint", "--no-baseline", "--no-color", "--format", "text",
		"--format", "json=o.json", "--format", "sarif=o.sarif", "--format", "junit=o.xml", "--format", "github=o.txt", "in")
	if code != ExitTrouble {
		t.Errorf("exit %d, want 2; stderr %s", code, stderr)
	}
	if !strings.Contains(stdout, "in/dangling.json: error: the file cannot be read: it is a dangling symbolic link") ||
		!strings.Contains(stdout, "in/z.json:1:") || !strings.Contains(stderr, "some input could not be linted") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
	rep := readJSONReport(t, "o.json")
	if len(rep.Findings) != 3 || rep.Findings[1].Rule != "unreadable-file" || rep.Summary["files"] != 2 {
		t.Errorf("json: %+v", rep)
	}
	for _, f := range []string{"o.sarif", "o.xml", "o.txt"} {
		if b, err := os.ReadFile(f); err != nil || !strings.Contains(string(b), "unreadable-file") {
			t.Errorf("%s: %v %s", f, err, b)
		}
	}
}

// One output that cannot be written does not stop the others; it fails
// the run (exit 2) and leaves nothing at its path.
func TestOneBadOutputKeepsTheOthers(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, map[string]string{"in/a.json": badPayload})
	code, _, stderr := runCLI(t, "lint", "--no-baseline", "--format", "json=o.json",
		"--format", "sarif=nonexistent/x.sarif", "--format", "junit=o.xml", "in")
	if code != ExitTrouble || !strings.Contains(stderr, "--format sarif=nonexistent/x.sarif: directory nonexistent: no such file or directory") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if rep := readJSONReport(t, "o.json"); len(rep.Findings) != 1 {
		t.Errorf("o.json: %+v", rep)
	}
	if b, err := os.ReadFile("o.xml"); err != nil || !strings.Contains(string(b), "<testsuites") {
		t.Errorf("o.xml: %v %s", err, b)
	}
	assertNoTemporaryFiles(t, ".")
}

// Outputs are written to a temporary file and renamed: after a run that
// fails (nothing linted: a missing path, a bad config, a bad flag value),
// no report of an earlier run is left at an output's path; after a run
// that succeeds, the file holds this run's report.
func TestNoStaleOutputAfterFailedRun(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, map[string]string{"in/a.json": badPayload})
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"missing path", []string{"in/missing.json"}},
		{"bad max-file-size", []string{"--max-file-size", "ten", "in"}},
		{"bad config", []string{"--config", "nope.yaml", "in"}},
		{"bad rule", []string{"--disable", "no-such-rule", "in"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			writeFiles(t, map[string]string{"o.sarif": "stale", "o.json": "stale"})
			args := append([]string{"lint", "--no-baseline", "--format", "sarif=o.sarif", "--format", "json=o.json"}, tc.args...)
			code, _, stderr := runCLI(t, args...)
			if code != ExitTrouble {
				t.Errorf("exit %d, stderr %s", code, stderr)
			}
			for _, f := range []string{"o.sarif", "o.json"} {
				if _, err := os.Stat(f); !os.IsNotExist(err) {
					t.Errorf("%s survived a failed run (%v)", f, err)
				}
			}
			assertNoTemporaryFiles(t, ".")
		})
	}
	writeFiles(t, map[string]string{"o.json": "stale"})
	if code, _, stderr := runCLI(t, "lint", "--no-baseline", "--format", "json=o.json", "in"); code != ExitFail {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if rep := readJSONReport(t, "o.json"); len(rep.Findings) != 1 {
		t.Errorf("o.json: %+v", rep)
	}
	if info, err := os.Stat("o.json"); err != nil || info.Mode().Perm()&0o044 != 0o044 {
		t.Errorf("o.json is not readable by all: %v %v", info.Mode(), err)
	}
}

func assertNoTemporaryFiles(t *testing.T, dir string) {
	t.Helper()
	tmp, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// --max-file-size: a larger file (stdin too) is a file-too-large finding;
// the other files are linted.
func TestMaxFileSizeFlag(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	big := strings.Repeat(" ", 2048) + badPayload
	writeFiles(t, map[string]string{"in/big.json": big, "in/small.json": badPayload})
	var out strings.Builder
	code := Main([]string{"lint", "--no-baseline", "--no-color", "--max-file-size", "2KiB", "in", "-"}, strings.NewReader(big), &out, &out)
	if code != ExitFail {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{
		"-: error: stdin is over the size limit of 2 KiB (--max-file-size): not read [file-too-large]",
		"in/big.json: error: the file is 2.1 KiB, over the size limit of 2 KiB (--max-file-size): not read [file-too-large]",
		"in/small.json:1:",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	for _, bad := range []string{"0", "-1", "10XB", "1.5MiB", ""} {
		if code, _, stderr := runCLI(t, "lint", "--max-file-size", bad, "in"); code != ExitTrouble || !strings.Contains(stderr, "--max-file-size") {
			t.Errorf("--max-file-size %q: exit %d, %s", bad, code, stderr)
		}
	}
}
