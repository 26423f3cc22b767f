package validate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/internal/safefile"
)

// DefaultMaxFileSize is the size limit of one input file (Options.MaxFileSize).
const DefaultMaxFileSize = 10 << 20

// maxFileSize is the size limit in bytes; negative means none.
func (l *Linter) maxFileSize() int64 {
	switch {
	case l.opts.MaxFileSize == 0:
		return DefaultMaxFileSize
	case l.opts.MaxFileSize < 0:
		return -1
	}
	return l.opts.MaxFileSize
}

// inputProblem is a file that could not be read: its finding.
// unreadable-file makes the lint incomplete (finding.CouldNotLint);
// file-too-large does not: its finding says all there is to say.
type inputProblem struct {
	finding finding.Finding
}

func unreadable(name, why string) *inputProblem {
	return &inputProblem{finding: finding.Finding{
		Rule: "unreadable-file", Severity: finding.Error, File: name, Layer: finding.LayerGo,
		Message: "the file cannot be read: " + why,
		Hint:    "fix it or leave it out of the paths linted; the other files were linted",
	}}
}

func tooLarge(name string, stdin bool, size, limit int64) *inputProblem {
	what := "the file"
	if stdin {
		what = "stdin"
	}
	msg := fmt.Sprintf("%s is over the size limit of %s (--max-file-size): not read", what, FormatSize(limit))
	if size > 0 {
		msg = fmt.Sprintf("%s is %s, over the size limit of %s (--max-file-size): not read", what, FormatSize(size), FormatSize(limit))
	}
	return &inputProblem{finding: finding.Finding{
		Rule: "file-too-large", Severity: finding.Error, File: name, Layer: finding.LayerGo,
		Message: msg,
		Hint:    "an app client configuration is a few KiB; if this one is larger, raise --max-file-size",
	}}
}

// readFile reads the file open (the path to open: the link's target for a
// link a walk resolved), named name in findings, within the size limit. A
// file that is not a regular file (a FIFO would block, a device never
// ends), that cannot be opened or is too large is a problem, not an error:
// the rest of the run goes on.
func (l *Linter) readFile(name, open string) ([]byte, *inputProblem) {
	info, err := os.Stat(open)
	if err != nil {
		if li, lerr := os.Lstat(open); lerr == nil && li.Mode()&fs.ModeSymlink != 0 && errors.Is(err, fs.ErrNotExist) {
			target, _ := os.Readlink(open)
			return nil, unreadable(name, "it is a dangling symbolic link (to "+strconv.Quote(target)+")")
		}
		return nil, unreadable(name, reason(err))
	}
	if !info.Mode().IsRegular() {
		return nil, unreadable(name, "it is "+safefile.Kind(info.Mode())+", not a regular file")
	}
	limit := l.maxFileSize()
	if limit >= 0 && info.Size() > limit {
		return nil, tooLarge(name, false, info.Size(), limit)
	}
	f, err := openRead(open)
	if err != nil {
		return nil, unreadable(name, reason(err))
	}
	defer f.Close()
	// A file can grow between Stat and read: read at most limit+1 bytes.
	b, p := readLimited(name, false, f, info.Size(), limit)
	return b, p
}

// readLimited reads r (stdin, or a file) up to limit bytes (none if
// negative); size is a hint of how much there is.
func readLimited(name string, stdin bool, r io.Reader, size, limit int64) ([]byte, *inputProblem) {
	var buf bytes.Buffer
	if size > 0 {
		// ReadFrom wants bytes.MinRead free before each read: with less,
		// it would double the buffer to find EOF.
		buf.Grow(int(size) + bytes.MinRead)
	}
	if limit >= 0 {
		r = io.LimitReader(r, limit+1)
	}
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, unreadable(name, reason(err))
	}
	if limit >= 0 && int64(buf.Len()) > limit {
		return nil, tooLarge(name, stdin, 0, limit)
	}
	return buf.Bytes(), nil
}

// reason says why a file could not be read, without repeating its name.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

// FormatSize writes a size in bytes as the largest binary unit that keeps
// it whole or with one decimal (10 MiB, 1.5 KiB, 300 bytes).
func FormatSize(n int64) string {
	units := []string{"KiB", "MiB", "GiB", "TiB"}
	if n < 1024 {
		return strconv.FormatInt(n, 10) + " bytes"
	}
	v, u := float64(n)/1024, 0
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	return strconv.FormatFloat(math.Floor(v*10)/10, 'f', -1, 64) + " " + units[u]
}

// ParseSize reads a size: a number of bytes, or a number with a unit KiB,
// MiB, GiB (also KB, MB, GB, K, M, G, taken as binary units), e.g. 10MiB,
// 512KiB, 1048576.
func ParseSize(s string) (int64, error) {
	num := s
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{
		{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30},
		{"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30},
		{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1},
	} {
		if len(s) > len(u.suffix) && equalFold(s[len(s)-len(u.suffix):], u.suffix) {
			num, mult = s[:len(s)-len(u.suffix)], u.mult
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("bad size %q: write a positive number of bytes or one with a unit, e.g. 10MiB, 512KiB, 1048576", s)
	}
	return n * mult, nil
}

func equalFold(a, b string) bool { return bytes.EqualFold([]byte(a), []byte(b)) }
