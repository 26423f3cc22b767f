package rules

import (
	"reflect"
	"slices"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// registry is every built-in rule; families register from their own files.
var registry []*Rule

var byID = map[string]*Rule{}

// register adds rules to the registry; families call it from init.
func register(rs ...*Rule) {
	for _, r := range rs {
		if byID[r.ID] != nil {
			panic("rules: duplicate rule " + r.ID)
		}
		byID[r.ID] = r
		registry = append(registry, r)
	}
}

// All returns every built-in rule sorted by ID. The slice is a copy; the
// rules are shared and must not be modified.
func All() []*Rule {
	out := slices.Clone(registry)
	slices.SortFunc(out, func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Lookup returns the built-in rule with that ID, or nil.
func Lookup(id string) *Rule { return byID[id] }

// Options tune one run of the built-in rules.
type Options struct {
	// Skip reports rules not to run (disabled by the user). Nil runs all.
	Skip func(id string) bool
	// Context names the contexts available besides payload
	// (ContextClient, ContextPool); rules needing a missing one do not run.
	// Given makes its contexts available too.
	Context map[string]bool
	// Given is the context the rules of context client and pool read (the
	// current client, the pool); nil when none is given. Check adds the
	// parts a document declares itself (finding.Document.Declared) that
	// Given lacks.
	Given *Context
}

// has reports whether the context ctx is available.
func (o *Options) has(ctx string) bool {
	return ctx == ContextPayload || o.Context[ctx] || o.Given.given(ctx)
}

// Check runs every built-in rule on doc and returns its findings with
// positions, file, resource, operation and layer filled in, sorted and
// without duplicates. Secrets are redacted from every message and hint.
func Check(doc *finding.Document, opts Options) []finding.Finding {
	var out []result
	dec := decoder{doc: doc, op: doc.Operation, out: &out, invalid: &finding.PathSet{}}
	req := dec.decode()
	invalid := dec.invalid
	checkModel(req, &out, invalid)
	// The pool beside the client in its own configuration counts as
	// context where no context file gives that part.
	opts.Given = WithDeclared(opts.Given, doc.Declared)
	fs := finish(doc, req, opts, out, invalid)
	unclamp(fs, dec.clamped)
	return fs
}

// CheckRequest runs every built-in rule on a typed request. Findings carry
// paths but no positions (there is no source text).
func CheckRequest(req *model.Request, op string, opts Options) []finding.Finding {
	doc := &finding.Document{Operation: op, Format: "go"}
	var out []result
	for _, m := range model.Members {
		if m.Required&opBit(op) != 0 && !present(req, m.Name) {
			out = append(out, result{Finding: newFinding("model-required-member", m.Name, "set "+m.Name,
				"%s is required in %s and missing", m.Name, opName(op))})
		}
	}
	if req.ClientSecret != nil {
		doc.Secrets = append(doc.Secrets, *req.ClientSecret)
	}
	if op == model.OpUpdate && (req.ClientSecret != nil || req.GenerateSecret != nil) {
		for _, name := range []string{"ClientSecret", "GenerateSecret"} {
			if present(req, name) {
				out = append(out, result{Finding: newFinding("model-unknown-member", name, "remove it",
					"%s is not a member of %s", name, opName(op))})
			}
		}
	}
	if req.RefreshTokenRotation != nil && req.RefreshTokenRotation.Feature == nil {
		out = append(out, result{Finding: newFinding("model-required-member", "RefreshTokenRotation.Feature",
			`set Feature to "ENABLED" or "DISABLED"`, "RefreshTokenRotation.Feature is required when RefreshTokenRotation is given")})
	}
	invalid := &finding.PathSet{}
	checkModel(req, &out, invalid)
	return finish(doc, req, opts, out, invalid)
}

// finish runs the rules after decoding; invalidSet holds the paths whose
// values did not decode or broke a model constraint.
func finish(doc *finding.Document, req *model.Request, opts Options, out []result, invalidSet *finding.PathSet) []finding.Finding {
	given := opts.Given
	if given == nil {
		given = &Context{}
	}
	pass := Pass{Doc: doc, Req: req, Op: doc.Operation, Ctx: given, out: &out, invalid: invalidSet}
	secrets := doc.Secrets
	if s := given.Secrets(); len(s) > 0 {
		secrets = append(append([]string(nil), doc.Secrets...), s...)
	}
	for _, r := range registry {
		if r.Check == nil || !r.AppliesTo(doc.Operation) {
			continue
		}
		if !opts.has(r.Context) {
			continue
		}
		if opts.Skip != nil && opts.Skip(r.ID) {
			continue
		}
		pass.rule, pass.shown, pass.moreAt, pass.recorded = r, 0, -1, false
		r.Check(&pass)
	}
	findings := make([]finding.Finding, 0, min(len(out), 4*MaxPerRule))
	var capped capper
	for i := range out {
		f := out[i].Finding
		if opts.Skip != nil && opts.Skip(f.Rule) {
			continue
		}
		if out[i].more > 0 {
			capped.add(f.Rule, out[i].more)
			continue
		}
		if f.Path != "" && doc.IsUnknown(f.Path) {
			continue // a rule never fires on an unknown value
		}
		if !out[i].primary && f.Path != "" && invalidSet.Overlaps(f.Path) {
			continue // the value's own finding says what is wrong
		}
		switch capped.keep(f.Rule) {
		case capOmit:
			continue // counted; positions only for the findings shown
		case capNote:
			capped.at(f.Rule, len(findings))
		}
		if r := byID[f.Rule]; r != nil {
			f.Severity = r.Severity
		}
		if out[i].warning && f.Severity == finding.Error {
			f.Severity = finding.Warning
		}
		if at := out[i].at; at != nil {
			f.Line, f.Column, f.Length = doc.Position(*at)
		} else if out[i].atKey {
			f.Line, f.Column, f.Length = doc.KeyPositionOf(f.Path)
		} else {
			f.Line, f.Column, f.Length = doc.PositionOf(f.Path)
		}
		f.File, f.Resource, f.Operation, f.Layer = doc.File, doc.Resource, doc.Operation, finding.LayerGo
		f.Message, f.Hint = Redact(f.Message, secrets), Redact(f.Hint, secrets)
		f.Fix = resolveFix(doc, out[i].fix, secrets)
		findings = append(findings, f)
	}
	capped.note(findings)
	return Sort(findings)
}

// Sort orders findings by file, line, column and rule, and drops exact
// duplicates.
func Sort(fs []finding.Finding) []finding.Finding {
	slices.SortStableFunc(fs, func(a, b finding.Finding) int {
		switch {
		case finding.Less(&a, &b):
			return -1
		case finding.Less(&b, &a):
			return 1
		}
		return 0
	})
	// Findings equal but for their fixes' identity are duplicates too (the
	// first one's fix is kept): Fix is a pointer.
	return slices.CompactFunc(fs, func(a, b finding.Finding) bool {
		if (a.Fix == nil) != (b.Fix == nil) || a.Fix != nil && a.Fix.String() != b.Fix.String() {
			return false
		}
		a.Fix, b.Fix = nil, nil
		return a == b
	})
}

// Redact is finding.Redact: every secret in s, as written, quoted or cut
// short, becomes "****". Secrets shorter than four characters are too
// common as substrings to replace; no quoting code shows a secret value in
// the first place.
func Redact(s string, secrets []string) string { return finding.Redact(s, secrets) }

// present reports whether the top-level member name is set in req.
func present(req *model.Request, name string) bool {
	i, ok := requestFields[name]
	return ok && !reflect.ValueOf(req).Elem().Field(i).IsNil()
}

// requestFields maps member names to model.Request field indexes.
var requestFields = func() map[string]int {
	t := reflect.TypeFor[model.Request]()
	m := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		m[t.Field(i).Name] = i
	}
	return m
}()
