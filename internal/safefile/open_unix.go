//go:build unix

package safefile

import (
	"os"
	"syscall"
)

// openFile opens name without blocking: a file swapped for a named pipe
// after the Stat would otherwise block the open until a writer comes.
func openFile(name string) (*os.File, error) {
	fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	// A regular file's reads never block; a pipe swapped in reads as
	// empty (or fails), never waits.
	return os.NewFile(uintptr(fd), name), nil
}
