package validate

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// badClient is a Create payload with one finding (an http callback).
const badClient = `{"UserPoolId": "us-east-1_A1", "ClientName": "x", "AllowedOAuthFlowsUserPoolClient": true, "AllowedOAuthFlows": ["code"], "AllowedOAuthScopes": ["openid"], "CallbackURLs": ["http://a.example.com/cb"]}`

// writeTree writes files (name → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// findingsOf lists "file rule" of every finding.
func findingsOf(rep *Report) []string {
	var out []string
	for _, f := range rep.Findings {
		out = append(out, f.File+" "+f.Rule)
	}
	return out
}

// An explicit path that is a symbolic link to a directory is walked like
// the directory (it was read as one file and skipped: a silent pass).
func TestExplicitLinkToDirectoryIsWalked(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeTree(t, dir, map[string]string{"some/clients/a.json": badClient})
	symlink(t, "some/clients", "link")
	l := newLinter(t, Options{})
	for _, jobs := range []int{1, 2} {
		l.opts.Jobs = jobs
		rep, err := l.LintPaths(context.Background(), []string{"link"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Files != 1 || rep.Skipped != 0 || !slices.Equal(findingsOf(rep), []string{"link/a.json redirect-uri-https"}) {
			t.Errorf("jobs %d: files %d skipped %d findings %v", jobs, rep.Files, rep.Skipped, findingsOf(rep))
		}
	}
}

// A walk never follows a link out of the tree it was given: such a link
// is skipped and counted. Links inside the tree are followed (a file under
// the link's name, a directory walked) and a link cycle ends.
func TestWalkStaysInTree(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	const outside = `{"UserPoolId": "us-east-1_A1", "ClientName": "OUTSIDE", "CallbackURLs": ["http://outside.example.com/cb"]}`
	writeTree(t, dir, map[string]string{
		"outside/client.json":  outside,
		"outside/dir/c.json":   outside,
		"tree/sub/inner.json":  badClient,
		"tree/good.json":       `{"UserPoolId": "us-east-1_A1", "ClientName": "good"}`,
		"tree/other/deep.json": badClient,
	})
	symlink(t, "../outside/client.json", "tree/env.json") // out of the tree (relative)
	symlink(t, filepath.Join(dir, "outside/dir"), "tree/outdir")
	symlink(t, "/proc/self/environ", "tree/environ.yaml") // out of the tree (absolute)
	symlink(t, "sub/inner.json", "tree/alias.json")       // inside: linted under its name
	symlink(t, "other", "tree/linked")                    // inside: walked
	symlink(t, "..", "tree/sub/loop")                     // a cycle, inside
	l := newLinter(t, Options{})
	for _, jobs := range []int{1, 2} {
		l.opts.Jobs = jobs
		rep, err := l.LintPaths(context.Background(), []string{"tree"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range rep.Findings {
			if strings.Contains(f.Message, "outside") || strings.Contains(f.File, "env") || strings.Contains(f.File, "outdir") {
				t.Errorf("jobs %d: read out of the tree: %+v", jobs, f)
			}
		}
		want := []string{
			"tree/alias.json redirect-uri-https",
			"tree/linked/deep.json redirect-uri-https",
			"tree/other/deep.json redirect-uri-https",
			"tree/sub/inner.json redirect-uri-https",
		}
		if got := findingsOf(rep); !slices.Equal(got, want) {
			t.Errorf("jobs %d: findings %v, want %v", jobs, got, want)
		}
		// env.json, outdir and environ.yaml are skipped; the cycle is not
		// walked again.
		if rep.Files != 5 || rep.Skipped != 3 || rep.Incomplete() {
			t.Errorf("jobs %d: files %d skipped %d incomplete %v", jobs, rep.Files, rep.Skipped, rep.Incomplete())
		}
	}
}

// One unreadable file (a dangling link, a FIFO, no permission, a
// directory given where a file is expected) is an unreadable-file finding
// for that file; the rest is linted and the report is Incomplete, which
// makes the CLI exit 2.
func TestUnreadableFileIsAFinding(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeTree(t, dir, map[string]string{"tree/a.json": badClient, "tree/z.json": badClient})
	symlink(t, "missing.json", "tree/dangling.json")
	if err := syscall.Mkfifo("tree/fifo.json", 0o644); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"tree/a.json redirect-uri-https",
		"tree/dangling.json unreadable-file",
		"tree/fifo.json unreadable-file",
		"tree/z.json redirect-uri-https",
	}
	if os.Geteuid() != 0 { // root reads every file
		writeTree(t, dir, map[string]string{"tree/m.json": badClient})
		if err := os.Chmod("tree/m.json", 0); err != nil {
			t.Fatal(err)
		}
		want = slices.Insert(want, 2, "tree/m.json unreadable-file")
	}
	l := newLinter(t, Options{})
	for _, jobs := range []int{1, 2} {
		l.opts.Jobs = jobs
		rep, err := l.LintPaths(context.Background(), []string{"tree"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := findingsOf(rep); !slices.Equal(got, want) {
			t.Errorf("jobs %d: findings %v, want %v", jobs, got, want)
		}
		if !rep.Incomplete() || rep.Files != 2 {
			t.Errorf("jobs %d: incomplete %v files %d", jobs, rep.Incomplete(), rep.Files)
		}
		// Given explicitly: the same findings.
		rep, err = l.LintPaths(context.Background(), []string{"tree/dangling.json", "tree/fifo.json", "tree/z.json"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := findingsOf(rep); !slices.Equal(got, []string{"tree/dangling.json unreadable-file", "tree/fifo.json unreadable-file", "tree/z.json redirect-uri-https"}) || !rep.Incomplete() {
			t.Errorf("jobs %d: explicit: %v incomplete %v", jobs, got, rep.Incomplete())
		}
	}
	// A missing explicit path is still a usage error: nothing is linted.
	if _, err := l.LintPaths(context.Background(), []string{"tree/a.json", "nope.json"}, nil); err == nil || !strings.Contains(err.Error(), "nope.json: no such file") {
		t.Errorf("missing path: %v", err)
	}
}

// A file over the size limit is a file-too-large finding and is not read;
// stdin too.
func TestMaxFileSize(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	big := strings.Replace(badClient, `"x"`, `"`+strings.Repeat("x", 100)+`"`, 1)
	writeTree(t, dir, map[string]string{"tree/big.json": big, "tree/small.json": badClient})
	l := newLinter(t, Options{MaxFileSize: int64(len(badClient))})
	for _, jobs := range []int{1, 2} {
		l.opts.Jobs = jobs
		rep, err := l.LintPaths(context.Background(), []string{"tree", "-"}, strings.NewReader(big))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"- file-too-large", "tree/big.json file-too-large", "tree/small.json redirect-uri-https"}
		if got := findingsOf(rep); !slices.Equal(got, want) {
			t.Errorf("jobs %d: findings %v, want %v", jobs, got, want)
		}
		if rep.Files != 1 {
			t.Errorf("jobs %d: files %d, want 1 (files too large are not read)", jobs, rep.Files)
		}
		for _, f := range rep.Findings {
			if f.Rule == "file-too-large" && !strings.Contains(f.Message, "over the size limit") {
				t.Errorf("message: %s", f.Message)
			}
		}
	}
	// The default limit is 10 MiB.
	if DefaultMaxFileSize != 10<<20 {
		t.Errorf("DefaultMaxFileSize %d", DefaultMaxFileSize)
	}
}

// summary.files counts the files read and linted, not the skipped ones,
// whether a walk or --skip-unknown skipped them.
func TestFilesCountsLintedFilesOnly(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeTree(t, dir, map[string]string{"a.json": badClient, "b.json": `{"name": "pkg"}`})
	l := newLinter(t, Options{SkipUnknown: true})
	for _, paths := range [][]string{{"."}, {"a.json", "b.json"}} {
		rep, err := l.LintPaths(context.Background(), paths, nil)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Files != 1 || rep.Skipped != 1 {
			t.Errorf("%v: files %d skipped %d, want 1 and 1", paths, rep.Files, rep.Skipped)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{
		"10MiB": 10 << 20, "512KiB": 512 << 10, "1048576": 1 << 20, "2kb": 2 << 10, "1G": 1 << 30, "100B": 100,
	} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1", "1.5MiB", "MiB", "10XB", "99999999999999999999", "9999999999GiB"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q): no error", in)
		}
	}
	for n, want := range map[int64]string{300: "300 bytes", 2048: "2 KiB", 2238: "2.1 KiB", 10 << 20: "10 MiB"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// FuzzParseSize: any flag value gives a positive size or an error, never a
// panic or an overflow.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"10MiB", "512KiB", "1048576", "1.5MiB", "-1", "9223372036854775807", "8589934591GiB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseSize(s)
		if err == nil && n <= 0 {
			t.Errorf("ParseSize(%q) = %d", s, n)
		}
		if err == nil {
			_ = FormatSize(n)
		}
	})
}

// TestMaxFileSizeUnrelated: a walk passes over a file over the size limit
// that names no app client (a package-lock.json), counted as skipped; the
// same file given by name is still a file-too-large finding.
func TestMaxFileSizeUnrelated(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	lock := `{"name": "app", "packages": {` + strings.Repeat(`"node_modules/x": {"version": "1.0.0"}, `, 50) + `"": {}}}`
	writeTree(t, dir, map[string]string{"tree/package-lock.json": lock, "tree/small.json": badClient})
	l := newLinter(t, Options{MaxFileSize: int64(len(badClient))})
	for _, jobs := range []int{1, 2} {
		l.opts.Jobs = jobs
		rep, err := l.LintPaths(context.Background(), []string{"tree"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := findingsOf(rep), []string{"tree/small.json redirect-uri-https"}; !slices.Equal(got, want) {
			t.Errorf("jobs %d: findings %v, want %v", jobs, got, want)
		}
		if rep.Skipped != 1 {
			t.Errorf("jobs %d: skipped %d, want 1", jobs, rep.Skipped)
		}
	}
	rep, err := l.LintPaths(context.Background(), []string{"tree/package-lock.json"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := findingsOf(rep), []string{"tree/package-lock.json file-too-large"}; !slices.Equal(got, want) {
		t.Errorf("given by name: findings %v, want %v", got, want)
	}
}

// TestMaxFileSizeForeignJSON: a walk passes over JSON over the size limit
// that names an app client but is none of our shapes (a large
// cdk.out/tree.json), counted as skipped; a payload over the limit is
// still a file-too-large finding.
func TestMaxFileSizeForeignJSON(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	tree := `{"version": "tree-0.1", "tree": {"children": [` + strings.TrimSuffix(strings.Repeat(`{"id": "Web", "attributes": {"aws:cdk:cloudformation:type": "AWS::Cognito::UserPoolClient"}},`, 20), ",") + `]}}`
	big := `{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "web", "CallbackURLs": [` + strings.TrimSuffix(strings.Repeat(`"https://app.example.com/cb",`, 40), ",") + `]}`
	writeTree(t, dir, map[string]string{"cdk.out/tree.json": tree, "big/client.json": big})
	l := newLinter(t, Options{MaxFileSize: 512})
	rep, err := l.LintPaths(context.Background(), []string{"cdk.out", "big"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := findingsOf(rep), []string{"big/client.json file-too-large"}; !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
	if rep.Skipped != 1 {
		t.Errorf("skipped %d, want 1 (tree.json)", rep.Skipped)
	}
}
