// Package config reads cognitolint's configuration file, .cognitolint.yaml:
//
//	fail-on: error
//	policies: [policy/]          # relative to the config file
//	data: [policy/data.yaml]
//	baseline: true
//	rules:
//	  sec-long-refresh-token: off
//	  sec-implicit-grant: error  # raise or lower a severity
//	ignore:                      # suppressions need a reason
//	  - rule: sec-http-loopback-callback
//	    paths: ["clients/dev/*.json"]
//	    resources: ["DevClient*"]  # logical IDs, Terraform addresses, kind/namespace/name
//	    reason: local development client
//
// Every mistake — an unknown key, a value of the wrong type, an ignore
// entry without a reason — is an *Error with the file's line and column.
// The package knows nothing of the rule catalog: the caller checks rule
// IDs and reports an unknown one at RulePos.
package config

import (
	"errors"
	"fmt"
	"github.com/cognitolint/cognitolint/internal/safefile"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/agnivade/levenshtein"

	"gopkg.in/yaml.v3"

	"github.com/cognitolint/cognitolint/finding"
)

// FileNames are the names Find looks for, in order.
var FileNames = []string{".cognitolint.yaml", ".cognitolint.yml"}

// Config is one configuration file. A nil pointer field is a key the file
// does not set.
type Config struct {
	// File is the path the configuration was read from; Dir is its
	// directory, which relative paths in the file are relative to.
	File, Dir string
	// FailOn is "error", "warning", "info" or "never".
	FailOn *string
	// Policies and Data are paths made relative to the working directory
	// (joined to Dir); nil when the file does not set them.
	Policies, Data []string
	// Baseline false leaves out the built-in baseline pack.
	Baseline *bool
	// Rules are the per-rule settings, in file order.
	Rules []Rule
	// Ignore are the suppressions, in file order.
	Ignore []Ignore
}

// Pos is a 1-based line and column in the config file.
type Pos struct{ Line, Col int }

// Rule turns one rule off or sets its severity. ID may be a glob
// ("sec-*"), as --enable, --disable and --severity take; for a severity an
// exact ID wins over a glob, a longer glob over a shorter one.
type Rule struct {
	ID       string
	Off      bool
	Severity finding.Severity // when !Off
	Pos      Pos              // of the ID
}

// Ignore suppresses a rule's findings in the files that match Paths
// (globs relative to Dir; none means every file), for Reason.
type Ignore struct {
	Rule  string
	Paths []string
	// Resources are globs of the resources the entry covers (CloudFormation
	// logical IDs, Terraform addresses, Kubernetes kind/namespace/name);
	// none means every finding, with a resource or not.
	Resources []string
	Reason    string
	Pos       Pos // of the rule's value
}

// Error is a mistake in a config file, at a position.
type Error struct {
	File string
	Pos  Pos // Line 0: the file as a whole
	Msg  string
}

func (e *Error) Error() string {
	switch {
	case e.Pos.Line == 0:
		return e.File + ": " + e.Msg
	case e.Pos.Col == 0:
		return e.File + ":" + strconv.Itoa(e.Pos.Line) + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// Errorf returns an *Error at p in c's file: what a caller reports when
// a value the file holds (a rule ID) turns out to be wrong.
func (c *Config) Errorf(p Pos, format string, args ...any) error {
	return &Error{File: c.File, Pos: p, Msg: fmt.Sprintf(format, args...)}
}

// RulePos returns where the file names rule ID id (a rules key or an
// ignore entry's rule), and false if it does not.
func (c *Config) RulePos(id string) (Pos, bool) {
	for _, r := range c.Rules {
		if r.ID == id {
			return r.Pos, true
		}
	}
	for _, ig := range c.Ignore {
		if ig.Rule == id {
			return ig.Pos, true
		}
	}
	return Pos{}, false
}

// Find looks for a config file in dir and its parents, up to the root of
// the repository (a directory holding .git) or of the file system, and
// returns its path, or "" when there is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		var found []string
		for _, name := range FileNames {
			p := filepath.Join(dir, name)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				found = append(found, p)
			}
		}
		switch len(found) {
		case 1:
			// A config file found in the repository is the repository's:
			// a link to a file elsewhere would have its keys echoed in
			// errors.
			if root := safefile.RepoRoot(dir); safefile.Within(root, found[0]) != nil {
				return "", fmt.Errorf("%s: a link out of the repository %s; give a config file elsewhere with --config", found[0], root)
			}
			return found[0], nil
		case 2:
			return "", fmt.Errorf("%s and %s: two config files in one directory; keep one", found[0], found[1])
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", nil // the repository's root: stop here
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads and checks the config file at path.
func Load(path string) (*Config, error) {
	src, err := safefile.Read(path, safefile.Limit)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such config file", path)
		}
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return Parse(path, src)
}

// Parse reads a config file's content; name is its path, which relative
// paths in it are relative to.
func Parse(name string, src []byte) (*Config, error) {
	c := &Config{File: name, Dir: filepath.Dir(name)}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, c.yamlError(err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return c, nil // an empty file sets nothing
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return c, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, c.errAt(root, "the config is a %s; it must be a mapping of keys (fail-on, policies, data, baseline, rules, ignore)", kindName(root))
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			return nil, c.errAt(k, "%s is set twice", k.Value)
		}
		seen[k.Value] = true
		var err error
		switch k.Value {
		case "fail-on":
			var s string
			if s, err = c.scalar(v, k.Value); err == nil {
				switch s {
				case "error", "warning", "info", "never":
					c.FailOn = &s
				default:
					err = c.errAt(v, "fail-on %q: use error, warning, info or never", s)
				}
			}
		case "policies":
			c.Policies, err = c.paths(v, k.Value)
		case "data":
			c.Data, err = c.paths(v, k.Value)
		case "baseline":
			var b bool
			if b, err = c.boolean(v, k.Value); err == nil {
				c.Baseline = &b
			}
		case "rules":
			err = c.rules(v)
		case "ignore":
			err = c.ignores(v)
		default:
			err = c.errAt(k, "unknown key %q%s; the keys are fail-on, policies, data, baseline, rules, ignore", k.Value, suggest(k.Value, topKeys))
		}
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

var topKeys = []string{"fail-on", "policies", "data", "baseline", "rules", "ignore"}

func (c *Config) rules(v *yaml.Node) error {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.MappingNode {
		return c.errAt(v, "rules is a %s; it must map rule IDs to off, error, warning or info", kindName(v))
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		id := k.Value
		if seen[id] {
			return c.errAt(k, "rule %s is set twice", id)
		}
		seen[id] = true
		if val.Kind != yaml.ScalarNode {
			return c.errAt(val, "rules: %s is a %s; give off, error, warning or info", id, kindName(val))
		}
		r := Rule{ID: id, Pos: pos(k)}
		if _, err := path.Match(id, ""); err != nil {
			return c.errAt(k, "rules: %q is not a rule ID or glob: %v", id, err)
		}
		switch level := strings.ToLower(val.Value); level {
		case "off":
			r.Off = true
		case "error", "warning", "info":
			r.Severity, _ = finding.ParseSeverity(level)
		default:
			return c.errAt(val, "rules: %s: %q is not a level; use off, error, warning or info", id, val.Value)
		}
		c.Rules = append(c.Rules, r)
	}
	return nil
}

func (c *Config) ignores(v *yaml.Node) error {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		return c.errAt(v, "ignore is a %s; it must be a list of entries with rule, paths and reason", kindName(v))
	}
	for _, e := range v.Content {
		if e.Kind != yaml.MappingNode {
			return c.errAt(e, "an ignore entry is a %s; it must be a mapping with rule, paths and reason", kindName(e))
		}
		ig := Ignore{Pos: pos(e)}
		var hasRule, hasReason bool
		for i := 0; i+1 < len(e.Content); i += 2 {
			k, val := e.Content[i], e.Content[i+1]
			var err error
			switch k.Value {
			case "rule":
				ig.Rule, err = c.scalar(val, "ignore: rule")
				ig.Pos, hasRule = pos(val), true
				if err == nil && ig.Rule == "" {
					err = c.errAt(val, "ignore: rule is empty; give the ID of the rule to suppress")
				}
			case "paths":
				ig.Paths, err = c.strings(val, "ignore: paths")
				for j, p := range ig.Paths {
					if p == "" {
						err = c.errAt(item(val, j), "ignore: paths: an empty glob matches nothing; remove it")
						break
					}
				}
			case "resources":
				ig.Resources, err = c.strings(val, "ignore: resources")
				for j, p := range ig.Resources {
					if p == "" {
						err = c.errAt(item(val, j), "ignore: resources: an empty glob matches nothing; remove it")
						break
					}
				}
			case "reason":
				ig.Reason, err = c.scalar(val, "ignore: reason")
				if strings.TrimSpace(ig.Reason) == "" && err == nil {
					err = c.errAt(val, "ignore: reason is empty; say why these findings are acceptable")
				}
				hasReason = true
			default:
				err = c.errAt(k, "unknown key %q in an ignore entry%s; the keys are rule, paths, resources, reason", k.Value, suggest(k.Value, []string{"rule", "paths", "resources", "reason"}))
			}
			if err != nil {
				return err
			}
		}
		if !hasRule {
			return c.errAt(e, "an ignore entry needs rule: the ID of the rule it suppresses")
		}
		if !hasReason {
			return c.errAt(e, "the ignore entry for %s needs a reason: say why these findings are acceptable", ig.Rule)
		}
		c.Ignore = append(c.Ignore, ig)
	}
	return nil
}

// paths reads one path or a list of them, relative to the config file.
func (c *Config) paths(v *yaml.Node, key string) ([]string, error) {
	ss, err := c.strings(v, key)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for i, s := range ss {
		if s == "" {
			return nil, c.errAt(item(v, i), "%s: an empty path", key)
		}
		written := s
		if !filepath.IsAbs(s) {
			s = filepath.Join(c.Dir, filepath.FromSlash(s))
		}
		// The config file is part of the repository linted: a change to
		// it must not point policies at the machine's files (data a
		// policy can print).
		if root := safefile.RepoRoot(c.Dir); safefile.Within(root, s) != nil {
			return nil, c.errAt(item(v, i), "%s %q is outside the repository %s (links resolved): a config file names files of its own repository; give such a path with --%s on the command line", key, written, root, flagOf[key])
		}
		out = append(out, s)
	}
	return out, nil
}

// flagOf is the command line flag of a config key that names files.
var flagOf = map[string]string{"policies": "policy", "data": "data"}

// strings reads one string or a list of strings.
func (c *Config) strings(v *yaml.Node, key string) ([]string, error) {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return []string{}, nil
		}
		s, err := c.scalar(v, key)
		return []string{s}, err
	case yaml.SequenceNode:
		out := make([]string, 0, len(v.Content))
		for _, item := range v.Content {
			s, err := c.scalar(item, key)
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, c.errAt(v, "%s is a %s; give a string or a list of strings", key, kindName(v))
}

func (c *Config) scalar(v *yaml.Node, key string) (string, error) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		return "", c.errAt(v, "%s is a %s; give a string", key, kindName(v))
	}
	return v.Value, nil
}

func (c *Config) boolean(v *yaml.Node, key string) (bool, error) {
	if v.Kind == yaml.ScalarNode {
		switch v.Value {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
	}
	return false, c.errAt(v, "%s is %s; give true or false", key, describe(v))
}

func (c *Config) errAt(n *yaml.Node, format string, args ...any) error {
	return &Error{File: c.File, Pos: pos(n), Msg: fmt.Sprintf(format, args...)}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError turns a YAML syntax error into an *Error with its line.
func (c *Config) yamlError(err error) error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{File: c.File, Pos: Pos{Line: line}, Msg: "not valid YAML: " + m[2]}
	}
	return &Error{File: c.File, Msg: "not valid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

// item returns the i-th node of a list, or n itself when it is a scalar
// standing for a list of one.
func item(n *yaml.Node, i int) *yaml.Node {
	if n.Kind == yaml.SequenceNode && i < len(n.Content) {
		return n.Content[i]
	}
	return n
}

func pos(n *yaml.Node) Pos { return Pos{Line: n.Line, Col: n.Column} }

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "null"
		}
		return "scalar"
	}
	return "document"
}

func describe(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return strconv.Quote(n.Value)
	}
	return "a " + kindName(n)
}

// suggest returns ` (did you mean "x"?)` for a near miss among keys.
func suggest(s string, keys []string) string {
	best, bestD := "", 3
	for _, k := range keys {
		if d := distance(s, k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// distance is the edit distance between two rule IDs.
func distance(a, b string) int { return levenshtein.ComputeDistance(a, b) }
