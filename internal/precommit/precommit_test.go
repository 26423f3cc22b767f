package precommit

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const badPayload = `{
  "UserPoolId": "us-east-1_AbCd12345",
  "ClientName": "web",
  "AllowedOAuthFlows": ["code", "token"],
  "AllowedOAuthFlowsUserPoolClient": true,
  "AllowedOAuthScopes": ["openid"],
  "CallbackURLs": ["https://app.acme-corp.io/callback"]
}
`

const goodPayload = `{
  "UserPoolId": "us-east-1_AbCd12345",
  "ClientName": "web",
  "AllowedOAuthFlows": ["code"],
  "AllowedOAuthFlowsUserPoolClient": true,
  "AllowedOAuthScopes": ["openid"],
  "CallbackURLs": ["https://app.acme-corp.io/callback"]
}
`

// The files of a repository that has nothing to do with Cognito: the hook
// gets them too (types json, yaml, terraform) and must pass them silently.
var unrelated = map[string]string{
	"package.json":   `{"name": "web", "version": "1.0.0"}` + "\n",
	"compose.yaml":   "services:\n  web:\n    image: nginx\n",
	"infra/main.tf":  "variable \"region\" {\n  default = \"us-east-1\"\n}\n",
	"docs/notes.txt": "not linted\n",
}

// TestPreCommitHook installs the hook from this checkout's HEAD commit into
// a fresh repository, as a user's three lines of .pre-commit-config.yaml
// would, and runs `pre-commit run --all-files`: it must fail on a bad
// payload, naming the rule, and pass once the payload is fixed.
func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the pre-commit test builds cognitolint in a fresh pre-commit environment")
	}
	preCommit, err := exec.LookPath("pre-commit")
	if err != nil {
		t.Skip("pre-commit is not on PATH (apt-get install pre-commit, or pip install pre-commit); .ci/run installs it")
	}
	gitBin, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not on PATH: the pre-commit test needs it")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	if d, ok := t.Deadline(); ok {
		ctx, cancel = context.WithDeadline(context.Background(), d.Add(-30*time.Second))
	}
	defer cancel()

	git := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.CommandContext(ctx, gitBin, append([]string{"-C", dir}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if out, err := exec.CommandContext(ctx, gitBin, "-C", root, "rev-parse", "--verify", "HEAD").CombinedOutput(); err != nil {
		t.Skipf("%s is not a git checkout with a commit (%v: %s): the hook is installed from a commit", root, err, bytes.TrimSpace(out))
	}
	rev := git(root, "rev-parse", "HEAD")
	if err := exec.CommandContext(ctx, gitBin, "-C", root, "cat-file", "-e", rev+":.pre-commit-hooks.yaml").Run(); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml is not in commit %s: pre-commit installs hooks from the commit, not the working tree; commit it", rev)
	}
	if st := git(root, "status", "--porcelain", "--untracked-files=no"); st != "" {
		t.Logf("note: the hook is built from commit %s; uncommitted changes are not tested:\n%s", rev, st)
	}

	// Go settings: reuse this machine's module and build caches (pre-commit
	// gives the hook its own GOPATH, and downloading every module again is
	// slow or impossible offline); GOFLAGS and GOPROXY pass through.
	goEnv := func(name string) string {
		out, err := exec.CommandContext(ctx, "go", "env", name).Output()
		if err != nil {
			t.Fatalf("go env %s: %v", name, err)
		}
		return strings.TrimSpace(string(out))
	}
	work := t.TempDir()
	env := append(os.Environ(),
		"PRE_COMMIT_HOME="+filepath.Join(work, "pre-commit-cache"),
		"GOMODCACHE="+goEnv("GOMODCACHE"),
		"GOCACHE="+goEnv("GOCACHE"),
		"GOTOOLCHAIN=local",
		"NO_COLOR=1",
		"GIT_CONFIG_NOSYSTEM=1",
	)

	repo := filepath.Join(work, "repo")
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(repo, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	git(repo, "init", "-q")
	write(".pre-commit-config.yaml", "repos:\n- repo: "+root+"\n  rev: "+rev+"\n  hooks:\n  - id: cognitolint\n")
	for name, content := range unrelated {
		write(name, content)
	}
	write("clients/web.json", badPayload)
	git(repo, "add", "-A")

	runHook := func() (int, string) {
		t.Helper()
		cmd := exec.CommandContext(ctx, preCommit, "run", "--all-files", "--color", "never")
		cmd.Dir = repo
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if ctx.Err() != nil {
			t.Fatalf("pre-commit did not finish in time: %v\n%s", ctx.Err(), out)
		}
		if err != nil {
			if ee, ok := err.(*exec.ExitError); ok {
				return ee.ExitCode(), string(out)
			}
			t.Fatalf("pre-commit: %v\n%s", err, out)
		}
		return 0, string(out)
	}

	code, out := runHook()
	t.Logf("pre-commit run --all-files on a bad payload: exit %d\n%s", code, out)
	if code == 0 {
		t.Fatalf("pre-commit passed on a bad payload:\n%s", out)
	}
	if strings.Contains(out, "An unexpected error has occurred") || strings.Contains(out, "An error has occurred") {
		t.Fatalf("pre-commit could not install or run the hook:\n%s", out)
	}
	for _, want := range []string{"cognitolint", "Failed", "clients/web.json:4:33", "[model-oauth-flow-enum]"} {
		if !strings.Contains(out, want) {
			t.Errorf("pre-commit output lacks %q:\n%s", want, out)
		}
	}
	for name := range unrelated {
		if strings.Contains(out, name+":") {
			t.Errorf("the hook reported %s, a file that is not an app client configuration:\n%s", name, out)
		}
	}

	write("clients/web.json", goodPayload)
	git(repo, "add", "-A")
	code, out = runHook()
	t.Logf("pre-commit run --all-files on the fixed payload: exit %d\n%s", code, out)
	if code != 0 {
		t.Fatalf("pre-commit failed (exit %d) on a fixed payload:\n%s", code, out)
	}
	if !strings.Contains(out, "cognitolint") || !strings.Contains(out, "Passed") {
		t.Errorf("pre-commit output does not show the hook passing:\n%s", out)
	}
}
