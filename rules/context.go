package rules

import (
	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// Context is what the rules of context client and pool read: the current
// app client and the user pool, as the AWS CLI describes them. A nil field
// (or nil slice) means that part was not given, and the rules needing it do
// not run; an empty non-nil slice means the pool has none.
//
// package validate parses it from AWS CLI output (ParseContextFile); an
// embedder can also fill it directly.
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

// Context kinds: the keys of data.cognitolint that policies read them
// under (policy.md).
const (
	KindCurrent           = "current"
	KindPool              = "pool"
	KindResourceServers   = "resource_servers"
	KindIdentityProviders = "identity_providers"
)

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

// WithDeclared returns the context the rules use for one document: given
// (the context files, or what an embedder set), with every part it lacks
// taken from what the document's own configuration declares (d, see
// finding.Declared). A part given wins over the declared one; a declared
// part that is nil (it did not resolve) stays unknown. given is not
// modified.
func WithDeclared(given *Context, d *finding.Declared) *Context {
	if d == nil || (d.Pool == nil && d.IdentityProviders == nil && d.ResourceServers == nil) {
		return given
	}
	var c Context
	if given != nil {
		c = *given
	}
	if c.Pool == nil && d.Pool != nil {
		c.Pool = declaredPool(d.Pool)
	}
	if c.IdentityProviders == nil && d.IdentityProviders != nil {
		c.IdentityProviders = make([]IdentityProvider, len(d.IdentityProviders))
		for i, name := range d.IdentityProviders {
			c.IdentityProviders[i] = IdentityProvider{ProviderName: name}
		}
	}
	if c.ResourceServers == nil && d.ResourceServers != nil {
		c.ResourceServers = make([]ResourceServer, len(d.ResourceServers))
		for i, rs := range d.ResourceServers {
			c.ResourceServers[i] = ResourceServer{Identifier: rs.Identifier, Scopes: rs.Scopes}
		}
	}
	return &c
}

// declaredPool is the pool a configuration declares, as describe-user-pool
// would give it: a template's Schema lists the custom attributes and the
// standard attributes whose settings it changes, while every pool has all
// the standard attributes (AWS::Cognito::UserPool SchemaAttribute: "the
// standard attributes … are available in every user pool"), so the
// standard ones it does not list are added, not required.
func declaredPool(d *finding.DeclaredPool) *Pool {
	p := &Pool{UserPoolTier: d.Tier, SchemaAttributes: make([]SchemaAttribute, 0, len(d.Attributes)+len(model.StandardAttributes))}
	listed := map[string]bool{}
	for _, a := range d.Attributes {
		p.SchemaAttributes = append(p.SchemaAttributes, SchemaAttribute{Name: a.Name, Required: a.Required, Mutable: a.Mutable})
		listed[a.Name] = true
	}
	for _, name := range model.StandardAttributes {
		if !listed[name] {
			p.SchemaAttributes = append(p.SchemaAttributes, SchemaAttribute{Name: name, Required: name == "sub"})
		}
	}
	return p
}
