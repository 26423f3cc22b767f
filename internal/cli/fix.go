package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/fix"
	"github.com/cognitolint/cognitolint/validate"
)

// fixer applies the fixes of each file's findings as the files are linted
// (--fix), or prints what it would change (--diff).
type fixer struct {
	linter *validate.Linter
	// diff prints a unified diff to out and writes nothing.
	diff bool
	// out gets the diffs; log gets one line per applied fix.
	out, log io.Writer
	// files and fixes count what changed (or would).
	files, fixes int
}

// file fixes the file of rep and returns the report to print in its place:
// with --fix what is left after the fixes, with --diff rep itself.
func (x *fixer) file(ctx context.Context, rep *finding.Report) (*finding.Report, error) {
	name := fixedFile(rep)
	if name == "" {
		return rep, nil
	}
	src := rep.Sources[name]
	if src == nil {
		return rep, nil
	}
	if name == "-" && !x.diff {
		return nil, errors.New("--fix cannot write the fixed text back to stdin: give the file's name, or use --diff to see the fix")
	}
	res, err := fix.File(ctx, x.linter, name, src.Text)
	if err != nil {
		return nil, err
	}
	if !res.Changed() {
		return rep, nil
	}
	x.files++
	x.fixes += len(res.Applied)
	if x.diff {
		_, err := io.WriteString(x.out, fix.Diff(name, src.Text, res.Fixed, src.Secrets))
		return rep, err
	}
	if err := writeAtomic(name, res.Fixed); err != nil {
		return nil, err
	}
	fmt.Fprint(x.log, fix.Describe(name, res.Applied))
	return res.Report, nil
}

// fixedFile returns the file of the first finding that has a fix, or "".
func fixedFile(rep *finding.Report) string {
	for i := range rep.Findings {
		if rep.Findings[i].Fix != nil {
			return rep.Findings[i].File
		}
	}
	return ""
}

// writeAtomic replaces the file name by content: a temporary file beside
// it, with the file's mode, renamed over it, so that a reader sees the old
// or the new content and never a half-written file. A symbolic link is
// followed: its target is replaced, the link kept.
func writeAtomic(name string, content []byte) (err error) {
	target, err := filepath.EvalSymlinks(name)
	if err != nil {
		return err
	}
	st, err := os.Stat(target)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".cognitolint-*")
	if err != nil {
		return fmt.Errorf("--fix %s: %v", name, err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(content); err != nil {
		tmp.Close()
		return fmt.Errorf("--fix %s: %v", name, err)
	}
	if err = tmp.Chmod(st.Mode().Perm()); err != nil {
		tmp.Close()
		return fmt.Errorf("--fix %s: %v", name, err)
	}
	if err = tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("--fix %s: %v", name, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("--fix %s: %v", name, err)
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("--fix %s: %v", name, err)
	}
	return nil
}

// runDiff is lint --diff: the unified diff of every file a fix changes on
// stdout, a count on stderr; exit 1 when there is a diff.
func runDiff(linter *validate.Linter, paths []string, stdin io.Reader, stdout, stderr io.Writer) int {
	x := &fixer{linter: linter, diff: true, out: stdout, log: stderr}
	ctx := context.Background()
	_, err := linter.LintPathsFunc(ctx, paths, stdin, func(rep *finding.Report) error {
		_, err := x.file(ctx, rep)
		return err
	})
	if err != nil {
		return trouble(stderr, err)
	}
	if x.fixes == 0 {
		return ExitOK
	}
	fmt.Fprintf(stderr, "%d %s in %d %s; apply with --fix\n", x.fixes, plural(x.fixes, "fix", "fixes"), x.files, plural(x.files, "file", "files"))
	return ExitFail
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
