package validate

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cognitolint/cognitolint/input"
	"github.com/cognitolint/cognitolint/rules"
)

// LintPathsFunc lints files and directories as LintPaths does, but hands
// each file's report to fn as soon as the file is linted instead of keeping
// it, so that memory stays flat in the number of files.
//
// fn is called once per file read (not for the files a directory walk
// passes over unread), in file name order: the findings of the successive
// calls, concatenated, are LintPaths' Findings, in the same order, and the
// same holds for Suppressed. Each report holds one file's findings and
// suppressed findings (sorted), its Targets, its counts (Files, Documents,
// Skipped) and, when it has findings, its Source in Sources. The report is
// fn's to keep; an error from fn stops the lint and is returned.
//
// The returned report holds the totals Files, Documents and Skipped only:
// no findings, targets or sources.
//
// A directory's files come in file name order; explicit paths come in the
// order given. When paths overlap or are not in order (b.json a.json; a
// directory and a file in it), LintPathsFunc keeps every report until the
// end to sort them, as LintPaths does, and hands a file linted twice over
// once, its reports merged.
//
// Every explicit path is checked before the first file is linted, so that a
// missing path fails before fn is called; an error found later (a file
// that cannot be read, a policy that fails) can come after calls of fn.
func (l *Linter) LintPathsFunc(ctx context.Context, paths []string, stdin io.Reader, fn func(*Report) error) (*Report, error) {
	total := &Report{}
	count := func(rep *Report) {
		total.Files += rep.Files
		total.Documents += rep.Documents
		total.Skipped += rep.Skipped
	}
	if inOrder(paths) {
		skipped, err := l.visit(ctx, paths, stdin, func(_ string, rep *Report) error {
			count(rep)
			return fn(rep)
		})
		total.Skipped += skipped
		return total, err
	}
	// Out of order: keep the reports, then hand them over sorted by file,
	// the reports of a file given twice merged into one.
	type named struct {
		file string
		rep  *Report
	}
	var reps []named
	skipped, err := l.visit(ctx, paths, stdin, func(file string, rep *Report) error {
		count(rep)
		reps = append(reps, named{file, rep})
		return nil
	})
	if err != nil {
		return nil, err
	}
	total.Skipped += skipped
	slices.SortStableFunc(reps, func(a, b named) int { return strings.Compare(a.file, b.file) })
	for i := 0; i < len(reps); {
		j := i + 1
		for j < len(reps) && reps[j].file == reps[i].file {
			j++
		}
		rep := reps[i].rep
		if j > i+1 {
			rep = &Report{}
			for _, r := range reps[i:j] {
				rep.Merge(r.rep)
			}
			rep.Findings = rules.Sort(rep.Findings)
			rep.Suppressed = rules.Sort(rep.Suppressed)
		}
		if rep.Findings == nil {
			rep.Findings = []Finding{}
		}
		clear(reps[i:j]) // let the reports handed over go
		if err := fn(rep); err != nil {
			return nil, err
		}
		i = j
	}
	return total, nil
}

// inOrder reports whether every file under paths[i] sorts before every
// file under paths[i+1], so that visiting the paths in the order given
// visits files in name order. A directory stands for every name with its
// prefix (what filepath.Join(dir, name) gives); a file, "-" included, for
// its name.
func inOrder(paths []string) bool {
	for i := 1; i < len(paths); i++ {
		a, aDir := pathRange(paths[i-1])
		b, _ := pathRange(paths[i])
		if aDir {
			// Every name starting with a before every name starting
			// with (or equal to) b: a < b, and b does not start with a.
			if !(a < b) || strings.HasPrefix(b, a) {
				return false
			}
		} else if !(a < b) {
			return false
		}
	}
	return true
}

// pathRange returns the name of a file argument, or the prefix of every
// file name under a directory argument (and true).
func pathRange(p string) (string, bool) {
	if p == "-" {
		return p, false
	}
	// Lstat, as the walk does: a symbolic link to a directory, given as
	// a path, is walked as one file (a missing path fails in visit).
	if info, err := os.Lstat(p); err == nil && info.IsDir() {
		return dirPrefix(p), true
	}
	return p, false
}

func dirPrefix(p string) string {
	switch c := filepath.Clean(p); c {
	case ".":
		return ""
	case string(filepath.Separator):
		return c
	default:
		return c + string(filepath.Separator)
	}
}

// visit lints every file of paths in walk order, calling fn with each
// file's report, and returns how many files a walk skipped unread.
func (l *Linter) visit(ctx context.Context, paths []string, stdin io.Reader, fn func(file string, rep *Report) error) (int, error) {
	infos := make([]os.FileInfo, len(paths))
	for i, p := range paths {
		if p == "-" {
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			return 0, pathError(p, err)
		}
		infos[i] = info
	}
	skipped := 0
	for i, p := range paths {
		if p == "-" {
			b, err := io.ReadAll(stdin)
			if err != nil {
				return 0, fmt.Errorf("reading stdin: %w", err)
			}
			name := "-"
			if l.opts.StdinName != "" {
				name = l.opts.StdinName
			}
			rep, err := l.Lint(ctx, name, b)
			if err != nil {
				return 0, err
			}
			if err := fn(name, rep); err != nil {
				return 0, err
			}
			continue
		}
		if !infos[i].IsDir() {
			rep, err := l.lintFile(ctx, p, l.opts.SkipUnknown)
			if err != nil {
				return 0, err
			}
			if err := fn(p, rep); err != nil {
				return 0, err
			}
			continue
		}
		err := walkSorted(p, func(file string, d fs.DirEntry, err error) error {
			if err != nil {
				return pathError(file, err)
			}
			if d.IsDir() {
				if file != p && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
					return filepath.SkipDir
				}
				return nil
			}
			if !input.Readable(file) {
				skipped++
				return nil
			}
			rep, err := l.lintFile(ctx, file, true)
			if err != nil {
				return err
			}
			if rep.Skipped > 0 {
				// A directory walk skips files of other shapes.
				skipped++
				return nil
			}
			return fn(file, rep)
		})
		if err != nil {
			return 0, err
		}
	}
	return skipped, nil
}

// walkSorted is filepath.WalkDir visiting files in the order of their full
// names: a directory's entries sorted with each subdirectory's name
// followed by a separator, since its files are named "dir/…" ("a.json"
// sorts before "a/x.json", as '.' < '/').
func walkSorted(root string, fn fs.WalkDirFunc) error {
	info, err := os.Lstat(root)
	if err != nil {
		err = fn(root, nil, err)
	} else {
		err = walkSortedDir(root, fs.FileInfoToDirEntry(info), fn)
	}
	if err == filepath.SkipDir || err == filepath.SkipAll {
		return nil
	}
	return err
}

func walkSortedDir(path string, d fs.DirEntry, fn fs.WalkDirFunc) error {
	if err := fn(path, d, nil); err != nil || !d.IsDir() {
		if err == filepath.SkipDir && d.IsDir() {
			err = nil
		}
		return err
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		if err = fn(path, d, err); err != nil {
			if err == filepath.SkipDir && d.IsDir() {
				err = nil
			}
			return err
		}
	}
	key := func(e fs.DirEntry) string {
		if e.IsDir() {
			return e.Name() + string(filepath.Separator)
		}
		return e.Name()
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(key(a), key(b)) })
	for _, e := range entries {
		if err := walkSortedDir(filepath.Join(path, e.Name()), e, fn); err != nil {
			if err == filepath.SkipDir {
				break
			}
			return err
		}
	}
	return nil
}
