package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/cognitolint/cognitolint/finding"
)

// A Stream writes a report one file at a time, for a lint that hands over
// each file's findings as it goes (validate.Linter.LintPathsFunc) and keeps
// none of them.
//
// Every format writes each file's findings when they come and keeps only
// counts, so that memory does not grow with the number of files or
// findings. What must come before the findings but is known only at the end
// makes the findings wait in a spool (a temporary file beyond 1 MiB): json's
// summary, junit's totals on <testsuites>; sarif writes its results as they
// come (a run's results precede its tool in the log) and spools only the
// suppressed results, which follow all others.
type Stream interface {
	// File writes the findings and suppressed findings of a part of the
	// report: one file's, in the order of the whole report's findings, with
	// the file's text in Sources for source lines. Targets lists its
	// documents.
	File(r *finding.Report) error
	// Close writes what follows the findings. total gives the run's Files,
	// Documents and Skipped; its Findings and Suppressed are not read.
	// Close does not close the writer.
	Close(total *finding.Report) error
}

// NewStream returns the Stream of a format, writing to w.
func NewStream(format string, w io.Writer, opts Options) (Stream, error) {
	if _, err := Lookup(format); err != nil {
		return nil, err
	}
	switch format {
	case "text":
		return newTextStream(w, opts), nil
	case "github":
		return newGitHubStream(w, opts), nil
	case "json":
		return newJSONStream(w, opts), nil
	case "sarif":
		return newSARIFStream(w, opts), nil
	case "junit":
		return newJUnitStream(w, opts), nil
	case "gitlab":
		return newGitLabStream(w, opts), nil
	}
	return nil, fmt.Errorf("format %q has no stream", format)
}

// Totals are the counts a summary shows.
type Totals struct {
	Files, Documents, Skipped int
	// Findings counts every finding, Errors, Warnings and Infos those of
	// each severity.
	Findings, Errors, Warnings, Infos int
	Suppressed                        int
	// Unknown counts the values unknown until deploy, which no rule
	// checked; NothingKnown the documents of which nothing was known.
	Unknown, NothingKnown int
}

// add counts the findings of r.
func (t *Totals) add(r *finding.Report) {
	t.Findings += len(r.Findings)
	for i := range r.Findings {
		switch r.Findings[i].Severity {
		case finding.Error:
			t.Errors++
		case finding.Warning:
			t.Warnings++
		case finding.Info:
			t.Infos++
		}
	}
	t.Suppressed += len(r.Suppressed)
	for i := range r.Targets {
		t.Unknown += len(r.Targets[i].Unknown)
		if r.Targets[i].NothingKnown {
			t.NothingKnown++
		}
	}
}

// setFiles takes the file counts of a run's totals.
func (t *Totals) setFiles(r *finding.Report) {
	t.Files, t.Documents, t.Skipped = r.Files, r.Documents, r.Skipped
}

// totalsOf returns the counts of a whole report.
func totalsOf(r *finding.Report) Totals {
	var t Totals
	t.add(r)
	t.setFiles(r)
	return t
}

// writeWhole writes a whole report through a Stream.
func writeWhole(s Stream, r *finding.Report) error {
	if err := s.File(r); err != nil {
		return err
	}
	return s.Close(r)
}

// spoolLimit is how much a spool keeps in memory before it moves to a
// temporary file (a variable for tests).
var spoolLimit = 256 << 10

// spool holds bytes to write later: in memory up to spoolLimit, then in a
// temporary file, unlinked when created or else removed by WriteTo or
// discard.
type spool struct {
	buf     bytes.Buffer
	file    *os.File
	fileBuf *bufio.Writer // in front of file: one write per 64 KiB, not per element
	removed bool          // the file is unlinked already
	err     error
	scratch []byte // a writer's buffer for the element it is encoding
}

func (s *spool) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.file == nil && s.buf.Len()+len(p) > spoolLimit {
		f, err := os.CreateTemp("", "cognitolint-*.spool")
		if err != nil {
			s.err = err
			return 0, err
		}
		s.file = f
		s.fileBuf = bufio.NewWriterSize(f, 64<<10)
		// Unlink it at once where the system allows (not Windows): the
		// open file keeps the data, and nothing is left behind when the
		// lint fails before Close.
		s.removed = os.Remove(f.Name()) == nil
		if _, err := s.buf.WriteTo(s.fileBuf); err != nil {
			s.err = err
			return 0, err
		}
		s.buf = bytes.Buffer{}
	}
	if s.file != nil {
		n, err := s.fileBuf.Write(p)
		if err != nil {
			s.err = err
		}
		return n, err
	}
	return s.buf.Write(p)
}

// WriteTo writes what the spool holds to w and empties it.
func (s *spool) WriteTo(w io.Writer) (int64, error) {
	defer s.discard()
	if s.err != nil {
		return 0, s.err
	}
	if s.file == nil {
		return s.buf.WriteTo(w)
	}
	if err := s.fileBuf.Flush(); err != nil {
		return 0, err
	}
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	return io.Copy(w, s.file)
}

// discard removes the spool's temporary file.
func (s *spool) discard() {
	if s.file != nil {
		s.file.Close()
		if !s.removed {
			os.Remove(s.file.Name())
		}
		s.file, s.fileBuf = nil, nil
	}
	s.buf = bytes.Buffer{}
	s.scratch = nil
}
