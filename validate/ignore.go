package validate

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// Ignore suppresses the findings of one rule in some files. A suppressed
// finding is not dropped: it moves to Report.Suppressed with the Reason,
// is counted there, and does not count towards the exit code.
type Ignore struct {
	// Rule is a rule ID or a glob of IDs ("sec-*").
	Rule string
	// Paths are slash-separated globs of the files the entry covers; none
	// means every file. "*" and "?" stay within one path element, "**"
	// spans any number of them ("clients/**/dev-*.json").
	Paths []string
	// Resources are globs of the resources the entry covers: CloudFormation
	// logical IDs ("DevClient*"), Terraform addresses
	// ("module.dev.aws_cognito_user_pool_client.*"), Kubernetes
	// kind/namespace/name ("UserPoolClient/dev/*"). "*" and "?" stay
	// within one "/"-separated part, "**" spans parts; every other
	// character, "[" and "]" of addresses included, stands for itself.
	// None means every finding; with some, a finding without a resource
	// (an API payload's) is not covered.
	Resources []string
	// Reason says why; it is required and shown with each suppressed
	// finding.
	Reason string
	// Dir is the directory Paths are relative to (a config file's). When
	// set, a finding's file name is made absolute (from the working
	// directory) and then relative to Dir before matching; when empty, Paths
	// match file names as given.
	Dir string
}

// UnknownRuleError is the error of New for an option naming a rule that
// does not exist.
type UnknownRuleError struct {
	// ID is the unknown rule ID, Suggestion the nearest known one or "".
	ID, Suggestion string
}

func (e *UnknownRuleError) Error() string {
	if e.Suggestion != "" {
		return fmt.Sprintf("unknown rule %q (did you mean %q?); `cognitolint rules` lists them", e.ID, e.Suggestion)
	}
	return fmt.Sprintf("unknown rule %q; `cognitolint rules` lists them", e.ID)
}

// ignoreMatcher is an Ignore with its globs compiled.
type ignoreMatcher struct {
	Ignore
	dir       string // absolute Dir, or ""
	paths     []*regexp.Regexp
	resources []*regexp.Regexp
}

func compileIgnores(ignores []Ignore, ids []string) ([]ignoreMatcher, error) {
	var out []ignoreMatcher
	for i, ig := range ignores {
		m, err := compileIgnore(ig, ids)
		if err != nil {
			return nil, &IgnoreError{Index: i, Err: err}
		}
		out = append(out, m)
	}
	return out, nil
}

func compileIgnore(ig Ignore, ids []string) (ignoreMatcher, error) {
	m := ignoreMatcher{Ignore: ig}
	if ig.Rule == "" {
		return m, errors.New("ignore entry without a rule: name the rule ID it suppresses")
	}
	if err := checkRulePattern(ig.Rule, ids); err != nil {
		return m, err
	}
	if strings.TrimSpace(ig.Reason) == "" {
		return m, fmt.Errorf("the ignore entry for %s has no reason: say why the findings are acceptable", ig.Rule)
	}
	if ig.Dir != "" {
		abs, err := filepath.Abs(ig.Dir)
		if err != nil {
			return m, fmt.Errorf("ignore entry for %s: %v", ig.Rule, err)
		}
		m.dir = abs
	}
	for _, p := range ig.Paths {
		re, err := globRegexp(p)
		if err != nil {
			return m, fmt.Errorf("ignore entry for %s: %v", ig.Rule, err)
		}
		m.paths = append(m.paths, re)
	}
	for _, r := range ig.Resources {
		re, err := resourceRegexp(r)
		if err != nil {
			return m, fmt.Errorf("ignore entry for %s: %v", ig.Rule, err)
		}
		m.resources = append(m.resources, re)
	}
	return m, nil
}

// resourceRegexp compiles a resources glob: "*" and "?" within a
// "/"-separated part, "**" across parts, anything else literal (Terraform
// addresses hold brackets and quotes: aws_x.y["k"]).
func resourceRegexp(glob string) (*regexp.Regexp, error) {
	if glob == "" {
		return nil, errors.New("empty resources glob")
	}
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(glob); i++ {
		switch {
		case strings.HasPrefix(glob[i:], "**"):
			b.WriteString(".*")
			i++
		case glob[i] == '*':
			b.WriteString("[^/]*")
		case glob[i] == '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(glob[i : i+1]))
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}

// match reports whether the entry covers a finding of rule in file, of
// resource.
func (m *ignoreMatcher) match(rule, file, resource string) bool {
	if ok, _ := path.Match(m.Rule, rule); !ok {
		return false
	}
	if len(m.resources) > 0 && !matchResource(m.resources, resource) {
		return false
	}
	if len(m.paths) == 0 {
		return true
	}
	name := file
	if m.dir != "" && file != "" && file != "-" {
		if abs, err := filepath.Abs(file); err == nil {
			if rel, err := filepath.Rel(m.dir, abs); err == nil {
				name = rel
			}
		}
	} else if file != "" && file != "-" {
		name = filepath.Clean(file)
	}
	name = filepath.ToSlash(name)
	for _, re := range m.paths {
		if re.MatchString(name) {
			return true
		}
	}
	return false
}

func matchResource(res []*regexp.Regexp, resource string) bool {
	if resource == "" {
		return false
	}
	for _, re := range res {
		if re.MatchString(resource) {
			return true
		}
	}
	return false
}

// globRegexp compiles a path glob: "*" and "?" within one element, "**"
// across elements, "[...]" a class.
func globRegexp(glob string) (*regexp.Regexp, error) {
	if glob == "" {
		return nil, errors.New("empty path glob")
	}
	g := strings.TrimPrefix(filepath.ToSlash(glob), "./")
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(g); i++ {
		c := g[i]
		switch {
		case c == '*' && strings.HasPrefix(g[i:], "**"):
			atStart := i == 0 || g[i-1] == '/'
			rest := g[i+2:]
			switch {
			case atStart && strings.HasPrefix(rest, "/"):
				b.WriteString("(?:.*/)?") // "**/" : zero or more directories
				i += 2
			case atStart && rest == "":
				b.WriteString(".*")
				i++
			default:
				return nil, fmt.Errorf("path glob %q: ** must be a whole path element, as in dir/**/x.json", glob)
			}
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '[':
			end := strings.IndexByte(g[i+1:], ']')
			if end < 0 {
				return nil, fmt.Errorf("path glob %q: [ without ]", glob)
			}
			class := g[i+1 : i+1+end]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			if class == "" || class == "^" {
				return nil, fmt.Errorf("path glob %q: empty [] class", glob)
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i += end + 1
		case c == '\\' && i+1 < len(g):
			i++
			b.WriteString(regexp.QuoteMeta(g[i : i+1]))
		default:
			// Byte by byte: a multi-byte character is copied whole.
			b.WriteString(regexp.QuoteMeta(g[i : i+1]))
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("path glob %q: %v", glob, err)
	}
	return re, nil
}

// suppress moves the findings an ignore entry covers to rep.Suppressed.
func (l *Linter) suppress(rep *Report) {
	if len(l.ignores) == 0 {
		return
	}
	kept := rep.Findings[:0]
	for _, f := range rep.Findings {
		if m := l.ignoreFor(&f); m != nil {
			f.Reason = m.Reason
			rep.Suppressed = append(rep.Suppressed, f)
			continue
		}
		kept = append(kept, f)
	}
	rep.Findings = kept
}

func (l *Linter) ignoreFor(f *Finding) *ignoreMatcher {
	for i := range l.ignores {
		if l.ignores[i].match(f.Rule, f.File, f.Resource) {
			return &l.ignores[i]
		}
	}
	return nil
}

// IgnoreError is the error of New for a bad Ignore entry.
type IgnoreError struct {
	// Index is the entry's index in Options.Ignore.
	Index int
	Err   error
}

func (e *IgnoreError) Error() string { return e.Err.Error() }

func (e *IgnoreError) Unwrap() error { return e.Err }
