// Package validate is cognitolint's public Go API: construct a Linter once
// with Options, then lint files, bytes or typed requests with it. Findings
// are data in a Report; a Go error means the tool itself could not lint
// (unreadable path, bad options, a policy that does not compile).
//
// A Linter is safe for concurrent use.
package validate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/agnivade/levenshtein"
	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/input"
	"github.com/cognitolint/cognitolint/model"
	"github.com/cognitolint/cognitolint/policy"
	"github.com/cognitolint/cognitolint/rules"
)

// Aliases so that an embedder needs only this package.
type (
	// Finding is one problem found in one document.
	Finding = finding.Finding
	// Severity is error, warning or info.
	Severity = finding.Severity
	// Report is the result of a lint: findings and counts.
	Report = finding.Report
	// Request is an app client configuration in the API's shape, the
	// typed form of an UpdateUserPoolClient/CreateUserPoolClient request.
	Request = model.Request
)

// Severities.
const (
	Info    = finding.Info
	Warning = finding.Warning
	Error   = finding.Error
)

// Operation is what an app client configuration stands for: the request
// of UpdateUserPoolClient or CreateUserPoolClient, or a stored
// configuration as DescribeUserPoolClient returns it.
type Operation string

// Operations.
const (
	OpUpdate   Operation = model.OpUpdate
	OpCreate   Operation = model.OpCreate
	OpDescribe Operation = model.OpDescribe
	// OpAuto detects the operation from each document (Options.Operation).
	OpAuto Operation = ""
)

// Options configure a Linter. The zero value lints with every built-in
// rule and the baseline policy pack, detecting each file's operation.
type Options struct {
	// Operation forces the operation of API payloads (OpUpdate, OpCreate,
	// OpDescribe); OpAuto ("", or "auto") detects it from each document.
	Operation Operation
	// Disable turns rules off by ID or glob ("sec-*"); Enable turns rules
	// matched by Disable back on.
	Enable, Disable []string
	// Severity overrides the severity of rules by ID or glob ("sec-*"): an
	// exact ID wins over a glob, a longer glob over a shorter one (see
	// SeverityFor).
	Severity map[string]Severity
	// StdinName is the name findings give to "-" (stdin), and whose
	// extension chooses the reader; "" keeps "-".
	StdinName string
	// SkipUnknown skips explicit files that are none of the shapes read
	// (counted in Report.Skipped) instead of reporting unknown-document,
	// and files that do not parse and mention no app client (a Helm
	// template) instead of reporting their syntax, as a directory walk does.
	SkipUnknown bool
	// MaxFileSize is the size limit of one input file, stdin included, in
	// bytes: a larger file is not read and gets a file-too-large finding.
	// 0 means DefaultMaxFileSize (10 MiB); a negative value, no limit.
	MaxFileSize int64
	// Jobs is how many files LintPaths and LintPathsFunc lint at once; 0
	// means runtime.GOMAXPROCS(0), 1 one after another. The results are
	// the same, in the same order, whatever the number.
	Jobs int

	// PolicyDirs are directories of Rego policies; PolicyFS are policy
	// trees an embedding program ships (every *.rego file in each);
	// PolicyModules are policies as source text by file name.
	PolicyDirs    []string
	PolicyFS      []fs.FS
	PolicyModules map[string]string
	// DataFiles are JSON/YAML documents merged under data for policies.
	DataFiles []string
	// Data is data for policies given in memory (JSON-like Go values),
	// merged under data after DataFiles.
	Data map[string]any
	// NoBaseline leaves out the built-in baseline policy pack.
	NoBaseline bool
	// PolicyTimeout bounds the policy evaluation of one document; 0 means
	// policy.DefaultTimeout.
	PolicyTimeout time.Duration
	// Namespaces run only the policies of these packages (conftest's
	// --namespace: exact names or globs such as "k8s.*"); only they, and
	// the packages they refer to, are type-checked against the request
	// shape. Empty, or AllNamespaces, runs every package. The baseline
	// pack runs unless NoBaseline.
	Namespaces    []string
	AllNamespaces bool

	// Ignore suppresses findings by rule and file (a config file's ignore
	// entries): they move to Report.Suppressed with their reason.
	Ignore []Ignore

	// Context files (AWS CLI output, JSON) that enable the rules of
	// context client and pool and are given to policies as
	// data.cognitolint.current, .pool, .resource_servers and
	// .identity_providers: Current is describe-user-pool-client output,
	// Pool describe-user-pool output, ResourceServers list-resource-servers
	// output, IdentityProviders list-identity-providers output. A file that
	// does not parse or is not of its shape makes New fail with a
	// *ContextError.
	Current, Pool, ResourceServers, IdentityProviders string
	// Context is the same context already parsed (for embedders that hold
	// it); the files above, when given, replace its parts.
	Context *Context

	// VarFiles are Terraform variable files (.tfvars, .tfvars.json) for
	// Terraform configurations, in precedence order (later wins), as
	// terraform -var-file takes them; terraform.tfvars and *.auto.tfvars
	// beside a configuration are read in any case. A file that does not
	// parse makes New fail with its file:line:col.
	VarFiles []string
}

// Linter lints app client configurations. Build it with New.
// inputBudget is how many bytes of input files are linted at once
// (Linter.lint): a file of 2 MiB or more is linted alone.
const inputBudget = 2 << 20

// inputsHook, set by tests, is called as a file's lint starts and its
// result when it ends.
var inputsHook func(size int) (done func())

type Linter struct {
	inputs   *semaphore.Weighted // inputBudget
	opts     Options
	op       string
	disabled map[string]bool     // resolved per rule ID
	severity map[string]Severity // Options.Severity resolved per rule ID
	ids      []string            // every rule ID, built-in and policy
	ignores  []ignoreMatcher
	policy   *policy.Engine // nil without policies
	ctx      *Context       // nil without context
	ctxData  map[string]any // ctx for policies
	tf       *input.Terraform
	built    bool // by New; the zero Linter refuses to lint
}

// New checks opts and prepares a Linter: everything that can be compiled
// once is compiled here.
func New(opts Options) (*Linter, error) {
	op, err := input.ParseOperation(string(opts.Operation))
	if err != nil {
		return nil, err
	}
	l := &Linter{opts: opts, op: op, disabled: map[string]bool{}, built: true, inputs: semaphore.NewWeighted(inputBudget)}
	if l.tf, err = input.NewTerraform(opts.VarFiles, l.readBeside, readDirNames); err != nil {
		return nil, err
	}
	if err := l.loadContext(); err != nil {
		return nil, err
	}
	if err := l.loadPolicies(); err != nil {
		return nil, err
	}
	ids := l.ruleIDs()
	l.ids = ids
	for _, pats := range [][]string{opts.Disable, opts.Enable} {
		for _, p := range pats {
			if err := checkRulePattern(p, ids); err != nil {
				return nil, err
			}
		}
	}
	for id, sev := range opts.Severity {
		if err := checkRulePattern(id, ids); err != nil {
			return nil, err
		}
		if sev < Info || sev > Error {
			return nil, fmt.Errorf("severity of %q: %d is not a severity: use validate.Error, Warning or Info", id, int(sev))
		}
	}
	for _, id := range ids {
		if matchAny(opts.Disable, id) && !matchAny(opts.Enable, id) {
			l.disabled[id] = true
		}
		if s, ok := SeverityFor(opts.Severity, id); ok {
			if l.severity == nil {
				l.severity = map[string]Severity{}
			}
			l.severity[id] = s
		}
	}
	if l.ignores, err = compileIgnores(opts.Ignore, ids); err != nil {
		return nil, err
	}
	if err := l.preparePolicies(); err != nil {
		return nil, err
	}
	return l, nil
}

// Rule describes one rule for listings.
type Rule struct {
	ID        string `json:"id"`
	Severity  string `json:"severity"`
	Layer     string `json:"layer"`
	Context   string `json:"context"`
	Summary   string `json:"summary"`
	Doc       string `json:"doc"`
	Reference string `json:"reference"`
	Policy    string `json:"policy,omitempty"`
	// DefaultSeverity is the rule's own severity when Options.Severity
	// overrides it (Severity is then the override).
	DefaultSeverity string `json:"default_severity,omitempty"`
	// Disabled is set for a rule that Options.Disable turns off.
	Disabled bool `json:"disabled,omitempty"`
}

// Rules lists every rule the Linter knows, built-in and policy, sorted by
// ID, as this Linter runs them: Severity is the one Options.Severity sets,
// DefaultSeverity the rule's own, and Disabled is set for the rules
// Options.Disable turns off (they are listed, never run).
func (l *Linter) Rules() []Rule {
	out := l.catalog()
	for i := range out {
		r := &out[i]
		if s, ok := l.severity[r.ID]; ok && s.String() != r.Severity {
			r.DefaultSeverity, r.Severity = r.Severity, s.String()
		}
		r.Disabled = l.disabled[r.ID]
	}
	return out
}

// catalog is every rule with its own severity.
func (l *Linter) catalog() []Rule {
	var out []Rule
	for _, r := range rules.All() {
		out = append(out, Rule{ID: r.ID, Severity: r.Severity.String(), Layer: finding.LayerGo,
			Context: r.Context, Summary: r.Summary, Doc: r.Doc, Reference: r.Reference})
	}
	out = append(out, l.policyRules()...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (l *Linter) ruleIDs() []string {
	var ids []string
	for _, r := range l.catalog() {
		ids = append(ids, r.ID)
	}
	return ids
}

func checkRulePattern(p string, ids []string) error {
	if strings.ContainsAny(p, "*?[") {
		if _, err := path.Match(p, ""); err != nil {
			return fmt.Errorf("bad rule pattern %q: %v", p, err)
		}
		return nil
	}
	if slices.Contains(ids, p) {
		return nil
	}
	best, bestD := "", 4
	for _, id := range ids {
		if d := distance(p, id); d < bestD {
			best, bestD = id, d
		}
	}
	return &UnknownRuleError{ID: p, Suggestion: best}
}

// SeverityFor returns the severity that overrides (Options.Severity) give
// rule id: its exact ID, else the longest glob that matches it (the most
// specific; equal lengths: the first in byte order), and false when none
// does.
func SeverityFor(overrides map[string]Severity, id string) (Severity, bool) {
	if s, ok := overrides[id]; ok {
		return s, true
	}
	best, found := "", false
	for p := range overrides {
		if !strings.ContainsAny(p, "*?[") {
			continue
		}
		if ok, _ := path.Match(p, id); !ok {
			continue
		}
		if !found || len(p) > len(best) || len(p) == len(best) && p < best {
			best, found = p, true
		}
	}
	if !found {
		return 0, false
	}
	return overrides[best], true
}

func matchAny(patterns []string, id string) bool {
	for _, p := range patterns {
		if ok, _ := path.Match(p, id); ok {
			return true
		}
	}
	return false
}

func (l *Linter) skip(id string) bool { return l.disabled[id] }

// Lint lints the content of one file. name is how findings name it (a
// path, or "-" for stdin).
func (l *Linter) Lint(ctx context.Context, name string, content []byte) (*Report, error) {
	if err := l.ready(); err != nil {
		return nil, err
	}
	return l.lint(ctx, name, content, l.opts.SkipUnknown)
}

// lint lints one file; skipOthers skips (and counts) a file that is none of
// the shapes read, or that does not parse and mentions no app client.
func (l *Linter) lint(ctx context.Context, name string, content []byte, skipOthers bool) (*Report, error) {
	// Files are linted at once up to inputBudget bytes of them: a file
	// can take a hundred times its size (a list of tiny values), so many
	// large files on many cores would add up; small files never wait.
	w := int64(max(1, min(len(content), inputBudget)))
	if err := l.inputs.Acquire(ctx, w); err != nil {
		return nil, err
	}
	defer l.inputs.Release(w)
	if inputsHook != nil {
		defer inputsHook(len(content))()
	}
	res := input.Read(name, content, input.Options{Operation: l.op, Terraform: l.tf})
	rep := &Report{Files: 1}
	// skipOthers: a file of another shape, a file that does not parse and
	// mentions no app client (a Helm template), or a file of a format this
	// build does not read is skipped and counted, not reported.
	if skipOthers && (res.Unrecognized || res.Unrelated || len(res.Docs) == 0 && name != "-" && !input.Readable(name)) {
		// Files counts the files read and linted: not this one.
		rep.Files, rep.Skipped = 0, 1
		return rep, nil
	}
	rep.Findings = append(rep.Findings, res.Findings...)
	docs, err := l.checkDocs(ctx, res.Docs)
	if err != nil {
		return nil, err
	}
	for i, doc := range res.Docs {
		rep.Documents++
		rep.Targets = append(rep.Targets, finding.TargetOf(name, doc))
		rep.Findings = append(rep.Findings, docs[i].rules...)
		addPolicyFindings(rep, rules.CapFindings(docs[i].policies))
	}
	l.finish(rep, l.inlineSuppressions(&res), name)
	if len(rep.Findings) > 0 && res.Source != nil {
		rep.Sources = map[string]*finding.Source{name: res.Source}
	}
	return rep, nil
}

// docFindings are the findings of one document.
type docFindings struct {
	rules, policies []Finding
}

// checkDocs runs the built-in rules and the policies on each document: the
// documents of one file (the clients of a template) in parallel, up to
// Options.Jobs at a time, their findings in the documents' order.
func (l *Linter) checkDocs(ctx context.Context, docs []*finding.Document) ([]docFindings, error) {
	out := make([]docFindings, len(docs))
	check := func(i int) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		out[i].rules = rules.Check(docs[i], rules.Options{Skip: l.skip, Given: l.ctx})
		var err error
		out[i].policies, err = l.evalPolicies(ctx, docs[i])
		return err
	}
	jobs := l.jobs()
	if jobs <= 1 || len(docs) <= 1 {
		for i := range docs {
			if err := check(i); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	var g errgroup.Group
	g.SetLimit(jobs)
	for i := range docs {
		g.Go(func() error { return check(i) })
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// LintRequest lints a typed request of operation op: OpUpdate or OpCreate
// for a request about to be sent, OpDescribe for a stored configuration
// (a DescribeUserPoolClient result, read-only members allowed). Findings
// carry member paths but no file positions.
func (l *Linter) LintRequest(ctx context.Context, req *Request, operation Operation) (*Report, error) {
	if err := l.ready(); err != nil {
		return nil, err
	}
	if req == nil {
		return nil, errors.New("validate: nil request")
	}
	op := string(operation)
	switch operation {
	case OpUpdate, OpCreate, OpDescribe:
	default:
		return nil, fmt.Errorf("validate: unknown operation %q: use OpUpdate, OpCreate or OpDescribe", op)
	}
	rep := &Report{Documents: 1, Targets: []finding.Target{{}}}
	rep.Findings = rules.CheckRequest(req, op, rules.Options{Skip: l.skip, Given: l.ctx})
	pfs, err := l.evalRequestPolicies(ctx, req, op)
	if err != nil {
		return nil, err
	}
	addPolicyFindings(rep, pfs)
	l.finish(rep, nil, "")
	return rep, nil
}

// finish applies the options and the inline suppressions of file to a
// report's findings, then the config's ignores, and sorts them.
func (l *Linter) finish(rep *Report, inline []*inline, file string) {
	kept := rep.Findings[:0]
	for _, f := range rep.Findings {
		if l.disabled[f.Rule] {
			continue
		}
		if s, ok := l.severity[f.Rule]; ok {
			f.Severity = s
		}
		kept = append(kept, f)
	}
	rep.Findings = kept
	if len(inline) > 0 {
		l.applyInline(rep, inline, file)
	}
	l.suppress(rep)
	rep.Findings = rules.Sort(rep.Findings)
	rep.Suppressed = rules.Sort(rep.Suppressed)
	if rep.Findings == nil {
		rep.Findings = []Finding{}
	}
}

// LintPaths lints files and directories. A directory is walked for the
// files cognitolint reads (other files are skipped and counted), never
// following a symbolic link out of it; "-" reads stdin. A path that does
// not exist is an error and nothing is linted; a file that cannot be read
// (a dangling link, no permission, not a regular file) is an
// unreadable-file finding (Report.Incomplete), and a file over
// Options.MaxFileSize a file-too-large finding: the other files are linted.
// Files are linted Options.Jobs at a time; the report is the same
// whatever the number.
func (l *Linter) LintPaths(ctx context.Context, paths []string, stdin io.Reader) (*Report, error) {
	if err := l.ready(); err != nil {
		return nil, err
	}
	total := &Report{Findings: []Finding{}}
	skipped, err := l.visit(ctx, paths, stdin, func(_ string, rep *Report) error {
		total.Merge(rep)
		return nil
	})
	if err != nil {
		return nil, err
	}
	total.Skipped += skipped
	total.Findings = rules.Sort(total.Findings)
	total.Suppressed = rules.Sort(total.Suppressed)
	return total, nil
}

// readDirNames lists a directory for the Terraform reader, which reads the
// other files of a configuration's module directory.
// readBeside reads a file that the lint of another one needs (a .tf file of
// the same module, a .tfvars file, a --var-file) as a linted file is read:
// a regular file within the size limit.
func (l *Linter) readBeside(name string) ([]byte, error) {
	b, p := l.readFile(name, name)
	if p != nil {
		return nil, errors.New(name + ": " + p.finding.Message)
	}
	return b, nil
}

func readDirNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

func pathError(p string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file or directory", p)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: permission denied", p)
	}
	return fmt.Errorf("%s: %v", p, err)
}

// distance is the edit distance between two rule IDs.
func distance(a, b string) int { return levenshtein.ComputeDistance(a, b) }
