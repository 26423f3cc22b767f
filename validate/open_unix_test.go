//go:build unix

package validate

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestOpenReadNeverBlocks: a file Stat found regular but replaced by a
// FIFO before the open (no writer) neither blocks the open nor the read.
func TestOpenReadNeverBlocks(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "x.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		f, err := openRead(fifo)
		if err == nil {
			_, err = io.ReadAll(f)
			f.Close()
		}
		done <- err
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("openRead blocked on a FIFO")
	}
}

func TestOpenReadReadsTheFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.json")
	want := []byte(`{"ClientName": "a"}`)
	if err := os.WriteFile(p, want, 0o644); err != nil {
		t.Fatal(err)
	}
	b, problem := readLimited("x.json", false, must(openRead(p)), int64(len(want)), 1<<20)
	if problem != nil || string(b) != string(want) {
		t.Fatalf("read %q, %v", b, problem)
	}
	if _, err := openRead(p + ".missing"); !os.IsNotExist(err) {
		t.Errorf("a missing file: %v, want not exist", err)
	}
}

func must(r io.ReadCloser, err error) io.ReadCloser {
	if err != nil {
		panic(err)
	}
	return r
}
