package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/report"
	"github.com/cognitolint/cognitolint/validate"
)

// lintStream lints paths and writes every output as the files come
// (validate.LintPathsFunc, report.Stream): memory stays flat in the number
// of files. It reports whether a finding is at or above failOn, whether
// some input could not be linted (finding.Report.Incomplete), and the
// errors of the outputs that could not be written (outErr) apart from an
// error that stopped the lint (err). With bulk, each file's findings go
// through the bulk suppressions (after fixes) before anything is written
// or counted.
//
// A file output is written to a temporary file beside it and renamed over
// it at the end, so that it is whole or absent. An output that fails (its
// directory does not exist, the disk fills) does not stop the others: its
// error is returned, joined with the others', once every output is done.
// When the lint itself fails (nothing could be linted), no output is
// written and a file from an earlier run at an output's path is removed,
// so that a CI step that uploads it whatever happened never uploads a
// stale report.
func lintStream(linter *validate.Linter, paths []string, stdin io.Reader, stdout io.Writer,
	outputs []output, ropts report.Options, color bool, fx *fixer, bulk *validate.Bulk) (fails, incomplete bool, outErr, err error) {
	sinks := make([]*sink, len(outputs))
	for i, o := range outputs {
		opts := ropts
		s := &sink{output: o}
		if o.path == "" {
			opts.Color = color
			s.w = stdout
		} else if s.file, s.err = createTemp(o.path); s.err == nil {
			s.w = s.file
		}
		if s.err == nil {
			s.stream, s.err = report.NewStream(o.format, s.w, opts)
		}
		sinks[i] = s
	}
	ctx := context.Background()
	total, err := linter.LintPathsFunc(ctx, paths, stdin, func(rep *finding.Report) error {
		if fx != nil {
			var err error
			if rep, err = fx.file(ctx, rep); err != nil {
				return err
			}
		}
		if bulk != nil {
			bulk.Apply(rep)
		}
		fails = fails || rep.Fails(ropts.FailOn)
		incomplete = incomplete || rep.Incomplete()
		for _, s := range sinks {
			if s.err == nil {
				s.err = s.stream.File(rep)
			}
		}
		return nil
	})
	if err != nil {
		for _, s := range sinks {
			s.discard()
		}
		removeStale(outputs)
		return false, false, nil, err
	}
	var errs []error
	for _, s := range sinks {
		if err := s.finish(total); err != nil {
			errs = append(errs, err)
		}
	}
	return fails, incomplete, errors.Join(errs...), nil
}

// sink is one output being written.
type sink struct {
	output
	w      io.Writer
	file   *os.File // the temporary file of a file output
	stream report.Stream
	err    error // the first error; nothing more is written
}

// finish writes the end of the output and, for a file, renames the
// temporary file over the output's path; on error the temporary file and
// any earlier file at the path are removed.
func (s *sink) finish(total *finding.Report) error {
	if s.err == nil {
		s.err = s.stream.Close(total)
	}
	if s.file != nil {
		if err := s.file.Close(); s.err == nil {
			s.err = err
		}
		if s.err == nil {
			s.err = os.Rename(s.file.Name(), s.path)
		}
	}
	if s.err == nil {
		return nil
	}
	s.discard()
	if s.path != "" {
		removeStale([]output{s.output})
		return fmt.Errorf("--format %s=%s: %v", s.format, s.path, unwrapPath(s.err))
	}
	return fmt.Errorf("--format %s: %v", s.format, s.err)
}

// discard removes the temporary file of a file output.
func (s *sink) discard() {
	if s.file != nil {
		s.file.Close()
		os.Remove(s.file.Name())
		s.file = nil
	}
}

// createTemp creates the temporary file of the output path, in the same
// directory so that the rename stays on one file system, readable by all
// as a report file usually is (CreateTemp's are 0600).
func createTemp(path string) (*os.File, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("directory %s: no such file or directory", filepath.Clean(dir))
		}
		return nil, err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return f, nil
}

// removeStale removes the files at the outputs' paths, left by an earlier
// run, after this run failed.
func removeStale(outputs []output) {
	for _, o := range outputs {
		if o.path == "" {
			continue
		}
		if info, err := os.Lstat(o.path); err == nil && info.Mode().IsRegular() {
			os.Remove(o.path)
		}
	}
}

// unwrapPath leaves out the temporary file's name from an error about it.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
