package validate

import (
	"os"

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
		doc, err := parseContextFile(&c, f.kind, f.path, src)
		if err != nil {
			return err
		}
		raw[f.kind] = doc
		given = true
	}
	if given {
		l.ctx = &c
		l.ctxData = policyData(&c, raw)
	}
	return nil
}

// readFile reads a context file; a failure names the file.
func readFile(name string) ([]byte, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, pathError(name, err)
	}
	return b, nil
}
