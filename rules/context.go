package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/input"
	"github.com/cognitolint/cognitolint/model"
)

// Context is what the rules of context client and pool read: the current
// app client and the user pool, as the AWS CLI describes them. A nil field
// (or nil slice) means that part was not given, and the rules needing it do
// not run; an empty non-nil slice means the pool has none.
//
// Build it with ParseContextFile from AWS CLI output, or fill it directly.
type Context struct {
	// Current is the UserPoolClient of `aws cognito-idp
	// describe-user-pool-client`. Its ClientSecret is never printed.
	Current *model.Request
	// Pool is the UserPool of `aws cognito-idp describe-user-pool`.
	Pool *Pool
	// ResourceServers is the ResourceServers list of `aws cognito-idp
	// list-resource-servers`.
	ResourceServers []ResourceServer
	// IdentityProviders is the Providers list of `aws cognito-idp
	// list-identity-providers`.
	IdentityProviders []IdentityProvider

	// raw holds each parsed file's document, by context kind, for policies.
	raw map[string]any
}

// Pool is the part of UserPoolType the rules read.
type Pool struct {
	SchemaAttributes []SchemaAttribute
	// UserPoolTier is LITE, ESSENTIALS or PLUS; "" when not given.
	UserPoolTier string
}

// SchemaAttribute is one attribute of the pool's schema. Custom attributes
// are named "custom:<name>" (developer-only ones "dev:custom:<name>").
type SchemaAttribute struct {
	Name     string
	Required bool
	Mutable  *bool
}

// ResourceServer is one resource server of the pool.
type ResourceServer struct {
	Identifier string
	Scopes     []string // the scope names, without the identifier
}

// IdentityProvider is one identity provider of the pool.
type IdentityProvider struct {
	ProviderName string
	ProviderType string
}

// Context file kinds: the names cli.md's flags and policy.md's
// data.cognitolint keys use.
const (
	KindCurrent           = "current"
	KindPool              = "pool"
	KindResourceServers   = "resource_servers"
	KindIdentityProviders = "identity_providers"
)

// contextShapes says, per kind, which AWS CLI output a context file holds.
var contextShapes = map[string]struct{ key, want string }{
	KindCurrent:           {"UserPoolClient", `the output of "aws cognito-idp describe-user-pool-client": {"UserPoolClient": {...}}`},
	KindPool:              {"UserPool", `the output of "aws cognito-idp describe-user-pool": {"UserPool": {...}}`},
	KindResourceServers:   {"ResourceServers", `the output of "aws cognito-idp list-resource-servers": {"ResourceServers": [...]}`},
	KindIdentityProviders: {"Providers", `the output of "aws cognito-idp list-identity-providers": {"Providers": [...]}`},
}

// ContextError is a context file that does not parse or is not of the
// shape its kind needs. Line and Col are 1-based, 0 when unknown.
type ContextError struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *ContextError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// given reports which contexts c makes available.
func (c *Context) given(ctx string) bool {
	if c == nil {
		return false
	}
	switch ctx {
	case ContextClient:
		return c.Current != nil
	case ContextPool:
		return c.Pool != nil || c.ResourceServers != nil || c.IdentityProviders != nil
	}
	return false
}

// Secrets returns the secret values of the context (the current client's
// ClientSecret), to redact from any output.
func (c *Context) Secrets() []string {
	if c == nil || c.Current == nil || c.Current.ClientSecret == nil || *c.Current.ClientSecret == "" {
		return nil
	}
	return []string{*c.Current.ClientSecret}
}

// PolicyData returns the context for policies, by data.cognitolint key:
// "current" is the UserPoolClient object (ClientSecret shown as "****"),
// "pool" the UserPool object, "resource_servers" and "identity_providers"
// the lists. Parsed files are given as written; fields set directly are
// given in their JSON form. The result is nil when nothing is given.
func (c *Context) PolicyData() map[string]any {
	if c == nil {
		return nil
	}
	out := map[string]any{}
	add := func(kind string, v any, isNil bool) {
		if isNil {
			return
		}
		if r, ok := c.raw[kind]; ok {
			out[kind] = r
			return
		}
		if r, err := toGeneric(v); err == nil {
			out[kind] = r
		}
	}
	add(KindCurrent, c.Current, c.Current == nil)
	add(KindPool, c.Pool, c.Pool == nil)
	add(KindResourceServers, c.ResourceServers, c.ResourceServers == nil)
	add(KindIdentityProviders, c.IdentityProviders, c.IdentityProviders == nil)
	if cur, ok := out[KindCurrent].(map[string]any); ok {
		if _, ok := cur["ClientSecret"]; ok {
			cp := make(map[string]any, len(cur))
			for k, v := range cur {
				cp[k] = v
			}
			cp["ClientSecret"] = "****"
			out[KindCurrent] = cp
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func toGeneric(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	err = dec.Decode(&out)
	return out, err
}

// ParseContextFile parses the context file name (content src) of kind
// (KindCurrent, KindPool, KindResourceServers, KindIdentityProviders) into
// c. A file that is not JSON or not of the kind's shape is a *ContextError
// with the position and the shape expected.
func (c *Context) ParseContextFile(kind, name string, src []byte) error {
	shape, ok := contextShapes[kind]
	if !ok {
		return fmt.Errorf("unknown context kind %q", kind)
	}
	p := ctxParser{file: name, src: &finding.Source{Text: src}, want: shape.want}
	root, err := input.ParseJSON(src)
	if err != nil {
		var se *input.SyntaxError
		if errors.As(err, &se) {
			return p.errAt(se.Off, "%s; expected %s", se.Msg, shape.want)
		}
		return p.errAt(0, "%v; expected %s", err, shape.want)
	}
	if root.Kind != finding.Object {
		return p.errAt(root.Pos.Off, "%s is not %s", root.Kind, shape.want)
	}
	body := root.Get(shape.key)
	if body == nil {
		return p.errAt(root.Pos.Off, "no %q member: this is not %s", shape.key, shape.want)
	}
	switch kind {
	case KindCurrent:
		err = p.current(c, body)
	case KindPool:
		err = p.pool(c, body)
	case KindResourceServers:
		err = p.resourceServers(c, body)
	case KindIdentityProviders:
		err = p.identityProviders(c, body)
	}
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(src[body.Pos.Off:body.Pos.End]))
	dec.UseNumber()
	var raw any
	if err := dec.Decode(&raw); err != nil {
		return p.errAt(body.Pos.Off, "%v", err)
	}
	// A copy: a Context copied by value shares its map with the original.
	c.raw = maps.Clone(c.raw)
	if c.raw == nil {
		c.raw = map[string]any{}
	}
	c.raw[kind] = raw
	return nil
}

type ctxParser struct {
	file string
	src  *finding.Source
	want string
}

func (p *ctxParser) errAt(off int, format string, args ...any) error {
	line, col, _ := p.src.Position(off, off)
	return &ContextError{File: p.file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// expect checks that n (the value at path) is of kind k.
func (p *ctxParser) expect(n *finding.Node, k finding.Kind, path, what string) error {
	if n.Kind != k {
		return p.errAt(n.Pos.Off, "%s is %s, expected %s (%s)", path, n.Kind, what, p.want)
	}
	return nil
}

func (p *ctxParser) current(c *Context, body *finding.Node) error {
	if err := p.expect(body, finding.Object, "UserPoolClient", "an object"); err != nil {
		return err
	}
	// Check the types of the members the rules read, with positions;
	// members the model does not know (CreationDate, …) are left alone.
	var req model.Request
	for _, f := range body.Fields {
		if _, ok := requestFields[f.Key]; !ok {
			continue
		}
		if f.Value.Kind == finding.Null {
			continue
		}
		one := map[string]json.RawMessage{f.Key: json.RawMessage(p.src.Text[f.Value.Pos.Off:f.Value.Pos.End])}
		b, _ := json.Marshal(one)
		if err := json.Unmarshal(b, &req); err != nil {
			what := "another type"
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				what = goTypeName(te.Type.String())
			}
			return p.errAt(f.Value.Pos.Off, "UserPoolClient.%s is %s, expected %s (%s)", f.Key, f.Value.Kind, what, p.want)
		}
	}
	if req.ClientSecret != nil && *req.ClientSecret == "" {
		req.ClientSecret = nil
	}
	c.Current = &req
	return nil
}

// goTypeName names a Go type as messages name JSON types.
func goTypeName(t string) string {
	t = strings.TrimPrefix(t, "*")
	switch {
	case t == "string":
		return "a string"
	case t == "bool":
		return "a boolean"
	case strings.HasPrefix(t, "int"):
		return "an integer"
	case strings.HasPrefix(t, "[]"):
		return "a list"
	}
	return "an object"
}

func (p *ctxParser) str(n *finding.Node, path string) (string, error) {
	if n == nil {
		return "", nil
	}
	if err := p.expect(n, finding.String, path, "a string"); err != nil {
		return "", err
	}
	return n.Str, nil
}

func (p *ctxParser) pool(c *Context, body *finding.Node) error {
	if err := p.expect(body, finding.Object, "UserPool", "an object"); err != nil {
		return err
	}
	pool := &Pool{}
	var err error
	if pool.UserPoolTier, err = p.str(body.Get("UserPoolTier"), "UserPool.UserPoolTier"); err != nil {
		return err
	}
	if sa := body.Get("SchemaAttributes"); sa != nil {
		if err := p.expect(sa, finding.Array, "UserPool.SchemaAttributes", "a list"); err != nil {
			return err
		}
		pool.SchemaAttributes = make([]SchemaAttribute, 0, len(sa.Items))
		for i, it := range sa.Items {
			path := fmt.Sprintf("UserPool.SchemaAttributes[%d]", i)
			if err := p.expect(it, finding.Object, path, "an object"); err != nil {
				return err
			}
			var a SchemaAttribute
			name := it.Get("Name")
			if name == nil {
				return p.errAt(it.Pos.Off, "%s has no Name (%s)", path, p.want)
			}
			if a.Name, err = p.str(name, path+".Name"); err != nil {
				return err
			}
			if r := it.Get("Required"); r != nil {
				if err := p.expect(r, finding.Bool, path+".Required", "a boolean"); err != nil {
					return err
				}
				a.Required = r.Bool
			}
			if m := it.Get("Mutable"); m != nil {
				if err := p.expect(m, finding.Bool, path+".Mutable", "a boolean"); err != nil {
					return err
				}
				a.Mutable = &m.Bool
			}
			pool.SchemaAttributes = append(pool.SchemaAttributes, a)
		}
	}
	c.Pool = pool
	return nil
}

func (p *ctxParser) resourceServers(c *Context, body *finding.Node) error {
	if err := p.expect(body, finding.Array, "ResourceServers", "a list"); err != nil {
		return err
	}
	rs := make([]ResourceServer, 0, len(body.Items))
	for i, it := range body.Items {
		path := fmt.Sprintf("ResourceServers[%d]", i)
		if err := p.expect(it, finding.Object, path, "an object"); err != nil {
			return err
		}
		id := it.Get("Identifier")
		if id == nil {
			return p.errAt(it.Pos.Off, "%s has no Identifier (%s)", path, p.want)
		}
		var s ResourceServer
		var err error
		if s.Identifier, err = p.str(id, path+".Identifier"); err != nil {
			return err
		}
		if sc := it.Get("Scopes"); sc != nil {
			if err := p.expect(sc, finding.Array, path+".Scopes", "a list"); err != nil {
				return err
			}
			for j, scope := range sc.Items {
				spath := fmt.Sprintf("%s.Scopes[%d]", path, j)
				if err := p.expect(scope, finding.Object, spath, "an object"); err != nil {
					return err
				}
				name := scope.Get("ScopeName")
				if name == nil {
					return p.errAt(scope.Pos.Off, "%s has no ScopeName (%s)", spath, p.want)
				}
				n, err := p.str(name, spath+".ScopeName")
				if err != nil {
					return err
				}
				s.Scopes = append(s.Scopes, n)
			}
		}
		rs = append(rs, s)
	}
	c.ResourceServers = rs
	return nil
}

func (p *ctxParser) identityProviders(c *Context, body *finding.Node) error {
	if err := p.expect(body, finding.Array, "Providers", "a list"); err != nil {
		return err
	}
	ps := make([]IdentityProvider, 0, len(body.Items))
	for i, it := range body.Items {
		path := fmt.Sprintf("Providers[%d]", i)
		if err := p.expect(it, finding.Object, path, "an object"); err != nil {
			return err
		}
		name := it.Get("ProviderName")
		if name == nil {
			return p.errAt(it.Pos.Off, "%s has no ProviderName (%s)", path, p.want)
		}
		var ip IdentityProvider
		var err error
		if ip.ProviderName, err = p.str(name, path+".ProviderName"); err != nil {
			return err
		}
		if ip.ProviderType, err = p.str(it.Get("ProviderType"), path+".ProviderType"); err != nil {
			return err
		}
		ps = append(ps, ip)
	}
	c.IdentityProviders = ps
	return nil
}
