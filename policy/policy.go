// Package policy is cognitolint's Rego layer: it loads organizational
// policies and the embedded baseline pack, compiles them once with an
// embedded OPA (Rego v1 only), evaluates every document against one
// prepared query, and maps the results to findings with file positions.
//
// What a policy sees and writes is the contract of docs/spec/policy.md:
// input is the app client configuration in API shape,
// data.cognitolint.document says which document it is, and rules named
// deny, violation or warn (optionally with a _suffix) return messages or
// {"msg", "path", "hint"} objects. METADATA custom.id and custom.severity
// name and grade the finding.
//
// An Engine is safe for concurrent use once loaded.
package policy

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/cognitolint/cognitolint/finding"
)

// DefaultTimeout is how long one document's evaluation may run.
const DefaultTimeout = 5 * time.Second

// Options say which policies to load.
type Options struct {
	// Dirs are directories of .rego files (a single .rego file also works).
	Dirs []string
	// FS are policy trees an embedding program ships: every .rego file in
	// each.
	FS []fs.FS
	// Modules are policies as source text, by file name.
	Modules map[string]string
	// DataFiles are JSON or YAML objects merged under data.
	DataFiles []string
	// Data is data given in memory (JSON values: maps, slices, strings,
	// float64 or json.Number, bool, nil), merged under data after the
	// files, as one more data file named "Options.Data".
	Data map[string]any
	// NoBaseline leaves out the embedded baseline pack.
	NoBaseline bool
	// Reserved reports rule IDs that no policy may claim (the built-in Go
	// rules). Nil reserves none.
	Reserved func(id string) bool
	// Timeout bounds one document's evaluation; 0 means DefaultTimeout.
	Timeout time.Duration
	// Namespaces, as conftest's --namespace, run only the policies of the
	// packages named (exactly, or by a path.Match glob such as "k8s.*").
	// Only the packages that run, and those they refer to, are compiled
	// and type-checked against the request shape, so that a shared policy
	// folder with packages written for other inputs loads. Empty runs
	// every package (cognitolint's default; see namespaces.go). The
	// baseline pack runs either way unless NoBaseline.
	Namespaces []string
	// AllNamespaces runs every package: cognitolint's default, for
	// conftest's --all-namespaces. It cannot be combined with Namespaces.
	AllNamespaces bool
}

// Rule is one policy rule, as `cognitolint rules` lists it.
type Rule struct {
	ID          string
	Severity    finding.Severity
	Title       string // METADATA title
	Description string // METADATA description
	Reference   string // the first METADATA related_resources ref
	Package     string // "org.cognito"
	Name        string // the rule's name: "deny", "warn_http", …
	File        string
	Line        int
	Baseline    bool // from the embedded baseline pack
}

// Query is the rule's document, e.g. "data.org.cognito.deny".
func (r *Rule) Query() string { return "data." + r.Package + "." + r.Name }

// Error is one problem with a policy or a data file, at file:line:col.
type Error struct {
	File      string
	Line, Col int
	Message   string
}

func (e Error) Error() string {
	switch {
	case e.File == "":
		return e.Message
	case e.Line == 0:
		return e.File + ": " + e.Message
	case e.Col == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Message)
}

// Errors are the problems that stop policies from loading.
type Errors []Error

func (es Errors) Error() string {
	if len(es) == 1 {
		return "policy error: " + es[0].Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d policy errors:", len(es))
	for _, e := range es {
		b.WriteString("\n  ")
		b.WriteString(strings.ReplaceAll(e.Error(), "\n", "\n    "))
	}
	return b.String()
}

func (es Errors) sorted() Errors {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return slices.CompactFunc(es, func(a, b Error) bool { return a == b })
}

// internalName matches the names of the rules Load adds to split a rule
// whose bodies carry different METADATA.
var internalName = regexp.MustCompile(`__cognitolint_([a-zA-Z0-9_]+?)_[0-9]+\b`)

// fromAST turns OPA's errors into Errors, with clearer text where OPA's is
// unhelpful to a policy author.
func fromAST(err error, file string) Errors {
	var list []*ast.Error
	switch e := err.(type) {
	case ast.Errors:
		list = e
	case *ast.Error:
		list = []*ast.Error{e}
	default:
		return Errors{{File: file, Message: err.Error()}}
	}
	out := make(Errors, 0, len(list))
	for _, e := range list {
		pe := Error{File: file, Message: e.Code + ": " + e.Message}
		if e.Location != nil {
			if e.Location.File != "" {
				pe.File = e.Location.File
			}
			pe.Line, pe.Col = e.Location.Row, e.Location.Col
		}
		if msg, ok := undefinedInputRef(e); ok {
			pe.Message = e.Code + ": " + msg
		}
		if name, ok := strings.CutPrefix(e.Message, "undefined function "); ok && forbidden[name] != "" {
			pe.Message = fmt.Sprintf("%s: %s is not available: it would reach %s, and cognitolint policies see only input and data", e.Code, name, forbidden[name])
		}
		if e.Code == ast.ParseErr && (strings.Contains(e.Message, "keyword is required") || strings.Contains(e.Message, "rego.v0")) {
			pe.Message += " (cognitolint reads Rego v1 only: `opa fmt --v0-v1` converts v0 policies)"
		}
		pe.Message = internalName.ReplaceAllString(pe.Message, "$1")
		out = append(out, pe)
	}
	return out
}

// forbidden are the builtins left out of the capabilities, each with what
// it would reach: a policy sees input and data and nothing of the machine
// (policy.md §Safety). A policy that calls one fails to load with the reason.
//
// Every builtin of OPA v1.22.3 was reviewed (policy/testdata/builtins.txt
// lists them; TestBuiltinInventory fails when an OPA upgrade changes the
// list, so that new ones are reviewed too). In OPA's topdown package only
// these reach outside the evaluation:
//   - http.send: the network (and unix sockets), files through
//     tls_ca_cert_file/tls_client_cert_file/tls_client_key_file, the
//     environment through tls_ca_cert_env_variable (topdown/http.go).
//   - net.lookup_ip_addr: DNS (topdown/net.go).
//   - json.verify_schema, json.match_schema: a schema's "$ref" is loaded by
//     gojsonschema; AllowNet=[] stops http(s) references but a file://
//     reference is opened with os.Open whatever the capabilities say (OPA
//     issue #9000): removing both is the only way to close it.
//   - opa.runtime: the environment and OPA's config when a runtime is set.
//
// Reviewed and kept: time.* builtins with a time zone argument load the
// zone from Go's embedded tzdata or the system zoneinfo (time.LoadLocation
// rejects names with ".." or a leading "/", so no other file is named);
// time.now_ns, rand.intn and uuid.rfc4122 read the clock and randomness,
// nothing the machine holds; crypto.x509.parse_and_verify_certificates
// verifies against the roots given, never the system pool;
// providers.aws.sign_req signs with the credentials given. print is
// erased at compile time (print statements are not enabled for lint, so
// nothing reaches stdout beside the report; verify shows a test's prints)
// and trace does nothing without a tracer. METADATA `schemas:` with inline
// definitions are not read: the compiler type-checks against cognitolint's
// own schema set and annotation schemas are off (TestAnnotationSchemaRef).
var forbidden = map[string]string{
	"http.send":          "the network",
	"net.lookup_ip_addr": "the network (DNS)",
	"json.verify_schema": "the file system and the network (a schema's $ref is loaded from file:// and http URLs)",
	"json.match_schema":  "the file system and the network (a schema's $ref is loaded from file:// and http URLs)",
	"opa.runtime":        "the environment",
}

// capabilities are OPA's, without the forbidden builtins and with no
// network access for remote schema references.
func capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	caps.Builtins = slices.DeleteFunc(slices.Clone(caps.Builtins), func(b *ast.Builtin) bool { return forbidden[b.Name] != "" })
	caps.AllowNet = []string{}
	return caps
}

// entry is one document the prepared query binds: a deny/warn/violation
// rule, or the part of one whose bodies share METADATA.
type entry struct {
	ref  ast.Ref
	rule *Rule
	// name is the rule's name as written (deny_http), which conftest's
	// exceptions name.
	name string
}

// Engine holds compiled policies. Build it with Load.
type Engine struct {
	compiler *ast.Compiler
	store    storage.Store
	rules    []*Rule
	entries  []entry
	// exceptions are the packages with conftest exception rules, by
	// package name ("main"): their data.<pkg>.exception document.
	exceptions map[string]ast.Ref
	timeout    time.Duration
	query      *prepared // set by Prepare

	once    sync.Once // prepares every rule when Prepare was not called
	lazy    *prepared
	lazyErr error
}

// Rules returns the policy rules sorted by ID.
func (e *Engine) Rules() []Rule {
	out := make([]Rule, 0, len(e.rules))
	for _, r := range e.rules {
		out = append(out, *r)
	}
	return out
}

var entrypoint = regexp.MustCompile(`^(deny|violation|warn)(_[a-zA-Z0-9]+)*$`)

// Load reads, parses and compiles the policies opts names, with the
// baseline pack unless opts.NoBaseline. A policy that does not parse or
// compile, reads a member the request shape does not have, calls a
// forbidden builtin or claims a reserved rule ID is an Errors value naming
// file:line:col. Load with nothing to load returns an Engine with no rules.
func Load(opts Options) (*Engine, error) {
	srcs, err := sources(&opts)
	if err != nil {
		return nil, err
	}
	data, err := loadData(opts.DataFiles, opts.Data)
	if err != nil {
		return nil, err
	}
	caps := capabilities()
	mods, byName, errs := parse(srcs, caps, false)
	if len(errs) > 0 {
		return nil, errs.sorted()
	}
	e := &Engine{timeout: opts.Timeout}
	if e.timeout <= 0 {
		e.timeout = DefaultTimeout
	}
	mods, errs = selectModules(mods, byName, &opts)
	if len(errs) > 0 {
		return nil, errs.sorted()
	}
	if errs := e.collect(mods, byName, opts.Reserved); len(errs) > 0 {
		return nil, errs.sorted()
	}
	c := ast.NewCompiler().
		WithCapabilities(caps).
		WithSchemas(schemaSet()).
		WithDefaultRegoVersion(ast.RegoV1)
	c.Compile(mods)
	if c.Failed() {
		errs := fromAST(c.Errors, "")
		if len(opts.Namespaces) == 0 {
			errs = hintNamespaces(errs, mods)
		}
		return nil, errs.sorted()
	}
	e.compiler = c
	e.store = overlayStore{inmem.NewFromObjectWithOpts(data, inmem.OptReturnASTValuesOnRead(true), inmem.OptRoundTripOnWrite(false))}
	return e, nil
}

// meta is what a rule's METADATA chain says.
type meta struct {
	id, title, desc, ref string
	sev                  finding.Severity
	file                 string
	line                 int
}

// ruleMeta reads the METADATA of rule r: custom.id from the rule's own or
// its document's annotations; severity, title, description and
// related_resources from the nearest annotation in the chain (rule,
// document, package, subpackages).
func ruleMeta(as *ast.AnnotationSet, r *ast.Rule, pkg, name string) (meta, Errors) {
	var m meta
	var errs Errors
	m.file, m.line = r.Location.File, r.Location.Row
	sevSet := false
	for _, ar := range as.Chain(r) {
		a := ar.Annotations
		if a == nil {
			continue
		}
		at := func(msg string, args ...any) {
			e := Error{File: m.file, Message: fmt.Sprintf(msg, args...)}
			if a.Location != nil {
				e.File, e.Line, e.Col = a.Location.File, a.Location.Row, a.Location.Col
			}
			errs = append(errs, e)
		}
		if v, ok := a.Custom["id"]; ok && m.id == "" && (a.Scope == "rule" || a.Scope == "document") {
			s, ok := v.(string)
			if !ok || s == "" || strings.ContainsAny(s, " \t\n") {
				at("METADATA custom.id must be a non-empty string without spaces, not %v", v)
			}
			m.id = s
		}
		if v, ok := a.Custom["severity"]; ok && !sevSet {
			s, _ := v.(string)
			sev, err := finding.ParseSeverity(s)
			if err != nil {
				at("METADATA custom.severity %v: use error, warning or info", v)
			}
			m.sev, sevSet = sev, true
		}
		if m.title == "" {
			m.title = a.Title
		}
		if m.desc == "" {
			m.desc = a.Description
		}
		if m.ref == "" && len(a.RelatedResources) > 0 && a.RelatedResources[0].Ref.String() != "" {
			m.ref = a.RelatedResources[0].Ref.String()
		}
	}
	if m.id == "" {
		m.id = pkg + "." + name
	}
	if !sevSet {
		m.sev = finding.Error
		if strings.HasPrefix(name, "warn") {
			m.sev = finding.Warning
		}
	}
	return m, errs
}

// collect finds the deny/violation/warn rules of every package, reads
// their METADATA into Rules, and chooses the documents to query. Bodies
// of one rule that carry different METADATA (two `deny contains` blocks
// with their own custom.id) are copied into internal rules, one per
// METADATA, so that every result is attributed to its own rule.
func (e *Engine) collect(mods map[string]*ast.Module, byName map[string]source, reserved func(string) bool) Errors {
	list := make([]*ast.Module, 0, len(mods))
	names := make([]string, 0, len(mods))
	for n := range mods {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		list = append(list, mods[n])
	}
	as, aerrs := ast.BuildAnnotationSet(list)
	if len(aerrs) > 0 {
		return fromAST(aerrs, "")
	}
	type body struct {
		rule *ast.Rule
		mod  *ast.Module
		meta meta
	}
	type group struct {
		pkg, name string
		baseline  bool
		bodies    []body
	}
	var groups []*group
	byKey := map[string]*group{}
	var errs Errors
	for i, m := range list {
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
		for _, r := range m.Rules {
			if len(r.Head.Reference) != 1 || len(r.Head.Args) > 0 {
				continue
			}
			v, ok := r.Head.Reference[0].Value.(ast.Var)
			if ok && v == "exception" {
				if r.Head.RuleKind() != ast.MultiValue {
					errs = append(errs, Error{File: r.Location.File, Line: r.Location.Row, Col: r.Location.Col,
						Message: "exception must be a set of rule names, as conftest reads it: write `exception contains rules if { …; rules := [\"suffix\"] }`"})
					continue
				}
				if e.exceptions == nil {
					e.exceptions = map[string]ast.Ref{}
				}
				e.exceptions[pkg] = m.Package.Path.Append(ast.StringTerm("exception"))
				continue
			}
			if !ok || !entrypoint.MatchString(string(v)) {
				continue
			}
			name := string(v)
			if r.Head.RuleKind() != ast.MultiValue {
				errs = append(errs, Error{File: r.Location.File, Line: r.Location.Row, Col: r.Location.Col,
					Message: fmt.Sprintf("%s must be a set of messages: write `%s contains msg if { … }`", name, name)})
				continue
			}
			md, merrs := ruleMeta(as, r, pkg, name)
			errs = append(errs, merrs...)
			key := pkg + "\x00" + name
			g := byKey[key]
			if g == nil {
				g = &group{pkg: pkg, name: name, baseline: byName[names[i]].baseline}
				byKey[key] = g
				groups = append(groups, g)
			}
			g.bodies = append(g.bodies, body{rule: r, mod: m, meta: md})
		}
	}
	if len(errs) > 0 {
		return errs
	}

	byID := map[string]*Rule{}
	userIDs := map[string]bool{}
	for _, g := range groups {
		if !g.baseline {
			for _, b := range g.bodies {
				userIDs[b.meta.id] = true
			}
		}
	}
	for _, g := range groups {
		// Bodies with equal METADATA share a rule.
		var metas []meta
		idx := make([]int, len(g.bodies))
		for i, b := range g.bodies {
			k := slices.IndexFunc(metas, func(m meta) bool { return m.id == b.meta.id && m.sev == b.meta.sev })
			if k < 0 {
				k = len(metas)
				metas = append(metas, b.meta)
			}
			idx[i] = k
		}
		pkgRef := g.bodies[0].mod.Package.Path
		for k, md := range metas {
			if g.baseline && userIDs[md.id] {
				continue // a user policy with the same ID overrides the baseline rule
			}
			if reserved != nil && reserved(md.id) {
				errs = append(errs, Error{File: md.file, Line: md.line,
					Message: fmt.Sprintf("custom.id %q is a built-in rule of cognitolint; choose another ID (or --disable %s and write your own)", md.id, md.id)})
				continue
			}
			r := byID[md.id]
			if r == nil {
				r = &Rule{ID: md.id, Severity: md.sev, Title: md.title, Description: md.desc, Reference: md.ref,
					Package: g.pkg, Name: g.name, File: md.file, Line: md.line, Baseline: g.baseline}
				byID[md.id] = r
				e.rules = append(e.rules, r)
			} else if r.Severity != md.sev {
				errs = append(errs, Error{File: md.file, Line: md.line,
					Message: fmt.Sprintf("rule %s is %s here but %s at %s:%d; give one severity", md.id, md.sev, r.Severity, r.File, r.Line)})
				continue
			}
			name := g.name
			if len(metas) > 1 {
				name = fmt.Sprintf("__cognitolint_%s_%d", g.name, k)
				for i, b := range g.bodies {
					if idx[i] != k {
						continue
					}
					cp := b.rule.Copy()
					cp.Head.Name = ast.Var(name)
					cp.Head.Reference = ast.Ref{ast.VarTerm(name)}
					cp.Annotations = nil
					b.mod.Rules = append(b.mod.Rules, cp)
				}
			}
			e.entries = append(e.entries, entry{ref: pkgRef.Append(ast.StringTerm(name)), rule: r, name: g.name})
		}
	}
	slices.SortFunc(e.rules, func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
	return errs
}
