package validate

import (
	"errors"
	"github.com/cognitolint/cognitolint/internal/safefile"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/internal/contextfile"
	"github.com/cognitolint/cognitolint/rules"
)

// The context of the rules of context client and pool, so that an
// embedder needs only this package: the current client (a Request, as
// describe-user-pool-client gives it) and the pool.
type (
	Context          = rules.Context
	Pool             = rules.Pool
	SchemaAttribute  = rules.SchemaAttribute
	ResourceServer   = rules.ResourceServer
	IdentityProvider = rules.IdentityProvider
)

// loadContext reads the context files of the options into l.ctx, over a
// copy of Options.Context.
func (l *Linter) loadContext() error {
	o := l.opts
	files := []struct{ kind, path string }{
		{rules.KindCurrent, o.Current},
		{rules.KindPool, o.Pool},
		{rules.KindResourceServers, o.ResourceServers},
		{rules.KindIdentityProviders, o.IdentityProviders},
	}
	var c Context
	if o.Context != nil {
		c = *o.Context
	}
	given := o.Context != nil
	raw := map[string]any{}
	for _, f := range files {
		if f.path == "" {
			continue
		}
		src, err := readFile(f.path)
		if err != nil {
			return err
		}
		doc, err := contextfile.Parse(&c, f.kind, f.path, src)
		if err != nil {
			return contextError(err)
		}
		raw[f.kind] = doc
		given = true
	}
	if given {
		l.ctx = &c
		l.ctxData = contextfile.PolicyData(&c, raw)
	}
	return nil
}

// readFile reads a context file; a failure names the file.
func readFile(name string) ([]byte, error) {
	b, err := safefile.Read(name, safefile.Limit)
	if err != nil {
		return nil, pathError(name, err)
	}
	return b, nil
}

// Context file kinds, as ParseContextFile takes them: the keys of
// data.cognitolint that policies read each file under.
const (
	ContextCurrent           = rules.KindCurrent           // describe-user-pool-client output
	ContextPool              = rules.KindPool              // describe-user-pool output
	ContextResourceServers   = rules.KindResourceServers   // list-resource-servers output
	ContextIdentityProviders = rules.KindIdentityProviders // list-identity-providers output
)

// ContextError is a context file that does not parse or is not of the
// shape its kind needs; it says where and what shape was expected.
type ContextError struct {
	// File is the context file's name as given.
	File string
	// Line and Col are 1-based; 0 when the problem has no position (a
	// file that cannot be read).
	Line, Col int
	// Msg says what is wrong and what shape was expected.
	Msg string
}

// Error returns "file:line:col: msg".
func (e *ContextError) Error() string {
	return (&contextfile.Error{File: e.File, Line: e.Line, Col: e.Col, Msg: e.Msg}).Error()
}

// contextError turns the parser's error into the exported one.
func contextError(err error) error {
	var ce *contextfile.Error
	if errors.As(err, &ce) {
		return &ContextError{File: ce.File, Line: ce.Line, Col: ce.Col, Msg: ce.Msg}
	}
	return err
}

// ParseContextFile parses the context file name (content src) of kind
// (ContextCurrent, ContextPool, ContextResourceServers,
// ContextIdentityProviders) into c. A file that is not JSON or not of the
// kind's shape is a *ContextError.
func ParseContextFile(c *Context, kind, name string, src []byte) error {
	_, err := contextfile.Parse(c, kind, name, src)
	return contextError(err)
}

// policyData is data.cognitolint's context for the policies of one
// document: the context files' (l.ctxData), with the parts they lack
// taken from what the document's own configuration declares, as the
// built-in rules take them (rules.WithDeclared).
func (l *Linter) policyData(doc *finding.Document) map[string]any {
	if doc.Declared == nil {
		return l.ctxData
	}
	c := rules.WithDeclared(l.ctx, doc.Declared)
	if c == l.ctx {
		return l.ctxData
	}
	raw := map[string]any{}
	for k, v := range l.ctxData {
		raw[k] = v
	}
	return contextfile.PolicyData(c, raw)
}

// WithCurrent returns a Linter that lints as l does but with cur as the
// current client (what --current gives; the rest of l's context is kept).
// It shares l's compiled rules and policies, so it costs a copy, not a
// compile: a program that describes the client before each update (the
// SDK adapter's safe update) lints each update against its own client.
func (l *Linter) WithCurrent(cur *Request) *Linter {
	cp := *l
	var c Context
	if l.ctx != nil {
		c = *l.ctx
	}
	c.Current = cur
	cp.ctx = &c
	data := make(map[string]any, len(l.ctxData)+1)
	for k, v := range l.ctxData {
		data[k] = v
	}
	delete(data, rules.KindCurrent)
	for k, v := range contextfile.PolicyData(&Context{Current: cur}, nil) {
		data[k] = v
	}
	cp.ctxData = data
	return &cp
}
