package validate

import (
	"bytes"
	"context"
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
// missing path fails before fn is called. A file that cannot be read is a
// finding (see LintPaths), not an error; an error found later (fn's, a
// cancelled ctx) can come after calls of fn.
//
// With Options.Jobs other than 1, files are linted in parallel and handed
// to fn in the same order, one call at a time (never concurrently), from
// the calling goroutine or a worker of the lint.
func (l *Linter) LintPathsFunc(ctx context.Context, paths []string, stdin io.Reader, fn func(*Report) error) (*Report, error) {
	if err := l.ready(); err != nil {
		return nil, err
	}
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
	// Stat, as visit does: a symbolic link to a directory, given as a
	// path, is walked as the directory (a missing path fails in visit).
	if info, err := os.Stat(p); err == nil && info.IsDir() {
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

// A unit is one file to lint, in the order of the walk.
type unit struct {
	name    string        // as findings name it
	open    string        // the path to read: name, or a link's resolved target
	stdin   bool          // read stdin
	walked  bool          // found by a walk: a file of another shape is skipped
	problem *inputProblem // known unreadable before reading (an explicit dangling link)
	skip    bool          // not read, counted as skipped (a link out of the walked tree)
}

// outcome is what linting a unit gave: a report for fn, or a skip.
type outcome struct {
	rep     *Report
	skipped bool
	err     error
}

// visit lints every file of paths in walk order, calling fn with each
// file's report, and returns how many files a walk skipped unread. With
// more than one job, files are linted by a pool of workers and handed to
// fn in the same order (see pool).
func (l *Linter) visit(ctx context.Context, paths []string, stdin io.Reader, fn func(file string, rep *Report) error) (int, error) {
	dirs := make([]bool, len(paths))
	for i, p := range paths {
		if p == "-" {
			continue
		}
		// A missing path is a usage error (a typo), found before anything
		// is linted; a link that leads nowhere is an unreadable file.
		if _, err := os.Lstat(p); err != nil {
			return 0, pathError(p, err)
		}
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			dirs[i] = true
		}
	}
	walkSkipped := 0 // counted by the walks (in pool's producer)
	enumerate := func(emit func(unit) error) error {
		for i, p := range paths {
			var err error
			switch {
			case p == "-":
				err = emit(unit{name: l.stdinName(), stdin: true})
			case dirs[i]:
				err = l.walk(p, emit, &walkSkipped)
			default:
				err = emit(unit{name: p, open: p})
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
	skipped := 0
	deliver := func(u unit, o outcome) error {
		if o.err != nil {
			return o.err
		}
		if o.skipped {
			skipped++
			return nil
		}
		return fn(u.name, o.rep)
	}
	run := func(ctx context.Context, u unit) outcome { return l.lintUnit(ctx, u, stdin) }
	var err error
	// One file (a pre-commit hook's usual call) needs no pool; the
	// documents of a template are still checked in parallel (checkDocs).
	if jobs := l.jobs(); jobs > 1 && !(len(paths) == 1 && !dirs[0]) {
		err = pool(ctx, jobs, enumerate, run, deliver)
	} else {
		err = enumerate(func(u unit) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			return deliver(u, run(ctx, u))
		})
	}
	if err != nil {
		return 0, err
	}
	return skipped + walkSkipped, nil
}

// stdinName is the name findings give to stdin.
func (l *Linter) stdinName() string {
	if l.opts.StdinName != "" {
		return l.opts.StdinName
	}
	return "-"
}

// lintUnit reads and lints one file.
func (l *Linter) lintUnit(ctx context.Context, u unit, stdin io.Reader) outcome {
	if u.skip {
		return outcome{skipped: true}
	}
	var content []byte
	problem := u.problem
	if problem == nil {
		if u.stdin {
			content, problem = readLimited(u.name, true, stdin, 0, l.maxFileSize())
		} else {
			content, problem = l.readFile(u.name, u.open)
		}
	}
	if problem != nil && u.walked && problem.finding.Rule == "file-too-large" && (l.unrelatedFile(u.open) || l.foreignJSONFile(ctx, u.open)) {
		// A walk passes over a large file that names no app client (a
		// package-lock.json), or JSON of none of our shapes that names
		// one (a large cdk.out/tree.json), as it passes over files of
		// other shapes.
		return outcome{skipped: true}
	}
	if problem != nil {
		rep := &Report{Findings: []Finding{problem.finding}}
		l.finish(rep, nil, u.name)
		return outcome{rep: rep}
	}
	skipOthers := l.opts.SkipUnknown || u.walked
	rep, err := l.lint(ctx, u.name, content, skipOthers)
	if err != nil {
		return outcome{err: err}
	}
	if u.walked && rep.Skipped > 0 {
		// A directory walk skips files of other shapes.
		return outcome{skipped: true}
	}
	return outcome{rep: rep}
}

// maxForeignScan is the largest walked JSON file over the size limit whose
// top level is read to tell whether it is one of ours.
const maxForeignScan = 256 << 20

// foreignJSONFile reports whether the file at path, too large to lint, is
// JSON of none of our shapes (input.ForeignJSON), reading at most
// maxForeignScan bytes of it: no tree is built, so the cost is the text,
// and one such text is read at a time (it takes the whole input budget).
func (l *Linter) foreignJSONFile(ctx context.Context, path string) bool {
	if l.inputs.Acquire(ctx, inputBudget) != nil {
		return false
	}
	defer l.inputs.Release(inputBudget)
	f, err := openRead(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	if trimmed := bytes.TrimLeft(bytes.TrimPrefix(head[:n], []byte("\xEF\xBB\xBF")), " \t\r\n"); len(trimmed) == 0 || trimmed[0] != '{' {
		return false // not a JSON object: not worth reading whole
	}
	rest, err := io.ReadAll(io.LimitReader(f, maxForeignScan+1))
	if err != nil || n+len(rest) > maxForeignScan {
		return false
	}
	return input.ForeignJSON(append(head[:n], rest...))
}

// maxMarkerScan is how much of a large walked file is searched for words
// that name an app client before it is reported as too large anyway.
const maxMarkerScan = 1 << 30

// unrelatedFile reports whether the file at path, too large to read whole,
// names no app client (input.UnrelatedReader). A file that cannot be read
// is not unrelated: its file-too-large finding stands.
func (l *Linter) unrelatedFile(path string) bool {
	f, err := openRead(path)
	if err != nil {
		return false
	}
	defer f.Close()
	unrelated, err := input.UnrelatedReader(f, maxMarkerScan)
	return err == nil && unrelated
}

// walk emits the files under root that cognitolint reads, in the order of
// their full names ("a.json" before "a/x.json", as '.' < '/'), and counts
// in *skipped the files it passes over unread. It never leaves root's tree:
// a symbolic link whose target is outside it is skipped and counted,
// whatever the target. A link inside the tree is followed: a file is read
// under the link's name, a directory walked under it, unless it leads back
// to a directory being walked (a cycle). Hidden directories and
// node_modules are passed over. A file or directory that cannot be read is
// emitted for an unreadable-file finding.
func (l *Linter) walk(root string, emit func(unit) error, skipped *int) error {
	real, err := filepath.EvalSymlinks(root)
	if err == nil {
		real, err = filepath.Abs(real)
	}
	if err != nil {
		return pathError(root, err)
	}
	w := &walker{root: real, emit: emit, skipped: skipped}
	return w.dir(root, real)
}

type walker struct {
	root    string // the tree's real path
	emit    func(unit) error
	skipped *int
	stack   []string // real paths of the directories being walked
}

// inside reports whether a real path is in the tree.
func (w *walker) inside(p string) bool {
	if w.root == string(filepath.Separator) {
		return true
	}
	return p == w.root || strings.HasPrefix(p, w.root+string(filepath.Separator))
}

// entry is a directory entry, a link's type resolved.
type entry struct {
	name    string
	dir     bool
	link    bool
	target  string // a link's real target
	linkErr bool   // a link that leads nowhere (or round in circles)
}

func (e *entry) key() string {
	if e.dir {
		return e.name + string(filepath.Separator)
	}
	return e.name
}

// dir walks the directory path, whose real path is real.
func (w *walker) dir(path, real string) error {
	w.stack = append(w.stack, real)
	defer func() { w.stack = w.stack[:len(w.stack)-1] }()
	des, err := os.ReadDir(path)
	if err != nil {
		return w.emit(unit{name: path, problem: unreadable(path, "the directory cannot be listed: "+reason(err))})
	}
	entries := make([]entry, len(des))
	for i, d := range des {
		e := entry{name: d.Name(), dir: d.IsDir(), link: d.Type()&fs.ModeSymlink != 0}
		if e.link {
			t, err := filepath.EvalSymlinks(filepath.Join(path, e.name))
			if err == nil {
				t, err = filepath.Abs(t)
			}
			var info os.FileInfo
			if err == nil {
				info, err = os.Stat(t)
			}
			if err != nil {
				e.linkErr = true
			} else {
				e.target, e.dir = t, info.IsDir()
			}
		}
		entries[i] = e
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.key(), b.key()) })
	for i := range entries {
		e := &entries[i]
		p := filepath.Join(path, e.name)
		if e.link && !e.linkErr && !w.inside(e.target) {
			*w.skipped++
			continue
		}
		if e.dir {
			if strings.HasPrefix(e.name, ".") || e.name == "node_modules" {
				continue
			}
			sub := filepath.Join(real, e.name)
			if e.link {
				if slices.Contains(w.stack, e.target) {
					continue // a cycle: walked already
				}
				sub = e.target
			}
			if err := w.dir(p, sub); err != nil {
				return err
			}
			continue
		}
		if e.name == BulkFileName {
			continue // the bulk suppressions file: ours, not an input
		}
		if input.IsTFVars(e.name) {
			continue // read as the values of the .tf files beside it
		}
		if !input.Readable(e.name) {
			*w.skipped++
			continue
		}
		open := p
		if e.link && !e.linkErr {
			open = e.target
		}
		if err := w.emit(unit{name: p, open: open, walked: true}); err != nil {
			return err
		}
	}
	return nil
}
