package validate

import (
	"context"

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
		Dirs: o.PolicyDirs, FS: o.PolicyFS, Modules: o.PolicyModules, DataFiles: o.DataFiles,
		NoBaseline: o.NoBaseline, Timeout: o.PolicyTimeout,
		Namespaces: o.Namespaces, AllNamespaces: o.AllNamespaces,
		Reserved: func(id string) bool { return rules.Lookup(id) != nil },
	})
	if err != nil {
		return err
	}
	l.policy = e
	return nil
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
