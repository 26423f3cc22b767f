package input

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// Same-configuration context of a CloudFormation (or Serverless) app
// client: when its UserPoolId is a Ref or GetAtt to an AWS::Cognito::UserPool
// of the same template, the pool's Schema and UserPoolTier, the
// AWS::Cognito::UserPoolIdentityProvider and
// AWS::Cognito::UserPoolResourceServer resources of that pool are what the
// pool-context rules check the client against (docs/spec/inputs.md, "Context
// from the same configuration"). Property names: the CloudFormation
// resource reference (docs.aws.amazon.com/AWSCloudFormation/latest/
// TemplateReference/aws-resource-cognito-userpool.html,
// …-userpoolidentityprovider.html, …-userpoolresourceserver.html). Any part
// that does not resolve to literal values is nil: unknown, not used.

const (
	cfnPoolType           = "AWS::Cognito::UserPool"
	cfnIdentityProvider   = "AWS::Cognito::UserPoolIdentityProvider"
	cfnResourceServerType = "AWS::Cognito::UserPoolResourceServer"
)

// openTemplateMarkers are resource types and keys that can add identity
// providers or resource servers the template does not show: a nested
// stack or application, a macro. With one of them in the file the lists
// are unknown.
var openTemplateMarkers = [][]byte{
	[]byte("AWS::CloudFormation::Stack"), []byte("AWS::Serverless::Application"),
	[]byte("Fn::Transform"), []byte("!Transform"),
}

// cognitoCustomResource finds a custom resource that may create identity
// providers or resource servers (the way before CloudFormation had the
// resource types): one whose type names Cognito or an IdP, or a template
// whose (inline) code or AwsCustomResource call creates one. Custom
// resources are common in CDK output (log retention, bucket auto-delete),
// and those do not make the lists unknown.
var cognitoCustomResource = regexp.MustCompile(`Custom::[\w@-]*(?i:cognito|identityprovider|idp|saml|oidc|resourceserver)|` +
	`(?i:create_?identity_?provider|create_?resource_?server)`)

// declaredContext resolves the pool that userPoolID (the client's
// UserPoolId as written) names in resources, and what the template
// declares for that pool.
func declaredContext(source *finding.Source, resources, userPoolID *finding.Node, open *openTemplate) *finding.Declared {
	poolID, ok := cfnRefTarget(userPoolID, "UserPoolId")
	if !ok {
		return nil
	}
	pool := cfnResource(resources, poolID)
	if pool == nil || !cfnTypeIs(pool, cfnPoolType) {
		return nil
	}
	d := &finding.Declared{Pool: declaredPool(pool)}
	if !open.is(source.Text) {
		d.IdentityProviders, d.ResourceServers = declaredPoolChildren(resources, poolID)
	}
	if d.Pool == nil && d.IdentityProviders == nil && d.ResourceServers == nil {
		return nil
	}
	return d
}

// openTemplate says, once per template, whether resources it does not show
// may add identity providers or resource servers to its pool: it is
// partial (a Serverless file including other files) or it holds one of
// openTemplateMarkers, a macro or a Cognito custom resource. Scanning the text is left until a client
// resolves its pool.
type openTemplate struct {
	partial, done, open bool
}

func (o *openTemplate) is(text []byte) bool {
	if !o.done {
		o.done = true
		o.open = o.partial || bytes.Contains(text, []byte("Transform")) && templateTransformed(text)
		for _, m := range openTemplateMarkers {
			o.open = o.open || bytes.Contains(text, m)
		}
		o.open = o.open || cognitoCustomResource.Match(text)
	}
	return o.open
}

// templateTransformed reports whether a template that mentions Transform
// uses a macro other than SAM's and AWS::LanguageExtensions, which add no
// Cognito resources.
func templateTransformed(text []byte) bool {
	for from := 0; ; {
		i := bytes.Index(text[from:], []byte("Transform"))
		if i < 0 {
			return false
		}
		from += i + len("Transform")
		_, end := lineBounds(text, from)
		rest := string(text[from:end])
		rest = strings.TrimLeft(rest, `"': `)
		if rest == "" || strings.HasPrefix(rest, "[") || strings.HasPrefix(rest, "-") {
			return true // a list of macros: look no further
		}
		if !strings.HasPrefix(rest, "AWS::Serverless") && !strings.HasPrefix(rest, "AWS::LanguageExtensions") {
			return true
		}
	}
}

// cfnRefTarget returns the logical ID that n refers to: {"Ref": X}, or
// {"Fn::GetAtt": [X, attr]} / "X.attr".
func cfnRefTarget(n *finding.Node, attr string) (string, bool) {
	if !isIntrinsic(n) {
		return "", false
	}
	v := n.Fields[0].Value
	switch n.Fields[0].Key {
	case "Ref":
		if v.Kind == finding.String && !strings.HasPrefix(v.Str, "AWS::") {
			return v.Str, true
		}
	case "Fn::GetAtt":
		switch {
		case v.Kind == finding.Array && len(v.Items) == 2 && v.Items[0].Kind == finding.String &&
			v.Items[1].Kind == finding.String && v.Items[1].Str == attr:
			return v.Items[0].Str, true
		case v.Kind == finding.String:
			if id, a, ok := strings.Cut(v.Str, "."); ok && a == attr {
				return id, true
			}
		}
	}
	return "", false
}

func cfnResource(resources *finding.Node, id string) *finding.Node {
	r := resources.Get(id)
	if r == nil || r.Kind != finding.Object {
		return nil
	}
	return r
}

func cfnTypeIs(r *finding.Node, typ string) bool {
	t := r.Get("Type")
	return t != nil && t.Kind == finding.String && t.Str == typ
}

// cfnProperties returns a resource's Properties when they are a literal
// object (an absent Properties is an empty one); ok is false when they are
// an intrinsic or a variable, or hold a Fn::Transform.
func cfnProperties(r *finding.Node) (*finding.Node, bool) {
	p := r.Get("Properties")
	if p == nil {
		return &finding.Node{Kind: finding.Object}, true
	}
	if p.Kind != finding.Object || isIntrinsic(p) || p.Get("Fn::Transform") != nil {
		return nil, false
	}
	return p, true
}

// literal returns a string value written as such: not an intrinsic, not a
// Serverless variable.
func literal(n *finding.Node) (string, bool) {
	if n == nil || n.Kind != finding.String || hasVariable(n.Str) {
		return "", false
	}
	return n.Str, true
}

// literalBool reads true/false, also as the strings CloudFormation converts.
func literalBool(n *finding.Node) (v, ok bool) {
	switch {
	case n == nil:
		return false, true
	case n.Kind == finding.Bool:
		return n.Bool, true
	case n.Kind == finding.String && strings.EqualFold(n.Str, "true"):
		return true, true
	case n.Kind == finding.String && strings.EqualFold(n.Str, "false"):
		return false, true
	}
	return false, false
}

// declaredPool reads a pool's Schema and UserPoolTier. A Schema entry
// named like a standard attribute changes that attribute; any other name
// is a custom attribute, which AWS names custom:<name>
// (dev:custom:<name> with DeveloperOnlyAttribute) — SchemaAttribute in
// the CloudFormation reference.
func declaredPool(pool *finding.Node) *finding.DeclaredPool {
	props, ok := cfnProperties(pool)
	if !ok {
		return nil
	}
	d := &finding.DeclaredPool{Attributes: []finding.DeclaredAttribute{}}
	if t := props.Get("UserPoolTier"); t != nil {
		d.Tier, _ = literal(t)
	}
	schema := props.Get("Schema")
	if schema == nil {
		return d
	}
	if schema.Kind != finding.Array {
		return nil
	}
	for _, a := range schema.Items {
		if a.Kind != finding.Object || isIntrinsic(a) {
			return nil
		}
		name, ok := literal(a.Get("Name"))
		if !ok {
			return nil
		}
		required, ok1 := literalBool(a.Get("Required"))
		devOnly, ok2 := literalBool(a.Get("DeveloperOnlyAttribute"))
		if !ok1 || !ok2 {
			return nil
		}
		attr := finding.DeclaredAttribute{Name: name, Required: required}
		if !slices.Contains(model.StandardAttributes, name) && !strings.HasPrefix(name, "custom:") && !strings.HasPrefix(name, "dev:") {
			attr.Name = "custom:" + name
			if devOnly {
				attr.Name = "dev:custom:" + name
			}
		}
		if m := a.Get("Mutable"); m != nil {
			if v, ok := literalBool(m); ok {
				attr.Mutable = &v
			}
		}
		d.Attributes = append(d.Attributes, attr)
	}
	return d
}

// declaredPoolChildren reads the identity providers and resource servers
// the template declares for the pool poolID. Either list is nil when one
// of its resources does not resolve: its pool or its name is not literal.
func declaredPoolChildren(resources *finding.Node, poolID string) ([]string, []finding.DeclaredResourceServer) {
	idps, servers := []string{}, []finding.DeclaredResourceServer{}
	for _, f := range resources.Fields {
		r := f.Value
		if r.Kind != finding.Object {
			continue
		}
		isIdP, isServer := cfnTypeIs(r, cfnIdentityProvider), cfnTypeIs(r, cfnResourceServerType)
		if !isIdP && !isServer {
			continue
		}
		props, ok := cfnProperties(r)
		mine := false
		if ok {
			pool := props.Get("UserPoolId")
			if id, isRef := cfnRefTarget(pool, "UserPoolId"); isRef {
				mine = id == poolID
			} else if _, lit := literal(pool); !lit {
				ok = false // a pool we cannot tell
			}
		}
		switch {
		case isIdP && idps != nil:
			if !ok {
				idps = nil
			} else if mine {
				if name, lit := literal(props.Get("ProviderName")); lit {
					idps = append(idps, name)
				} else {
					idps = nil
				}
			}
		case isServer && servers != nil:
			if !ok {
				servers = nil
			} else if mine {
				if rs, lit := declaredServer(props); lit {
					servers = append(servers, rs)
				} else {
					servers = nil
				}
			}
		}
	}
	return idps, servers
}

// declaredServer reads a resource server's Identifier and Scopes[].ScopeName.
func declaredServer(props *finding.Node) (finding.DeclaredResourceServer, bool) {
	id, ok := literal(props.Get("Identifier"))
	if !ok {
		return finding.DeclaredResourceServer{}, false
	}
	rs := finding.DeclaredResourceServer{Identifier: id, Scopes: []string{}}
	scopes := props.Get("Scopes")
	if scopes == nil {
		return rs, true
	}
	if scopes.Kind != finding.Array {
		return rs, false
	}
	for _, s := range scopes.Items {
		if s.Kind != finding.Object || isIntrinsic(s) {
			return rs, false
		}
		name, ok := literal(s.Get("ScopeName"))
		if !ok {
			return rs, false
		}
		rs.Scopes = append(rs.Scopes, name)
	}
	return rs, true
}
