package cli

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/report"
	"github.com/cognitolint/cognitolint/validate"
)

// lintStream lints paths and writes every output as the files come
// (validate.LintPathsFunc, report.Stream): memory stays flat in the number
// of files for text, github and json; sarif and junit keep the findings,
// not the files. It reports whether a finding is at or above failOn, and
// whether some input could not be linted (finding.Report.Incomplete).
//
// A file output is created when its writer first writes, so that a lint
// that fails before (a missing path) leaves it alone.
func lintStream(linter *validate.Linter, paths []string, stdin io.Reader, stdout io.Writer,
	outputs []output, ropts report.Options, color bool, fx *fixer) (fails, incomplete bool, err error) {
	streams := make([]report.Stream, len(outputs))
	var files []*lazyFile
	defer func() {
		for _, f := range files {
			if cerr := f.close(); cerr != nil && err == nil {
				err = cerr
			}
		}
	}()
	for i, o := range outputs {
		opts := ropts
		var w io.Writer = stdout
		if o.path == "" {
			opts.Color = color
		} else {
			f := &lazyFile{format: o.format, path: o.path}
			files = append(files, f)
			w = f
		}
		if streams[i], err = report.NewStream(o.format, w, opts); err != nil {
			return false, false, err
		}
	}
	ctx := context.Background()
	total, err := linter.LintPathsFunc(ctx, paths, stdin, func(rep *finding.Report) error {
		if fx != nil {
			var err error
			if rep, err = fx.file(ctx, rep); err != nil {
				return err
			}
		}
		fails = fails || rep.Fails(ropts.FailOn)
		incomplete = incomplete || rep.Incomplete()
		for _, s := range streams {
			if err := s.File(rep); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return false, false, err
	}
	for _, s := range streams {
		if err := s.Close(total); err != nil {
			return false, false, err
		}
	}
	return fails, incomplete, nil
}

// lazyFile is an output file, created at the first Write.
type lazyFile struct {
	format, path string
	f            *os.File
}

func (l *lazyFile) Write(p []byte) (int, error) {
	if l.f == nil {
		f, err := os.Create(l.path)
		if err != nil {
			return 0, fmt.Errorf("--format %s=%s: %v", l.format, l.path, err)
		}
		l.f = f
	}
	return l.f.Write(p)
}

func (l *lazyFile) close() error {
	if l.f == nil {
		return nil
	}
	return l.f.Close()
}
