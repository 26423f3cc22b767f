package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/cognitolint/cognitolint/internal/safefile"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/rules"
)

// BulkFileName is the default name of the bulk suppressions file, which
// lives at the repository root.
const BulkFileName = "cognitolint-suppressions.json"

// Bulk is a bulk suppressions file, as ESLint's eslint-suppressions.json:
// for each file and rule, how many findings were accepted when it was
// written. It lets a repository adopt cognitolint where findings already
// exist: a later run suppresses a file's findings of a rule as long as
// there are no more of them than recorded — counts, not lines, so edits
// that move lines change nothing — and reports them all when there are
// more (which one is new cannot be told), so that only new findings fail.
//
// The file is JSON, paths relative to its directory with forward slashes:
//
//	{
//	  "clients/web.json": {
//	    "redirect-uri-https": {"count": 2}
//	  }
//	}
//
// A finding that means the file was not linted (syntax, unreadable-file,
// policy-error) is never recorded nor suppressed: a file that no longer
// parses must not pass as accepted.
//
// Use: LoadBulk, then Apply to each file's report as it is linted (after
// the Linter's own suppressions), then SuppressAll or Prune and Write, or
// Unused to say which entries no longer occur. A Bulk is not safe for
// concurrent use.
type Bulk struct {
	// File is the suppressions file; Dir its absolute directory, which
	// the file names in it are relative to.
	File, Dir string
	// All makes Apply suppress every finding it counts, whatever the
	// recorded counts: what --suppress-all records is then suppressed in
	// the same run.
	All bool
	// Counts are the recorded counts: file → rule → count.
	Counts map[string]map[string]int
	// seen are the counts of this run, for the files linted (linted).
	seen   map[string]map[string]int
	linted map[string]bool
}

// bulkEntry is one rule of one file in the file's JSON.
type bulkEntry struct {
	Count int `json:"count"`
}

// LoadBulk reads a bulk suppressions file. A file that does not exist is
// an empty Bulk (SuppressAll and Write create it); one that does not parse
// or is not of the shape above is an error that says where.
func LoadBulk(file string) (*Bulk, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, err
	}
	b := &Bulk{File: file, Dir: filepath.Dir(abs), Counts: map[string]map[string]int{},
		seen: map[string]map[string]int{}, linted: map[string]bool{}}
	src, err := safefile.Read(file, safefile.Limit)
	if errors.Is(err, fs.ErrNotExist) {
		return b, nil
	}
	if err != nil {
		return nil, pathError(file, err)
	}
	var raw map[string]map[string]bulkEntry
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return nil, bulkError(file, src, dec, err)
	}
	for name, rules := range raw {
		for rule, e := range rules {
			if e.Count < 1 {
				return nil, fmt.Errorf("%s: %q, %q: count %d; a count is 1 or more (--prune-suppressions rewrites the file)", file, name, rule, e.Count)
			}
			if b.Counts[name] == nil {
				b.Counts[name] = map[string]int{}
			}
			b.Counts[name][rule] = e.Count
		}
	}
	return b, nil
}

// bulkError places a decoding error in the file.
func bulkError(file string, src []byte, dec *json.Decoder, err error) error {
	off := int(dec.InputOffset())
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off = int(syn.Offset)
	case errors.As(err, &typ):
		off = int(typ.Offset)
	}
	s := finding.Source{Text: src}
	line, col, _ := s.Position(min(off, len(src)), off)
	return fmt.Errorf("%s:%d:%d: %v; the file is {\"FILE\": {\"RULE\": {\"count\": N}}} (--suppress-all writes it)", file, line, col, err)
}

// Reason is the reason of the findings the file suppresses.
func (b *Bulk) Reason() string {
	return "bulk suppression (" + filepath.Base(b.File) + ")"
}

// name is how the file names a finding's file: relative to its directory,
// with forward slashes; "" for stdin.
func (b *Bulk) name(file string) string {
	if file == "" || file == "-" {
		return ""
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(b.Dir, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

// countable reports whether a finding can be recorded: not one that says
// the file was not linted.
func countable(f *Finding) bool {
	return f.Rule != "syntax" && !finding.CouldNotLint(f.Rule)
}

// Apply counts the findings of rep, one or more files' report, and moves
// to rep.Suppressed those the recorded counts cover (every countable one
// when All is set).
func (b *Bulk) Apply(rep *Report) {
	for _, t := range rep.Targets {
		if n := b.name(t.File); n != "" {
			b.linted[n] = true
		}
	}
	type key struct{ file, rule string }
	counts := map[key]int{}
	names := map[string]string{}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		n, ok := names[f.File]
		if !ok {
			n = b.name(f.File)
			names[f.File] = n
		}
		if n == "" {
			continue
		}
		b.linted[n] = true
		if countable(f) {
			counts[key{n, f.Rule}]++
		}
	}
	for k, c := range counts {
		if b.seen[k.file] == nil {
			b.seen[k.file] = map[string]int{}
		}
		b.seen[k.file][k.rule] += c
	}
	if len(counts) == 0 {
		return
	}
	kept := rep.Findings[:0]
	for _, f := range rep.Findings {
		n := names[f.File]
		if n != "" && countable(&f) && (b.All || counts[key{n, f.Rule}] <= b.Counts[n][f.Rule]) {
			f.Reason = b.Reason()
			rep.Suppressed = append(rep.Suppressed, f)
			continue
		}
		kept = append(kept, f)
	}
	rep.Findings = kept
	rep.Suppressed = rules.Sort(rep.Suppressed)
}

// BulkStale is an entry that no longer occurs as recorded: in a file
// linted in this run, fewer findings of the rule than its count.
type BulkStale struct {
	File, Rule      string
	Recorded, Found int
}

// Unused lists the entries of files linted in this run that recorded more
// findings than there are now, sorted by file and rule.
func (b *Bulk) Unused() []BulkStale {
	var out []BulkStale
	for name, rules := range b.Counts {
		if !b.linted[name] {
			continue
		}
		for rule, c := range rules {
			if found := b.seen[name][rule]; found < c {
				out = append(out, BulkStale{File: name, Rule: rule, Recorded: c, Found: found})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}

// SuppressAll records this run's counts for every file linted; entries of
// other files stay.
func (b *Bulk) SuppressAll() {
	for name := range b.linted {
		delete(b.Counts, name)
		if rules := b.seen[name]; len(rules) > 0 {
			b.Counts[name] = maps.Clone(rules)
		}
	}
}

// Prune lowers the counts of the files linted in this run to what was
// found, drops entries that no longer occur and those of files that no
// longer exist, and returns how many entries it dropped or lowered.
func (b *Bulk) Prune() int {
	n := 0
	for name, rules := range b.Counts {
		if !b.linted[name] {
			if _, err := os.Stat(filepath.Join(b.Dir, filepath.FromSlash(name))); errors.Is(err, fs.ErrNotExist) {
				n += len(rules)
				delete(b.Counts, name)
			}
			continue
		}
		for rule, c := range rules {
			if found := b.seen[name][rule]; found < c {
				n++
				if found == 0 {
					delete(rules, rule)
				} else {
					rules[rule] = found
				}
			}
		}
		if len(rules) == 0 {
			delete(b.Counts, name)
		}
	}
	return n
}

// Entries is how many file-and-rule entries the file holds.
func (b *Bulk) Entries() int {
	n := 0
	for _, rules := range b.Counts {
		n += len(rules)
	}
	return n
}

// Write writes the file: sorted keys, two-space indent, so that it diffs
// well under version control. It replaces the file in one rename.
func (b *Bulk) Write() error {
	raw := map[string]map[string]bulkEntry{}
	for name, rules := range b.Counts {
		raw[name] = map[string]bulkEntry{}
		for rule, c := range rules {
			raw[name][rule] = bulkEntry{Count: c}
		}
	}
	out, err := json.MarshalIndent(raw, "", "  ")
	if err != nil {
		return err
	}
	out = append(out, '\n')
	tmp, err := os.CreateTemp(filepath.Dir(b.File), "."+filepath.Base(b.File)+".*")
	if err != nil {
		return fmt.Errorf("writing %s: %v", b.File, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(out); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %v", b.File, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %v", b.File, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %v", b.File, err)
	}
	if err := os.Rename(tmp.Name(), b.File); err != nil {
		return fmt.Errorf("writing %s: %v", b.File, err)
	}
	return nil
}

// FindBulkFile returns where the bulk suppressions file of the working
// directory wd lives: at the repository root (the nearest directory
// upward holding .git), else in wd.
func FindBulkFile(wd string) string {
	for dir := wd; ; {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return filepath.Join(dir, BulkFileName)
		}
		parent := filepath.Dir(dir)
		if parent == dir || strings.TrimSpace(parent) == "" {
			return filepath.Join(wd, BulkFileName)
		}
		dir = parent
	}
}
