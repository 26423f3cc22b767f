package policy

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/metrics"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// prepared is the one query that binds every rule's document.
type prepared struct {
	pq      rego.PreparedEvalQuery
	entries []entry
	// excPkgs are the packages whose exception documents follow the
	// entries' sets in the query's array.
	excPkgs []string
}

// Prepare builds the query, leaving out rules for which skip is true
// (disabled by the user). Call it once before concurrent use; an Engine
// that was not prepared prepares every rule on first use.
func (e *Engine) Prepare(skip func(id string) bool) error {
	q, err := e.prepare(skip)
	if err != nil {
		return err
	}
	e.query = q
	return nil
}

func (e *Engine) prepare(skip func(id string) bool) (*prepared, error) {
	p := &prepared{}
	var q strings.Builder
	for _, en := range e.entries {
		if skip != nil && skip(en.rule.ID) {
			continue
		}
		if q.Len() > 0 {
			q.WriteString(", ")
		}
		q.WriteString(en.ref.String())
		p.entries = append(p.entries, en)
	}
	if len(p.entries) == 0 {
		return p, nil
	}
	for _, en := range p.entries {
		if ref, ok := e.exceptions[en.rule.Package]; ok && !slices.Contains(p.excPkgs, en.rule.Package) {
			p.excPkgs = append(p.excPkgs, en.rule.Package)
			q.WriteString(", ")
			q.WriteString(ref.String())
		}
	}
	// One variable bound to the array of every rule's set: OPA builds one
	// result, not one per rule.
	pq, err := rego.New(rego.Query("r := ["+q.String()+"]"), rego.Compiler(e.compiler), rego.Store(e.store),
		rego.GenerateJSON(keepAST)).
		PrepareForEval(context.Background())
	if err != nil {
		return nil, fmt.Errorf("preparing the policy query: %w", err)
	}
	p.pq = pq
	return p, nil
}

func (e *Engine) prepared() (*prepared, error) {
	if e.query != nil {
		return e.query, nil
	}
	e.once.Do(func() { e.lazy, e.lazyErr = e.prepare(nil) })
	return e.lazy, e.lazyErr
}

// Eval evaluates the policies on one document and returns their findings
// with positions. extra holds context documents placed beside
// data.cognitolint.document (keys "current", "pool", "resource_servers",
// "identity_providers"); it may be nil. Messages are not redacted here:
// the caller knows the secrets (doc.Secrets). A finding a conftest
// exception rule excepts has Reason "exception in <package>": the caller
// lists it as suppressed.
func (e *Engine) Eval(ctx context.Context, doc *finding.Document, extra map[string]any) ([]finding.Finding, error) {
	q, err := e.prepared()
	if err != nil || len(q.entries) == 0 {
		return nil, err
	}
	c := converter{unknown: append([]string(nil), doc.Unknown...)}
	secrets := doc.Secrets
	if doc.Source != nil {
		secrets = append(slices.Clip(secrets), doc.Source.SecretValues()...)
	}
	if len(secrets) > 0 {
		c.secrets = make(map[string]bool, len(secrets))
		for _, sec := range secrets {
			if sec != "" {
				c.secrets[sec] = true
			}
		}
	}
	var in ast.Value = ast.NewObject()
	if doc.Root != nil {
		segs := make([]seg, 0, 8)
		if t, ok := c.value(doc.Root, segs, rootShape); ok {
			in = t.Value
		}
	}
	return e.eval(ctx, q, doc, in, &c, extra)
}

// EvalRequest evaluates the policies on a typed request of operation op.
// Findings carry paths but no positions.
func (e *Engine) EvalRequest(ctx context.Context, req *model.Request, op string, extra map[string]any) ([]finding.Finding, error) {
	q, err := e.prepared()
	if err != nil || len(q.entries) == 0 {
		return nil, err
	}
	b, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var in map[string]any
	if err := dec.Decode(&in); err != nil {
		return nil, err
	}
	doc := &finding.Document{Operation: op, Format: "api"}
	if req.ClientSecret != nil {
		in["ClientSecret"] = redacted
		doc.Secrets = []string{*req.ClientSecret}
	}
	v, err := ast.InterfaceToValue(in)
	if err != nil {
		return nil, err
	}
	return e.eval(ctx, q, doc, v, &converter{}, extra)
}

// redacted replaces a ClientSecret value in what policies see.
const redacted = "****"

func (e *Engine) eval(ctx context.Context, q *prepared, doc *finding.Document, input ast.Value, c *converter, extra map[string]any) ([]finding.Finding, error) {
	parent := ctx
	ov := &overlay{doc: doc, unknown: c.unknown}
	if len(extra) > 0 {
		// Context documents are converted now, so that a bad one is
		// reported as such.
		if err := ov.build(extra); err != nil {
			return nil, err
		}
	}
	ctx, cancel := context.WithTimeout(context.WithValue(ctx, overlayKey{}, ov), e.timeout)
	defer cancel()
	// OPA starts a goroutine per evaluation to watch ctx unless it is given
	// a Cancel; AfterFunc does the same without one.
	stop := topdown.NewCancel()
	defer context.AfterFunc(ctx, stop.Cancel)()
	// Builtin errors are collected rather than made fatal
	// (rego.StrictBuiltinErrors): the expression that failed is undefined,
	// as OPA and conftest evaluate by default, so the other rules still
	// run; but a rule that may have missed a problem is never a silent
	// pass: each distinct builtin error is a policy-error finding.
	var builtinErrs []topdown.Error
	rs, err := q.pq.Eval(ctx, rego.EvalParsedInput(input), rego.EvalExternalCancel(stop), rego.EvalMetrics(noMetrics),
		rego.EvalBuiltinErrorList(&builtinErrs))
	if err != nil {
		if parent.Err() != nil {
			return nil, parent.Err() // the caller gave up: not the document's fault
		}
		return []finding.Finding{e.errorFinding(ctx, doc, err)}, nil
	}
	if len(rs) != 1 {
		return nil, fmt.Errorf("%s: policy query returned %d results; want 1", docName(doc), len(rs))
	}
	// The unknown paths: the document's, and any the conversion met.
	unknown := &finding.Document{Unknown: c.unknown}
	r, _ := rs[0].Bindings["r"].(*ast.Term)
	arr, ok := r.Value.(*ast.Array)
	if !ok || arr.Len() != len(q.entries)+len(q.excPkgs) {
		return nil, fmt.Errorf("%s: policy query returned %v; want %d sets", docName(doc), r, len(q.entries)+len(q.excPkgs))
	}
	// conftest's exceptions: a package's exception set names the rules
	// (by suffix) whose results on this input are excepted.
	var exc map[string]map[string]bool
	for i, pkg := range q.excPkgs {
		if names := excepted(arr.Elem(len(q.entries) + i).Value); len(names) > 0 {
			if exc == nil {
				exc = map[string]map[string]bool{}
			}
			exc[pkg] = names
		}
	}
	// Grow out once: a Finding is large, and appending one by one copied
	// each set's findings over and over.
	n := len(builtinErrs)
	for i := range q.entries {
		if set, ok := arr.Elem(i).Value.(ast.Set); ok {
			n += set.Len()
		} else {
			n++
		}
	}
	out := make([]finding.Finding, 0, n)
	// One closure for every rule's set, en its current rule: a closure
	// made in the loop was an allocation per rule and document.
	var en *entry
	addResult := func(it *ast.Term) error {
		f, err := resultAST(it.Value, en.rule)
		if err != nil {
			return err
		}
		if f.Path != "" {
			f.Path = c.docPath(f.Path)
			if unknown.IsUnknown(f.Path) {
				return nil // a rule never fires on an unknown value
			}
		}
		f.File, f.Resource, f.Operation = doc.File, doc.Resource, doc.Operation
		f.Line, f.Column, f.Length = doc.PositionOf(f.Path)
		if exc[en.rule.Package][exceptionName(en.name)] {
			f.Reason = "exception in " + en.rule.Package
		}
		out = append(out, f)
		return nil
	}
	for i := range q.entries {
		en = &q.entries[i]
		t := arr.Elem(i)
		set, ok := t.Value.(ast.Set)
		if !ok {
			// A rule that returns something else on this document
			// (a set is checked at load, but a rule can still be
			// undefined-safe only for some inputs) fails here only.
			v, err := ast.JSON(t.Value)
			if err == nil {
				err = fmt.Errorf("%s is %T, not a set of messages", en.rule.Query(), v)
			}
			out = append(out, e.errorFinding(ctx, doc, err))
			continue
		}
		err := set.Iter(addResult)
		if err != nil {
			// A result of the wrong shape: that rule's results on this
			// document are dropped and said so; the other rules stand.
			out = append(out, e.errorFinding(ctx, doc, err))
		}
	}
	var seen map[string]bool
	for _, be := range builtinErrs {
		f := e.errorFinding(ctx, doc, &be)
		if seen == nil {
			seen = map[string]bool{}
		}
		if !seen[f.Message] {
			seen[f.Message] = true
			out = append(out, f)
		}
	}
	return out, nil
}

// noMetrics spares each evaluation the metrics OPA would otherwise
// allocate and never report.
var noMetrics = metrics.NoOp()

// keepAST leaves the query's results as OPA's AST terms: eval reads them
// directly, without converting every rule's set to Go values first.
func keepAST(t *ast.Term, _ *rego.EvalContext) (any, error) { return t, nil }

var (
	msgKey  = ast.StringTerm("msg")
	hintKey = ast.StringTerm("hint")
	pathKey = ast.StringTerm("path")
)

// resultAST is result for an AST value. The common shapes (a message, an
// object with string msg and hint and a string or array path) are read
// directly; anything else goes through result, which says what is wrong.
func resultAST(v ast.Value, r *Rule) (finding.Finding, error) {
	f := finding.Finding{Rule: r.ID, Severity: r.Severity, Layer: finding.LayerRego, Policy: r.Package}
	switch x := v.(type) {
	case ast.String:
		f.Message = string(x)
		return f, nil
	case ast.Object:
		msg, ok := stringAt(x, msgKey)
		if !ok {
			break
		}
		f.Message = msg
		if x.Get(hintKey) != nil {
			if f.Hint, ok = stringAt(x, hintKey); !ok {
				break
			}
		}
		if pt := x.Get(pathKey); pt != nil {
			var p any
			if s, isStr := pt.Value.(ast.String); isStr {
				p = string(s)
			} else if _, isArr := pt.Value.(*ast.Array); isArr {
				var err error
				if p, err = ast.JSON(pt.Value); err != nil {
					break
				}
			} else {
				break
			}
			if f.Path, ok = memberPath(p); !ok {
				break
			}
		}
		return f, nil
	}
	j, err := ast.JSON(v)
	if err != nil {
		return f, fmt.Errorf("%s returned a value that is not JSON: %w", r.Query(), err)
	}
	return result(j, r)
}

func stringAt(o ast.Object, k *ast.Term) (string, bool) {
	t := o.Get(k)
	if t == nil {
		return "", false
	}
	s, ok := t.Value.(ast.String)
	return string(s), ok
}

func docName(doc *finding.Document) string {
	name := doc.File
	if name == "" {
		name = "request"
	}
	if doc.Resource != "" {
		name += " (" + doc.Resource + ")"
	}
	return name
}

// ErrorRule is the rule of the finding a policy that fails on a document
// yields (rules.md §Input problems): the document was not fully linted, the
// run goes on, and the exit code is 2 (finding.CouldNotLint).
const ErrorRule = "policy-error"

// errorFinding is the policy-error finding for err on doc, at the
// document's position.
func (e *Engine) errorFinding(ctx context.Context, doc *finding.Document, err error) finding.Finding {
	f := finding.Finding{Rule: ErrorRule, Severity: finding.Error, Layer: finding.LayerGo,
		File: doc.File, Resource: doc.Resource, Operation: doc.Operation}
	f.Line, f.Column, _ = doc.PositionOf("")
	var te *topdown.Error
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		f.Message = fmt.Sprintf("policies did not finish within %s (the deadline for one document); this document was not fully linted", e.timeout)
		f.Hint = "look for a rule that iterates over too much (a comprehension over a large range or a product of lists)"
	case errors.As(err, &te):
		at := ""
		if te.Location != nil {
			at = fmt.Sprintf(" at %s:%d:%d", te.Location.File, te.Location.Row, te.Location.Col)
		}
		msg := internalName.ReplaceAllString(te.Message, "$1")
		if te.Code == topdown.BuiltinErr {
			f.Message = fmt.Sprintf("policy error%s: %s; the expression was undefined, so its rule may have missed a problem in this document", at, msg)
			f.Hint = "guard the call (check the value's type or format first) so that the rule decides on every input"
		} else {
			f.Message = fmt.Sprintf("policy error%s: %s; this document was not fully linted", at, msg)
			f.Hint = "fix the policy; `cognitolint verify` runs its tests"
		}
	default:
		f.Message = fmt.Sprintf("policy error: %s; this document was not fully linted", internalName.ReplaceAllString(err.Error(), "$1"))
		f.Hint = "fix the policy; `cognitolint verify` runs its tests"
	}
	return f
}

// result maps one element of a rule's set: a message, or an object with
// msg, and optionally path and hint.
func result(v any, r *Rule) (finding.Finding, error) {
	f := finding.Finding{Rule: r.ID, Severity: r.Severity, Layer: finding.LayerRego, Policy: r.Package}
	switch x := v.(type) {
	case string:
		f.Message = x
		return f, nil
	case map[string]any:
		msg, ok := x["msg"].(string)
		if !ok {
			return f, fmt.Errorf("%s returned %s without a string \"msg\": write {\"msg\": \"…\"}", r.Query(), short(x))
		}
		f.Message = msg
		if h, ok := x["hint"]; ok {
			s, ok := h.(string)
			if !ok {
				return f, fmt.Errorf("%s returned a \"hint\" that is not a string: %s", r.Query(), short(h))
			}
			f.Hint = s
		}
		if p, ok := x["path"]; ok {
			s, ok := memberPath(p)
			if !ok {
				return f, fmt.Errorf("%s returned a \"path\" that is not a member path: %s; write \"CallbackURLs[2]\" or [\"CallbackURLs\", 2]", r.Query(), short(p))
			}
			f.Path = s
		}
		return f, nil
	}
	return f, fmt.Errorf("%s returned %s: each result must be a message string or an object with \"msg\"", r.Query(), short(v))
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 120 {
		return string(b[:117]) + "..."
	}
	return string(b)
}

// memberPath reads a result's path: "CallbackURLs[2]",
// "input.CallbackURLs[2]", "/CallbackURLs/2" or ["CallbackURLs", 2].
func memberPath(v any) (string, bool) {
	var b strings.Builder
	add := func(seg any) bool {
		switch s := seg.(type) {
		case string:
			if s == "" {
				return false
			}
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s)
		case json.Number:
			i, err := strconv.Atoi(string(s))
			if err != nil || i < 0 {
				return false
			}
			fmt.Fprintf(&b, "[%d]", i)
		default:
			return false
		}
		return true
	}
	switch p := v.(type) {
	case []any:
		for _, seg := range p {
			if !add(seg) {
				return "", false
			}
		}
		return b.String(), true
	case string:
		if rest, ok := strings.CutPrefix(p, "/"); ok {
			for _, seg := range strings.Split(rest, "/") {
				seg = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
				if _, err := strconv.Atoi(seg); err == nil {
					if !add(json.Number(seg)) {
						return "", false
					}
				} else if !add(seg) {
					return "", false
				}
			}
			return b.String(), true
		}
		if p == "input" {
			return "", true
		}
		return strings.TrimPrefix(p, "input."), true
	}
	return "", false
}

// converter turns a document's Node tree into the AST value of input,
// leaving out unknown values and the secret. Paths are built only where
// needed: at unknown values and lists that lose one.
type converter struct {
	unknown []string
	// listed holds the paths of unknown, for a constant-time check.
	listed map[string]bool
	// secrets are values no policy may see (the document's secrets):
	// wherever they appear, policies see "****".
	secrets map[string]bool
	// remap gives, for a list that lost unknown items, the document index
	// of each item policies see.
	remap map[string][]int
	// slab holds the terms made so far: one allocation for many terms.
	slab []ast.Term
	// strs are the terms of strings met so far (up to maxStrs of them), so
	// that a string written many times (a list of a million "A") is one
	// term.
	strs map[string]*ast.Term
	nstr int // string terms made
}

// maxStrs bounds the strings a converter remembers: a million different
// member names cost no map beyond it.
const maxStrs = 4096

// minStrs is how many string terms a document makes before the converter
// remembers them.
const minStrs = 256

// maxLeftOut is how many values of one list or object may be left out of
// input one by one, each listed as unknown. Past it (a list of a million
// numbers where the shape has strings, an object of a million members the
// shape does not have), the list or object is left out whole and its own
// path listed: a million unknown paths would cost memory, and time in every
// policy that looks a path up among them. The model's findings (model-type,
// model-unknown-member) report those values; no AWS list holds more than
// 100 items.
const maxLeftOut = 1000

// maxItems is how many items of a list policies see: no AWS list holds more
// than 100, and a policy that checks each of 262,144 callback URLs made a
// message for each (2 s and 240 MiB for one document). The list's path is
// listed as unknown.
const maxItems = 1000

// term returns a new term of v, taken from the slab.
func (c *converter) term(v ast.Value) *ast.Term {
	if len(c.slab) == cap(c.slab) {
		c.slab = make([]ast.Term, 0, 32)
	}
	c.slab = append(c.slab, ast.Term{Value: v})
	return &c.slab[len(c.slab)-1]
}

// seg is one step of a path: a member name, or an index when key is "".
type seg struct {
	key string
	idx int
}

func formatPath(segs []seg) string {
	var b strings.Builder
	for _, s := range segs {
		if s.key == "" {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.idx))
			b.WriteByte(']')
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.key)
	}
	return b.String()
}

var redactedTerm = ast.StringTerm(redacted)

// interned holds terms for the strings most documents repeat: member names
// and enum values. Terms are immutable once built, so documents share them
// and conversion allocates less.
var interned = func() map[string]*ast.Term {
	m := map[string]*ast.Term{}
	add := func(ss ...string) {
		for _, s := range ss {
			m[s] = ast.StringTerm(s)
		}
	}
	var members func([]model.Member)
	members = func(ms []model.Member) {
		for _, mb := range ms {
			add(mb.Name)
			members(mb.Members)
		}
	}
	members(model.Members)
	add(model.ExplicitAuthFlows...)
	add(model.OAuthFlows...)
	add(model.TimeUnits...)
	add(model.BuiltinScopes...)
	add(model.BuiltinProviders...)
	add(model.StandardAttributes...)
	add("ENABLED", "DISABLED", "LEGACY")
	return m
}()

func (c *converter) stringTerm(s string) *ast.Term {
	if t, ok := interned[s]; ok {
		return t
	}
	if t, ok := c.strs[s]; ok {
		return t
	}
	t := c.term(ast.String(s))
	// A payload has a few dozen strings: remembering them would cost a
	// map per document for nothing.
	if c.nstr++; c.nstr > minStrs && len(c.strs) < maxStrs {
		if c.strs == nil {
			c.strs = map[string]*ast.Term{}
		}
		c.strs[s] = t
	}
	return t
}

// leftOut counts the values of a list or object of shape sh that value
// leaves out one by one: unknown ones, ones that do not fit the shape, and
// members a structure does not have.
func leftOut(n *finding.Node, sh shape) int {
	count := 0
	switch n.Kind {
	case finding.Array:
		item := sh.item()
		for _, it := range n.Items {
			if it.Kind == finding.Unknown || !item.fits(it.Kind) {
				count++
			}
		}
	case finding.Object:
		for i := range n.Fields {
			f := &n.Fields[i]
			if finding.SecretKey(f.Key) {
				continue
			}
			fs := sh.field(f.Key)
			if f.Value.Kind == finding.Unknown || !fs.fits(f.Value.Kind) || sh.kind == model.Structure && fs.kind == 0 {
				count++
			}
		}
	}
	return count
}

// shape is what the request shape expects at a path: a member's kind and,
// for a structure, its members. The zero shape expects nothing (a key that
// is not a member: policies type-checked against the shape cannot name it).
type shape struct {
	kind    model.Kind
	members []model.Member
}

var rootShape = shape{kind: model.Structure, members: model.Members}

// field is the shape of member key of a structure of shape s.
func (s shape) field(key string) shape {
	for i := range s.members {
		if s.members[i].Name == key {
			return shape{kind: s.members[i].Kind, members: s.members[i].Members}
		}
	}
	return shape{}
}

// fits reports whether a node of kind k is a value of the shape. A value
// that does not fit (a string where the shape has a number, a null, a list
// with a number among its strings) has a model finding already; policies,
// type-checked against the shape, would fail on it (regex.match of a
// number), so it is left out of input and listed as unknown: one mistake,
// one finding.
func (s shape) fits(k finding.Kind) bool {
	switch s.kind {
	case 0:
		return true
	case model.String:
		return k == finding.String
	case model.Integer:
		return k == finding.Number
	case model.Boolean:
		return k == finding.Bool
	case model.StringList:
		return k == finding.Array
	case model.Structure:
		return k == finding.Object
	case model.Timestamp:
		return k == finding.String || k == finding.Number
	}
	return true
}

// item is the shape of an element of a list of shape s.
func (s shape) item() shape {
	if s.kind == model.StringList {
		return shape{kind: model.String}
	}
	return shape{}
}

// value converts n, at path segs, expected to be of shape sh; false for an
// unknown value or one that does not fit the shape.
func (c *converter) value(n *finding.Node, segs []seg, sh shape) (*ast.Term, bool) {
	if n.Kind != finding.Unknown && !sh.fits(n.Kind) {
		return c.leaveOut(segs)
	}
	switch n.Kind {
	case finding.Null:
		return ast.NullTerm(), true
	case finding.Bool:
		return ast.InternedTerm(n.Bool), true
	case finding.Number:
		if t := ast.InternedIntNumberTermFromString(n.Str); t != nil {
			return t, true
		}
		if num, err := ast.NumberChecked(n.Str); err == nil {
			return c.term(num), true
		}
		if sh.kind != 0 {
			return c.leaveOut(segs) // not a number policies can compute with
		}
		return c.term(ast.String(n.Str)), true // not a JSON number literal: keep its text
	case finding.String:
		if c.secrets[n.Str] {
			return redactedTerm, true
		}
		return c.stringTerm(n.Str), true
	case finding.Array:
		if len(n.Items) > maxLeftOut && leftOut(n, sh) > maxLeftOut {
			return c.leaveOut(segs)
		}
		items := n.Items
		if len(items) > maxItems {
			// Policies see the first maxItems; the list is listed as
			// unknown, so that a policy that concludes from the whole list
			// (what it lacks, how long it is) does not.
			items = items[:maxItems]
			c.listUnknown(formatPath(segs))
		}
		terms := make([]*ast.Term, 0, len(items))
		var idx []int
		for i, it := range items {
			t, ok := c.value(it, append(segs, seg{idx: i}), sh.item())
			if !ok {
				if idx == nil {
					idx = make([]int, 0, len(items))
					for j := range i {
						idx = append(idx, j)
					}
				}
				continue
			}
			if idx != nil {
				idx = append(idx, i)
			}
			terms = append(terms, t)
		}
		if idx != nil {
			if c.remap == nil {
				c.remap = map[string][]int{}
			}
			c.remap[formatPath(segs)] = idx
		}
		return c.term(ast.NewArray(terms...)), true
	case finding.Object:
		if len(n.Fields) > maxLeftOut && leftOut(n, sh) > maxLeftOut {
			return c.leaveOut(segs)
		}
		obj := ast.NewObjectWithCapacity(len(n.Fields))
		for i := range n.Fields {
			f := &n.Fields[i]
			// Any key that looks like "client secret" (ClientSecret,
			// clientSecret, ClientSecert), at any depth, whatever its
			// type: policies never see a secret.
			if finding.SecretKey(f.Key) {
				obj.Insert(ast.StringTerm(f.Key), redactedTerm)
				continue
			}
			if t, ok := c.value(f.Value, append(segs, seg{key: f.Key}), sh.field(f.Key)); ok {
				obj.Insert(c.stringTerm(f.Key), t)
			}
		}
		return c.term(obj), true
	}
	// Unknown: absent from input, listed in data.cognitolint.document.unknown.
	return c.leaveOut(segs)
}

// leaveOut leaves the value at segs out of input and lists its path as
// unknown.
func (c *converter) leaveOut(segs []seg) (*ast.Term, bool) {
	c.listUnknown(formatPath(segs))
	return nil, false
}

// listUnknown lists the path p among the unknown ones (once).
func (c *converter) listUnknown(p string) {
	if c.listed == nil {
		c.listed = make(map[string]bool, len(c.unknown)+1)
		for _, u := range c.unknown {
			c.listed[u] = true
		}
	}
	if !c.listed[p] {
		c.listed[p] = true
		c.unknown = append(c.unknown, p)
	}
}

// docPath maps a path in input to the document's path, undoing the index
// shift of lists that lost unknown items.
func (c *converter) docPath(p string) string {
	if c.remap == nil || !strings.Contains(p, "[") {
		return p
	}
	var b strings.Builder
	for p != "" {
		if p[0] == '[' {
			end := strings.IndexByte(p, ']')
			if end < 0 {
				b.WriteString(p)
				break
			}
			i, err := strconv.Atoi(p[1:end])
			if idx, ok := c.remap[b.String()]; ok && err == nil && i >= 0 && i < len(idx) {
				fmt.Fprintf(&b, "[%d]", idx[i])
			} else {
				b.WriteString(p[:end+1])
			}
			p = p[end+1:]
			continue
		}
		if p[0] == '.' {
			b.WriteByte('.')
			p = p[1:]
			continue
		}
		end := strings.IndexAny(p, ".[")
		if end < 0 {
			end = len(p)
		}
		b.WriteString(p[:end])
		p = p[end:]
	}
	return b.String()
}

// overlayStore serves data.cognitolint from the evaluation's context, so
// that every document sees its own data.cognitolint.document while the
// policies, the query and the --data store are shared by all goroutines.
type overlayStore struct{ storage.Store }

type overlayKey struct{}

// overlay is one evaluation's data.cognitolint. Most rules never read it,
// so its AST is built on the first read. One evaluation runs on one
// goroutine: no lock is needed.
type overlay struct {
	doc     *finding.Document
	unknown []string
	val     ast.Object
}

func (o *overlay) value() ast.Value {
	if o == nil {
		return nil
	}
	if o.val == nil {
		_ = o.build(nil) // cannot fail without context documents
	}
	return o.val
}

// build makes data.cognitolint: document and the context documents in
// extra.
func (o *overlay) build(extra map[string]any) error {
	unknownPaths := make([]*ast.Term, len(o.unknown))
	for i, u := range o.unknown {
		unknownPaths[i] = ast.StringTerm(u)
	}
	doc := o.doc
	val := ast.NewObject(ast.Item(ast.InternedTerm("document"), ast.ObjectTerm(
		ast.Item(ast.InternedTerm("operation"), ast.StringTerm(doc.Operation)),
		ast.Item(ast.InternedTerm("file"), ast.StringTerm(doc.File)),
		ast.Item(ast.InternedTerm("format"), ast.StringTerm(doc.Format)),
		ast.Item(ast.InternedTerm("resource"), ast.StringTerm(doc.Resource)),
		ast.Item(ast.InternedTerm("unknown"), ast.ArrayTerm(unknownPaths...)),
	)))
	for k, v := range extra {
		if k == "document" {
			continue
		}
		ev, err := ast.InterfaceToValue(v)
		if err != nil {
			return fmt.Errorf("context %s: %w", k, err)
		}
		val.Insert(ast.StringTerm(k), ast.NewTerm(ev))
	}
	o.val = val
	return nil
}

func (s overlayStore) Read(ctx context.Context, txn storage.Transaction, path storage.Path) (any, error) {
	o, _ := ctx.Value(overlayKey{}).(*overlay)
	ov := o.value()
	if len(path) > 0 && path[0] == "cognitolint" {
		v := ov
		for _, k := range path[1:] {
			obj, ok := v.(ast.Object)
			if !ok {
				return nil, notFound(path)
			}
			t := obj.Get(ast.StringTerm(k))
			if t == nil {
				return nil, notFound(path)
			}
			v = t.Value
		}
		if v == nil {
			return nil, notFound(path)
		}
		return v, nil
	}
	v, err := s.Store.Read(ctx, txn, path)
	if err != nil || len(path) > 0 || ov == nil {
		return v, err
	}
	// All of data: add data.cognitolint.
	root, err := ast.InterfaceToValue(v)
	if err != nil {
		return nil, err
	}
	obj, ok := root.(ast.Object)
	if !ok {
		return v, nil
	}
	cp := obj.Copy()
	cp.Insert(ast.StringTerm("cognitolint"), ast.NewTerm(ov))
	return cp, nil
}

func notFound(path storage.Path) error {
	return &storage.Error{Code: storage.NotFoundErr, Message: path.String() + ": document does not exist"}
}
