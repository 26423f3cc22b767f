package finding

import "strconv"

// Report is the result of linting: findings and what was read.
type Report struct {
	// Findings, sorted by file, line, column and rule.
	Findings []Finding
	// Suppressed are findings a configuration's ignore entries matched, each
	// with its Reason. They do not count towards the exit code.
	Suppressed []Finding
	// Files is the number of files read and linted (not those skipped or
	// that could not be read), Documents the number of app client
	// configurations in them, Skipped the files a directory walk (or
	// --skip-unknown) passed over because they are none of the shapes read.
	Files, Documents, Skipped int
	// Targets lists every document linted, in the order read: what
	// writers that report passes as well as failures (junit) list.
	Targets []Target
	// Sources holds the text of the files that have findings, by file name,
	// for writers that show source lines. Secrets in it are redacted when
	// shown (Source.Line).
	Sources map[string]*Source
}

// Target names one linted document: its file and, for IaC inputs, its
// resource (CloudFormation logical ID or Terraform address).
type Target struct {
	File, Resource string
	// Unknown lists the member paths whose values are unknown until deploy
	// (intrinsics, variables, references): no rule checked them.
	Unknown []string
	// NothingKnown is set when every member of the client is unknown (a
	// Terraform module whose client is all variables): nothing in the
	// document was checked, which the summary says instead of "no
	// problems".
	NothingKnown bool
}

// TargetOf is the Target of doc in file.
func TargetOf(file string, doc *Document) Target {
	t := Target{File: file, Resource: doc.Resource, Unknown: doc.UnknownMembers()}
	t.NothingKnown = doc.nothingKnown()
	return t
}

// UnknownMembers lists the paths of the document's unknown values: those
// its reader listed and the Unknown nodes of its tree, each once, in the
// order met. A value inside an unknown one is not listed again.
func (d *Document) UnknownMembers() []string {
	var out []string
	var seen map[string]bool
	add := func(p string) {
		if seen == nil {
			seen = map[string]bool{}
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, u := range d.Unknown {
		add(u)
	}
	// The path is built in one buffer, appended to and cut back, and made
	// a string only for an unknown value: most documents have none.
	var path []byte
	var walk func(n *Node)
	walk = func(n *Node) {
		switch n.Kind {
		case Unknown:
			add(string(path))
		case Array:
			for i, it := range n.Items {
				l := len(path)
				path = append(path, '[')
				path = strconv.AppendInt(path, int64(i), 10)
				path = append(path, ']')
				walk(it)
				path = path[:l]
			}
		case Object:
			for i := range n.Fields {
				l := len(path)
				if l > 0 {
					path = append(path, '.')
				}
				path = append(path, n.Fields[i].Key...)
				walk(n.Fields[i].Value)
				path = path[:l]
			}
		}
	}
	if d.Root != nil {
		walk(d.Root)
	}
	if len(out) == 0 {
		return nil
	}
	// A path within another unknown one (CallbackURLs[1] inside an
	// unknown CallbackURLs) is one value not checked, not two.
	// Each path's ancestors are looked up, so this stays linear in the
	// number of unknown values (times the depth).
	kept := out[:0]
	for _, p := range out {
		inside := false
		for q := Parent(p); q != "" && !inside; q = Parent(q) {
			inside = seen[q]
		}
		if !inside {
			kept = append(kept, p)
		}
	}
	return kept
}

// nothingKnown reports whether every member of the client is unknown: the
// root is unknown, or each of its members' values is.
func (d *Document) nothingKnown() bool {
	if d.Root == nil || d.Root.Kind == Unknown {
		return d.Root != nil || len(d.Unknown) > 0
	}
	if d.Root.Kind != Object || len(d.Root.Fields) == 0 {
		return false
	}
	for i := range d.Root.Fields {
		if d.Root.Fields[i].Value.Kind != Unknown && !d.IsUnknown(d.Root.Fields[i].Key) {
			return false
		}
	}
	return true
}

// Count returns how many findings have severity s.
func (r *Report) Count(s Severity) int {
	n := 0
	for i := range r.Findings {
		if r.Findings[i].Severity == s {
			n++
		}
	}
	return n
}

// Fails reports whether any finding is at or above threshold. A threshold
// of 0 ("never") never fails.
func (r *Report) Fails(threshold Severity) bool {
	if threshold == 0 {
		return false
	}
	for i := range r.Findings {
		if r.Findings[i].Severity >= threshold {
			return true
		}
	}
	return false
}

// CouldNotLint reports whether a finding of rule id means that some input
// could not be linted (rules.md §Input problems): the run goes on, every
// output is written with the finding in it, and the exit code is 2
// whatever the severities (cli.md, Exit codes). A finding of such a rule
// that an ignore entry suppressed still counts: the input was not linted.
func CouldNotLint(id string) bool {
	switch id {
	case "policy-error", "unreadable-file":
		return true
	}
	return false
}

// Incomplete reports whether some input of r could not be linted: a
// finding, kept or suppressed, of a CouldNotLint rule.
func (r *Report) Incomplete() bool {
	for _, fs := range [][]Finding{r.Findings, r.Suppressed} {
		for i := range fs {
			if CouldNotLint(fs[i].Rule) {
				return true
			}
		}
	}
	return false
}

// Merge adds o's findings and counts to r. Call Sort afterwards when order
// matters.
func (r *Report) Merge(o *Report) {
	r.Findings = append(r.Findings, o.Findings...)
	r.Suppressed = append(r.Suppressed, o.Suppressed...)
	r.Files += o.Files
	r.Documents += o.Documents
	r.Skipped += o.Skipped
	r.Targets = append(r.Targets, o.Targets...)
	for k, v := range o.Sources {
		if r.Sources == nil {
			r.Sources = map[string]*Source{}
		}
		r.Sources[k] = v
	}
}
