package finding

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
