package validate

import (
	"context"
	"errors"
	"slices"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/policy"
	"github.com/cognitolint/cognitolint/rules"
)

// The policy layer: Rego policies and the baseline pack (package policy),
// compiled once in New and evaluated for every document after the
// built-in rules.

// loadPolicies compiles the policies the options name. A policy that does
// not load is an error naming file:line.
func (l *Linter) loadPolicies() error {
	o := l.opts
	if o.NoBaseline && len(o.PolicyDirs) == 0 && len(o.PolicyFS) == 0 && len(o.PolicyModules) == 0 {
		return nil
	}
	e, err := policy.Load(policy.Options{
		Dirs: o.PolicyDirs, FS: o.PolicyFS, Modules: o.PolicyModules, DataFiles: o.DataFiles, Data: o.Data,
		NoBaseline: o.NoBaseline, Timeout: o.PolicyTimeout,
		Namespaces: o.Namespaces, AllNamespaces: o.AllNamespaces,
		Reserved: func(id string) bool { return rules.Lookup(id) != nil },
	})
	if err != nil {
		return policyError(err)
	}
	l.policy = e
	return nil
}

// PolicyError is the error of New when policies do not load (a syntax or
// type error, a custom.id that collides with a built-in rule): every
// problem, each with its position. errors.As finds it, and each of its
// Problems as a *PolicyProblem.
type PolicyError struct {
	Problems []PolicyProblem
	msg      string
}

// Error lists the problems, one per line after the first.
func (e *PolicyError) Error() string { return e.msg }

// Unwrap returns each problem as an error (*PolicyProblem).
func (e *PolicyError) Unwrap() []error {
	out := make([]error, len(e.Problems))
	for i := range e.Problems {
		out[i] = &e.Problems[i]
	}
	return out
}

// PolicyProblem is one problem that stops policies from loading.
type PolicyProblem struct {
	// File is the policy's file name; Line and Col are 1-based, 0 where
	// the problem has no position.
	File      string
	Line, Col int
	Message   string
}

// Error returns "file:line:col: message".
func (p *PolicyProblem) Error() string {
	return policy.Error{File: p.File, Line: p.Line, Col: p.Col, Message: p.Message}.Error()
}

// policyError turns policy.Load's errors into the exported type; other
// errors (a data file that does not parse) pass through.
func policyError(err error) error {
	var es policy.Errors
	if !errors.As(err, &es) {
		return err
	}
	pe := &PolicyError{msg: err.Error()}
	for _, e := range es {
		pe.Problems = append(pe.Problems, PolicyProblem{File: e.File, Line: e.Line, Col: e.Col, Message: e.Message})
	}
	return pe
}

// preparePolicies builds the query once the disabled rules are known, so
// that disabled policy rules are not evaluated at all.
func (l *Linter) preparePolicies() error {
	if l.policy == nil {
		return nil
	}
	return l.policy.Prepare(l.skip)
}

func (l *Linter) policyRules() []Rule {
	if l.policy == nil {
		return nil
	}
	var out []Rule
	for _, r := range l.policy.Rules() {
		summary := r.Title
		if summary == "" {
			summary = "Rego rule " + r.Query()
		}
		out = append(out, Rule{ID: r.ID, Severity: r.Severity.String(), Layer: finding.LayerRego,
			Context: "payload", Summary: summary, Doc: r.Description, Reference: r.Reference, Policy: r.Package})
	}
	return out
}

func (l *Linter) evalPolicies(ctx context.Context, doc *finding.Document) ([]Finding, error) {
	if l.policy == nil {
		return nil, nil
	}
	fs, err := l.policy.Eval(ctx, doc, l.policyData(doc))
	return redact(redact(fs, doc.Secrets), l.ctx.Secrets()), err
}

func (l *Linter) evalRequestPolicies(ctx context.Context, req *Request, op string) ([]Finding, error) {
	if l.policy == nil {
		return nil, nil
	}
	fs, err := l.policy.EvalRequest(ctx, req, op, l.ctxData)
	secrets := l.ctx.Secrets()
	if req.ClientSecret != nil {
		secrets = append(secrets, *req.ClientSecret)
	}
	return redact(fs, secrets), err
}

// addPolicyFindings adds policy findings to rep: those a conftest
// exception excepted (Reason set) to Suppressed, counted as suppressed.
func addPolicyFindings(rep *Report, pfs []Finding) {
	rep.Findings = slices.Grow(rep.Findings, len(pfs))
	for _, f := range pfs {
		if f.Reason != "" {
			rep.Suppressed = append(rep.Suppressed, f)
		} else {
			rep.Findings = append(rep.Findings, f)
		}
	}
}

// redact keeps secret values out of what policies write.
func redact(fs []Finding, secrets []string) []Finding {
	for i := range fs {
		fs[i].Message = rules.Redact(fs[i].Message, secrets)
		fs[i].Hint = rules.Redact(fs[i].Hint, secrets)
	}
	return fs
}
