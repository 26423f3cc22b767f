//go:build linux

package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal: what cognitolint writes to slave, a
// terminal shows; master reads it.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal to test colour on: %v", err)
	}
	fd := int(m.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		m.Close()
		t.Skipf("unlocking the pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		m.Close()
		t.Skipf("pseudo-terminal number: %v", err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skipf("opening the pseudo-terminal: %v", err)
	}
	return m, s
}

// Colour on a terminal, none with NO_COLOR or --no-color, and none in the
// machine formats even on a terminal.
func TestColorOnTerminal(t *testing.T) {
	payload := filepath.Join(pkgDir, repoRoot, "testdata", "outputs", "in", "bad.json")
	tests := []struct {
		name    string
		noColor string
		args    []string
		color   bool
	}{
		{"terminal", "", []string{"lint", payload}, true},
		{"NO_COLOR", "1", []string{"lint", payload}, false},
		{"--no-color", "", []string{"lint", "--no-color", payload}, false},
		{"github on a terminal", "", []string{"lint", "--format", "github", payload}, false},
		{"sarif on a terminal", "", []string{"lint", "--format", "sarif", payload}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("NO_COLOR", tt.noColor)
			t.Setenv("TERM", "xterm")
			master, slave := openPTY(t)
			defer master.Close()
			read := make(chan string)
			go func() {
				b, _ := io.ReadAll(master) // ends with EIO once slave is closed
				read <- string(b)
			}()
			code := Main(tt.args, strings.NewReader(""), slave, io.Discard)
			slave.Close()
			out := <-read
			if code != ExitFail {
				t.Errorf("exit %d", code)
			}
			if got := strings.Contains(out, "\x1b["); got != tt.color {
				t.Errorf("colour %v, want %v:\n%q", got, tt.color, out[:min(len(out), 300)])
			}
			if !strings.Contains(out, "model-unknown-member") {
				t.Errorf("nothing read from the terminal: %q", out)
			}
		})
	}
}
