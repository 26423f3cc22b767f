// Package fix applies the fixes that findings carry, as go/analysis's
// driver applies SuggestedFixes: rules propose edits, this package alone
// changes text. It applies the fixes of one file that do not overlap,
// lints the result again, and keeps a result only when it still parses:
// a fix never turns a file that parses into one that does not.
package fix

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"

	"github.com/cognitolint/cognitolint/finding"
)

// Linter lints one file's content; *validate.Linter is one.
type Linter interface {
	Lint(ctx context.Context, name string, content []byte) (*finding.Report, error)
}

// maxPasses bounds the lint–apply rounds of File. A fix left out of one
// round because it overlapped another is offered again, at its new
// offsets, in the next; each round applies at least one fix.
const maxPasses = 8

// Result is what fixing one file gives.
type Result struct {
	// Fixed is the content with every fix applied (the input itself when
	// no fix applied).
	Fixed []byte
	// Applied are the fixes applied, in the order of their rounds.
	Applied []finding.Fix
	// Report lints Fixed: what is left.
	Report *finding.Report
}

// Changed reports whether a fix changed the content.
func (r *Result) Changed() bool { return len(r.Applied) > 0 }

// File lints content and applies the fixes of its findings, round by
// round, until no fix is left or none applies. A round's result that does
// not parse (a syntax finding, or fewer documents than before) is not
// kept; its fixes are then tried one at a time.
func File(ctx context.Context, l Linter, name string, content []byte) (*Result, error) {
	rep, err := l.Lint(ctx, name, content)
	if err != nil {
		return nil, err
	}
	res := &Result{Fixed: content, Report: rep}
	for range maxPasses {
		fixes := Fixes(res.Report, name)
		if len(fixes) == 0 {
			break
		}
		out, applied := Apply(res.Fixed, fixes)
		if len(applied) == 0 {
			break
		}
		next, err := l.Lint(ctx, name, out)
		if err != nil {
			return nil, err
		}
		if parses(next, res.Report) {
			res.Fixed, res.Report = out, next
			res.Applied = append(res.Applied, applied...)
			continue
		}
		// Some fix broke the file: keep the first that does not.
		kept := false
		for _, f := range fixes {
			out, applied := Apply(res.Fixed, []finding.Fix{f})
			if len(applied) == 0 {
				continue
			}
			next, err := l.Lint(ctx, name, out)
			if err != nil {
				return nil, err
			}
			if parses(next, res.Report) {
				res.Fixed, res.Report = out, next
				res.Applied = append(res.Applied, applied...)
				kept = true
				break
			}
		}
		if !kept {
			break
		}
	}
	return res, nil
}

// parses reports whether a fixed file's report shows it reads as well as
// before: no more syntax findings (a duplicate key is one, and may have
// been there before) and no fewer documents.
func parses(after, before *finding.Report) bool {
	return unreadable(after) <= unreadable(before) && after.Documents >= before.Documents
}

func unreadable(rep *finding.Report) int {
	n := 0
	for i := range rep.Findings {
		if r := rep.Findings[i].Rule; r == "syntax" || r == "unknown-document" {
			n++
		}
	}
	return n
}

// Fixes returns the fixes of the report's findings whose edits all touch
// file, in finding order.
func Fixes(rep *finding.Report, file string) []finding.Fix {
	var out []finding.Fix
	for i := range rep.Findings {
		f := rep.Findings[i].Fix
		if f == nil || len(f.Edits) == 0 {
			continue
		}
		if !slices.ContainsFunc(f.Edits, func(e finding.Edit) bool { return e.File != file }) {
			out = append(out, *f)
		}
	}
	return out
}

// Apply applies the fixes to src in order, leaving out a fix whose edits
// are invalid (out of range, reversed) or overlap one another or an edit
// of a fix already taken, and a fix that repeats one already taken. Two
// insertions at one offset overlap: their order would be a guess. It
// returns the new text and the fixes applied.
func Apply(src []byte, fixes []finding.Fix) ([]byte, []finding.Fix) {
	var taken []udiff.Edit
	var applied []finding.Fix
	for _, f := range fixes {
		edits := make([]udiff.Edit, 0, len(f.Edits))
		ok := true
		for _, e := range f.Edits {
			s, end := e.Start.Offset, e.End.Offset
			if s < 0 || end < s || end > len(src) {
				ok = false
				break
			}
			edits = append(edits, udiff.Edit{Start: s, End: end, New: e.Text})
		}
		if !ok || overlap(edits) {
			continue
		}
		all := append(slices.Clone(taken), edits...)
		if overlap(all) {
			continue
		}
		taken = all
		applied = append(applied, f)
	}
	if len(taken) == 0 {
		return src, nil
	}
	udiff.SortEdits(taken)
	out, err := udiff.ApplyBytes(src, taken)
	if err != nil {
		return src, nil // not reached: overlap has checked what ApplyBytes checks
	}
	return out, applied
}

// overlap reports whether any two edits overlap: their ranges share a
// byte, one is an insertion strictly inside the other's range, or both
// insert at one offset.
func overlap(edits []udiff.Edit) bool {
	for i := range edits {
		for j := i + 1; j < len(edits); j++ {
			a, b := edits[i], edits[j]
			switch {
			case a.Start == a.End && b.Start == b.End:
				if a.Start == b.Start {
					return true
				}
			case a.Start == a.End:
				if b.Start < a.Start && a.Start < b.End {
					return true
				}
			case b.Start == b.End:
				if a.Start < b.Start && b.Start < a.End {
					return true
				}
			default:
				if a.Start < b.End && b.Start < a.End {
					return true
				}
			}
		}
	}
	return false
}

// Diff returns the unified diff from before to after of file name, with
// a/ and b/ labels as git prints them; "" when they are equal. Lines that
// hold a secret show "****" instead.
func Diff(name string, before, after []byte, secrets []string) string {
	if bytes.Equal(before, after) {
		return ""
	}
	label := strings.TrimPrefix(name, "/")
	d := udiff.Unified("a/"+label, "b/"+label, string(before), string(after))
	for _, s := range secrets {
		if len(s) >= 4 {
			d = strings.ReplaceAll(d, s, "****")
		}
	}
	return d
}

// Describe returns one line per applied fix: "file: description".
func Describe(name string, applied []finding.Fix) string {
	var b strings.Builder
	for _, f := range applied {
		fmt.Fprintf(&b, "%s: fixed: %s\n", name, f.Description)
	}
	return b.String()
}
