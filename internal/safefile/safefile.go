// Package safefile reads the files cognitolint is told about besides its
// inputs — the config file, policies, data, context and suppression files
// — so that none of them can hang a run or reach out of the repository: a
// named pipe or a device (a link to /dev/zero) is an error, not a read that
// never ends; a file is read up to a size limit; and a path a repository's
// own config file names must stay inside that repository, links resolved,
// so that a change to the repository cannot point policies at the
// machine's files (a kube config, a Docker credential store) and print
// them.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Limit is the size limit of Read's callers: far more than any policy,
// data, context or config file needs.
const Limit = 64 << 20

// Read reads the regular file at name, following links, up to limit bytes.
// The error says why it could not, without the name (callers prefix it):
// "it is a named pipe (FIFO), not a regular file", "it is 70 MiB, over the
// 64 MiB limit", or the operating system's reason.
func Read(name string, limit int64) ([]byte, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("it is %s, not a regular file", Kind(info.Mode()))
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("it is %d bytes, over the limit of %d", info.Size(), limit)
	}
	f, err := openFile(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The file may have been swapped or grown since the Stat.
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("it is over the limit of %d bytes", limit)
	}
	return b, nil
}

// Kind names what a file that is not a regular file is: "a directory",
// "a named pipe (FIFO)", "a socket", "a character device", …
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// ErrOutside is the error of Within for a path out of the root's tree.
var ErrOutside = errors.New("outside the tree")

// Within checks that path lies in root's tree, both as written (no ".."
// out of it, no absolute path elsewhere) and with every link resolved. A
// path that does not exist is checked as written only: reading it will
// fail on its own.
func Within(root, path string) error {
	root, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if !inside(root, abs) {
		return ErrOutside
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil // no root to be in: the path is read relative to nothing real
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	if !inside(realRoot, real) {
		return ErrOutside
	}
	return nil
}

// inside reports whether the clean absolute path p is root or under it.
func inside(root, p string) bool {
	if root == string(filepath.Separator) {
		return true
	}
	return p == root || strings.HasPrefix(p, root+string(filepath.Separator))
}

// RepoRoot returns the directory of dir or of its nearest parent that
// holds .git, or dir itself when none does.
func RepoRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return abs
		}
		d = parent
	}
}
