package validate

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"path"
	"sort"

	"github.com/cognitolint/cognitolint/input"
	"github.com/cognitolint/cognitolint/internal/safefile"
	"github.com/cognitolint/cognitolint/rules"
)

// LintFS lints files and directories of fsys, as LintPaths lints those of
// the operating system: a directory is walked for the files cognitolint
// reads (other files are skipped and counted; hidden directories and
// node_modules are passed over), an explicit file is linted whatever its
// name. paths are slash-separated names in fsys (fs.ValidPath); none means
// the root ("."). Findings name files as fsys does. A Terraform
// configuration's tfvars and sibling files are read from fsys too; fs.FS
// has no symbolic links to follow.
//
// A path that does not exist is an error and nothing is linted; a file
// that cannot be read is an unreadable-file finding, a file over
// Options.MaxFileSize a file-too-large finding, and the other files are
// linted. Files are linted one after the other, in name order within a
// directory and in the order given across paths.
func (l *Linter) LintFS(ctx context.Context, fsys fs.FS, paths ...string) (*Report, error) {
	if err := l.ready(); err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	type file struct {
		name   string
		walked bool
	}
	var files []file
	skipped := 0
	for _, p := range paths {
		if !fs.ValidPath(p) {
			return nil, &fs.PathError{Op: "lint", Path: p, Err: fs.ErrInvalid}
		}
		info, err := fs.Stat(fsys, p)
		if err != nil {
			return nil, pathError(p, err)
		}
		if !info.IsDir() {
			files = append(files, file{name: p})
			continue
		}
		err = fs.WalkDir(fsys, p, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				if d != nil && d.IsDir() && name != p {
					files = append(files, file{name: name, walked: true}) // reported as unreadable
					return fs.SkipDir
				}
				return err
			}
			if d.IsDir() {
				if name != p && (d.Name()[0] == '.' || d.Name() == "node_modules") {
					return fs.SkipDir
				}
				return nil
			}
			if d.Name() == BulkFileName {
				return nil // the bulk suppressions file: ours, not an input
			}
			if input.IsTFVars(d.Name()) {
				return nil // read as the values of the .tf files beside it
			}
			if !d.Type().IsRegular() || !input.Readable(name) {
				skipped++
				return nil
			}
			files = append(files, file{name: name, walked: true})
			return nil
		})
		if err != nil {
			return nil, pathError(p, err)
		}
	}
	fl := *l
	fl.tf = l.tf.WithFiles(func(name string) ([]byte, error) {
		b, p := l.readFSFile(fsys, name)
		if p != nil {
			return nil, errors.New(name + ": " + p.finding.Message)
		}
		return b, nil
	},
		func(dir string) ([]string, error) { return readFSDirNames(fsys, dir) })
	total := &Report{Findings: []Finding{}, Skipped: skipped}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		content, problem := fl.readFSFile(fsys, f.name)
		if problem != nil {
			rep := &Report{Findings: []Finding{problem.finding}}
			fl.finish(rep, nil, f.name)
			total.Merge(rep)
			continue
		}
		rep, err := fl.lint(ctx, f.name, content, l.opts.SkipUnknown || f.walked)
		if err != nil {
			return nil, err
		}
		total.Merge(rep)
	}
	total.Findings = rules.Sort(total.Findings)
	total.Suppressed = rules.Sort(total.Suppressed)
	return total, nil
}

// readFSFile reads name from fsys within the size limit.
func (l *Linter) readFSFile(fsys fs.FS, name string) ([]byte, *inputProblem) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, unreadable(name, reason(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, unreadable(name, reason(err))
	}
	if !info.Mode().IsRegular() {
		return nil, unreadable(name, "it is "+safefile.Kind(info.Mode())+", not a regular file")
	}
	limit := l.maxFileSize()
	if limit >= 0 && info.Size() > limit {
		return nil, tooLarge(name, false, info.Size(), limit)
	}
	return readLimited(name, false, io.Reader(f), info.Size(), limit)
}

// readFSDirNames lists the regular files of dir in fsys, for the Terraform
// reader; dir comes from path.Dir of a name in fsys.
func readFSDirNames(fsys fs.FS, dir string) ([]string, error) {
	entries, err := fs.ReadDir(fsys, path.Clean(dir))
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// errNotBuilt is the error of a Linter's methods on a Linter not built
// with New: its zero value would lint without the baseline pack and the
// options it promises, so it refuses instead.
var errNotBuilt = errors.New("validate: Linter used without New: build it with validate.New(validate.Options{})")

// ready reports whether l was built with New.
func (l *Linter) ready() error {
	if l == nil || !l.built {
		return errNotBuilt
	}
	return nil
}
