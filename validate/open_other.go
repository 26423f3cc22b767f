//go:build !unix

package validate

import (
	"io"
	"os"
)

// openRead opens a file for reading (see open_unix.go).
func openRead(name string) (io.ReadCloser, error) { return os.Open(name) }
