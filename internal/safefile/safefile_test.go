package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "data.json")
	if err := os.WriteFile(file, []byte(`{"a": 1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := Read(file, Limit); err != nil || string(b) != `{"a": 1}` {
		t.Errorf("a regular file: %q, %v", b, err)
	}
	if _, err := Read(file, 3); err == nil || !strings.Contains(err.Error(), "over the limit") {
		t.Errorf("over the limit: %v", err)
	}
	zero := filepath.Join(dir, "zero.json")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	for name, want := range map[string]string{zero: "a character device, not a regular file", fifo: "a named pipe (FIFO), not a regular file", dir: "a directory"} {
		done := make(chan error, 1)
		go func() { _, err := Read(name, Limit); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %v, want %q", filepath.Base(name), err, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: Read blocked", filepath.Base(name))
		}
	}
}

func TestWithin(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(root, "policies"), 0o755))
	must(os.WriteFile(filepath.Join(outside, "secret.json"), []byte(`{}`), 0o644))
	must(os.Symlink(filepath.Join(outside, "secret.json"), filepath.Join(root, "policies", "out.json")))
	must(os.Symlink(filepath.Join(root, "policies"), filepath.Join(root, "in")))
	must(os.Symlink(outside, filepath.Join(root, "outdir")))
	for _, tc := range []struct {
		path string
		ok   bool
	}{
		{filepath.Join(root, "policies"), true},
		{filepath.Join(root, "in"), true},                         // a link inside the tree
		{filepath.Join(root, "missing.rego"), true},               // read later, and fails then
		{filepath.Join(root, "policies", "..", "..", "x"), false}, // .. out of it
		{filepath.Join(outside, "secret.json"), false},            // absolute, elsewhere
		{filepath.Join(root, "policies", "out.json"), false},      // a link out of it
		{filepath.Join(root, "outdir", "secret.json"), false},     // through a linked directory
		{"/etc/hostname", false},
	} {
		err := Within(root, tc.path)
		if tc.ok && err != nil || !tc.ok && !errors.Is(err, ErrOutside) {
			t.Errorf("Within(root, %s) = %v, want ok: %v", tc.path, err, tc.ok)
		}
	}
}

func TestRepoRoot(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := RepoRoot(sub); got != root {
		t.Errorf("RepoRoot(%s) = %s, want %s", sub, got, root)
	}
	// Without a repository: the directory itself. (The temporary
	// directory's parents hold no .git.)
	bare := t.TempDir()
	if got := RepoRoot(bare); got != bare {
		t.Errorf("RepoRoot(%s) = %s", bare, got)
	}
}
