// Package contextfile parses cognitolint's context files: AWS CLI output
// describing the current app client and the user pool (cli.md --current,
// --pool, --resource-servers, --identity-providers), with positions for
// errors. Package validate exposes it.
package contextfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/input"
	"github.com/cognitolint/cognitolint/model"
	"github.com/cognitolint/cognitolint/rules"
)

// contextShapes says, per kind, which AWS CLI output a context file holds.
var contextShapes = map[string]struct{ key, want string }{
	rules.KindCurrent:           {"UserPoolClient", `the output of "aws cognito-idp describe-user-pool-client": {"UserPoolClient": {...}}`},
	rules.KindPool:              {"UserPool", `the output of "aws cognito-idp describe-user-pool": {"UserPool": {...}}`},
	rules.KindResourceServers:   {"ResourceServers", `the output of "aws cognito-idp list-resource-servers": {"ResourceServers": [...]}`},
	rules.KindIdentityProviders: {"Providers", `the output of "aws cognito-idp list-identity-providers": {"Providers": [...]}`},
}

// Error is a context file that does not parse or is not of the
// shape its kind needs. Line and Col are 1-based, 0 when unknown.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// PolicyData returns the context for policies, by data.cognitolint key:
// "current" is the UserPoolClient object (ClientSecret shown as "****"),
// "pool" the UserPool object, "resource_servers" and "identity_providers"
// the lists. Parsed files are given as written; fields set directly are
// given in their JSON form (raw holds the parsed files' documents by
// kind). The result is nil when nothing is given.
func PolicyData(c *rules.Context, raw map[string]any) map[string]any {
	if c == nil {
		return nil
	}
	out := map[string]any{}
	add := func(kind string, v any, isNil bool) {
		if isNil {
			return
		}
		if r, ok := raw[kind]; ok {
			out[kind] = r
			return
		}
		if r, err := toGeneric(v); err == nil {
			out[kind] = r
		}
	}
	add(rules.KindCurrent, c.Current, c.Current == nil)
	add(rules.KindPool, c.Pool, c.Pool == nil)
	add(rules.KindResourceServers, c.ResourceServers, c.ResourceServers == nil)
	add(rules.KindIdentityProviders, c.IdentityProviders, c.IdentityProviders == nil)
	if cur, ok := out[rules.KindCurrent].(map[string]any); ok {
		if _, ok := cur["ClientSecret"]; ok {
			cp := make(map[string]any, len(cur))
			for k, v := range cur {
				cp[k] = v
			}
			cp["ClientSecret"] = "****"
			out[rules.KindCurrent] = cp
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

// Parse parses the context file name (content src) of kind (rules.KindCurrent,
// KindPool, KindResourceServers, KindIdentityProviders) into c, and returns
// the document under the file's top-level key, for policies. A file that is
// not JSON or not of the kind's shape is an *Error with the position and
// the shape expected.
func Parse(c *rules.Context, kind, name string, src []byte) (any, error) {
	shape, ok := contextShapes[kind]
	if !ok {
		return nil, fmt.Errorf("unknown context kind %q", kind)
	}
	p := ctxParser{file: name, src: &finding.Source{Text: src}, want: shape.want}
	root, err := input.ParseJSON(src)
	if err != nil {
		var se *input.SyntaxError
		if errors.As(err, &se) {
			return nil, p.errAt(se.Off, "%s; the file should be %s", se.Msg, shape.want)
		}
		return nil, p.errAt(0, "%v; the file should be %s", err, shape.want)
	}
	if root.Kind != finding.Object {
		return nil, p.errAt(root.Pos.Off, "%s is not %s", root.Kind, shape.want)
	}
	body := root.Get(shape.key)
	if body == nil {
		return nil, p.errAt(root.Pos.Off, "no %q member: this is not %s", shape.key, shape.want)
	}
	switch kind {
	case rules.KindCurrent:
		err = p.current(c, body)
	case rules.KindPool:
		err = p.pool(c, body)
	case rules.KindResourceServers:
		err = p.resourceServers(c, body)
	case rules.KindIdentityProviders:
		err = p.identityProviders(c, body)
	}
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(src[body.Pos.Off:body.Pos.End]))
	dec.UseNumber()
	var raw any
	if err := dec.Decode(&raw); err != nil {
		return nil, p.errAt(body.Pos.Off, "%v", err)
	}
	return raw, nil
}

type ctxParser struct {
	file string
	src  *finding.Source
	want string
}

func (p *ctxParser) errAt(off int, format string, args ...any) error {
	line, col, _ := p.src.Position(off, off)
	return &Error{File: p.file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// expect checks that n (the value at path) is of kind k.
func (p *ctxParser) expect(n *finding.Node, k finding.Kind, path, what string) error {
	if n.Kind != k {
		return p.errAt(n.Pos.Off, "%s is %s, expected %s (%s)", path, n.Kind, what, p.want)
	}
	return nil
}

func (p *ctxParser) current(c *rules.Context, body *finding.Node) error {
	if err := p.expect(body, finding.Object, "UserPoolClient", "an object"); err != nil {
		return err
	}
	// Check the types of the members the rules read, with positions;
	// members the model does not know (CreationDate, …) are left alone.
	var req model.Request
	for _, f := range body.Fields {
		if !isMember(f.Key) {
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

func (p *ctxParser) pool(c *rules.Context, body *finding.Node) error {
	if err := p.expect(body, finding.Object, "UserPool", "an object"); err != nil {
		return err
	}
	pool := &rules.Pool{}
	var err error
	if pool.UserPoolTier, err = p.str(body.Get("UserPoolTier"), "UserPool.UserPoolTier"); err != nil {
		return err
	}
	if sa := body.Get("SchemaAttributes"); sa != nil {
		if err := p.expect(sa, finding.Array, "UserPool.SchemaAttributes", "a list"); err != nil {
			return err
		}
		pool.SchemaAttributes = make([]rules.SchemaAttribute, 0, len(sa.Items))
		for i, it := range sa.Items {
			path := fmt.Sprintf("UserPool.SchemaAttributes[%d]", i)
			if err := p.expect(it, finding.Object, path, "an object"); err != nil {
				return err
			}
			var a rules.SchemaAttribute
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

func (p *ctxParser) resourceServers(c *rules.Context, body *finding.Node) error {
	if err := p.expect(body, finding.Array, "ResourceServers", "a list"); err != nil {
		return err
	}
	rs := make([]rules.ResourceServer, 0, len(body.Items))
	for i, it := range body.Items {
		path := fmt.Sprintf("ResourceServers[%d]", i)
		if err := p.expect(it, finding.Object, path, "an object"); err != nil {
			return err
		}
		id := it.Get("Identifier")
		if id == nil {
			return p.errAt(it.Pos.Off, "%s has no Identifier (%s)", path, p.want)
		}
		var s rules.ResourceServer
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

func (p *ctxParser) identityProviders(c *rules.Context, body *finding.Node) error {
	if err := p.expect(body, finding.Array, "Providers", "a list"); err != nil {
		return err
	}
	ps := make([]rules.IdentityProvider, 0, len(body.Items))
	for i, it := range body.Items {
		path := fmt.Sprintf("Providers[%d]", i)
		if err := p.expect(it, finding.Object, path, "an object"); err != nil {
			return err
		}
		name := it.Get("ProviderName")
		if name == nil {
			return p.errAt(it.Pos.Off, "%s has no ProviderName (%s)", path, p.want)
		}
		var ip rules.IdentityProvider
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

// requestMembers are the JSON member names of model.Request.
var requestMembers = func() map[string]bool {
	m := map[string]bool{}
	for _, mem := range model.Members {
		m[mem.Name] = true
	}
	return m
}()

func isMember(name string) bool { return requestMembers[name] }
