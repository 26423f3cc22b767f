package rules

import (
	"slices"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// Rules and checks that read the pool (describe-user-pool,
// list-resource-servers, list-identity-providers output) given as context.
// Each check runs only when its part of the context is given.

const refFeaturePlans = "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html"

func init() {
	register(
		&Rule{
			ID: "write-attributes-include-required", Severity: finding.Error, Context: ContextPool,
			Summary:   "WriteAttributes, when given, contains every attribute the pool marks required",
			Doc:       "\"Required attributes in a user pool are always writable\": a `WriteAttributes` list without one of them is rejected with `InvalidParameterException: Invalid write attributes specified while creating a client` (or `updating`). Needs the pool (`--pool`, describe-user-pool output); `sub` and the `_verified` flags, which no client can write, and developer-only attributes are not demanded.",
			Reference: refAttributes,
			Check: func(p *Pass) {
				pool := p.Ctx.Pool
				if pool == nil || p.Req.WriteAttributes == nil || p.Unknown("WriteAttributes") {
					return
				}
				var missing []string
				for _, a := range pool.SchemaAttributes {
					if !a.Required || contains(neverWritable, a.Name) || strings.HasPrefix(a.Name, "dev:") {
						continue
					}
					if !contains(p.Req.WriteAttributes, a.Name) {
						missing = append(missing, a.Name)
					}
				}
				if len(missing) == 0 {
					return
				}
				p.Report("WriteAttributes", "add "+quoteList(missing)+" to WriteAttributes",
					"WriteAttributes lacks %s, which the pool requires: AWS rejects it (\"Invalid write attributes specified\")", quoteList(missing))
			},
		},
		&Rule{
			ID: "user-auth-needs-essentials", Severity: finding.Error, Context: ContextPool,
			Summary:   "ALLOW_USER_AUTH needs the pool's feature plan Essentials or Plus",
			Doc:       "Choice-based sign-in (`ALLOW_USER_AUTH`: passwordless, passkeys) is a feature of the Essentials and Plus plans; a pool on the Lite plan (`UserPoolTier: LITE`) does not offer it. Needs the pool (`--pool`, describe-user-pool output with `UserPoolTier`).",
			Reference: refFeaturePlans,
			Check: func(p *Pass) {
				pool := p.Ctx.Pool
				if pool == nil || pool.UserPoolTier == "" || pool.UserPoolTier == "ESSENTIALS" || pool.UserPoolTier == "PLUS" {
					return
				}
				for f := range p.known("ExplicitAuthFlows", p.Req.ExplicitAuthFlows) {
					if f.value == "ALLOW_USER_AUTH" {
						p.Report(f.path(), "move the pool to the Essentials or Plus feature plan, or remove ALLOW_USER_AUTH",
							"%s ALLOW_USER_AUTH needs the Essentials or Plus feature plan, and the pool's UserPoolTier is %s", f.path(), pool.UserPoolTier)
					}
				}
			},
		},
	)
}

// quoteList writes "a", "b" and "c".
func quoteList(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = `"` + v + `"`
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// checkScopeExists reports a resource-server scope "<identifier>/<name>"
// that the pool's resource servers (when given) do not define. Scope names
// cannot hold '/', identifiers can (URLs): the name follows the last '/'.
func (p *Pass) checkScopeExists(s item) {
	servers := p.Ctx.ResourceServers
	if servers == nil {
		return
	}
	i := strings.LastIndexByte(s.value, '/')
	id, name := s.value[:i], s.value[i+1:]
	var all []string
	for _, rs := range servers {
		for _, n := range rs.Scopes {
			all = append(all, rs.Identifier+"/"+n)
		}
	}
	if contains(all, s.value) {
		return
	}
	hint := "add the scope to the resource server, or use one it defines"
	if n := nearest(s.value, all, 3); n != "" {
		hint = `did you mean "` + n + `"?`
	}
	for _, rs := range servers {
		if rs.Identifier == id {
			p.Report(s.path(), hint, "%s %s does not exist: the resource server %q has no scope %q: AWS rejects it (\"Invalid scope requested: %s\")",
				s.path(), quote(s.value), id, name, s.value)
			return
		}
	}
	p.Report(s.path(), hint, "%s %s does not exist: the pool has no resource server %q: AWS rejects it (\"Invalid scope requested: %s\")",
		s.path(), quote(s.value), id, s.value)
}

// checkProviderExists reports a provider name that the pool's identity
// providers (when given) do not include. COGNITO is the pool's own
// directory; every other name, the social built-ins included, is an IdP
// that must be configured on the pool.
func (p *Pass) checkProviderExists(s item) {
	idps := p.Ctx.IdentityProviders
	if idps == nil || s.value == "COGNITO" || s.value == "" {
		return
	}
	names := make([]string, len(idps))
	for i, ip := range idps {
		names[i] = ip.ProviderName
	}
	if contains(names, s.value) {
		return
	}
	for _, b := range model.BuiltinProviders {
		if b != s.value && strings.EqualFold(b, s.value) {
			return // the spelling finding says what is wrong
		}
	}
	hint := "create the identity provider in the pool first, or remove it"
	if n := nearest(s.value, append(names, "COGNITO"), 3); n != "" {
		hint = `did you mean "` + n + `"?`
	}
	have := "it has none"
	if len(names) > 0 {
		have = "it has " + quoteList(names)
	}
	p.Report(s.path(), hint, "%s %s is not an identity provider of the pool (%s): AWS rejects it (\"The provider %s does not exist for User Pool\")",
		s.path(), quote(s.value), have, s.value)
}

// checkAttributeInSchema reports a read or write attribute that the pool's
// schema (when given) lacks. Developer-only attributes may be listed as
// "dev:custom:x" or "custom:x".
func (p *Pass) checkAttributeInSchema(a item) {
	pool := p.Ctx.Pool
	if pool == nil || len(pool.SchemaAttributes) == 0 {
		return
	}
	names := make([]string, len(pool.SchemaAttributes))
	for i, s := range pool.SchemaAttributes {
		names[i] = s.Name
	}
	if slices.Contains(names, a.value) {
		return
	}
	if rest, ok := strings.CutPrefix(a.value, "dev:"); ok && slices.Contains(names, rest) {
		return
	}
	if slices.Contains(names, "dev:"+a.value) {
		return
	}
	kind := "standard attribute"
	if strings.Contains(a.value, "custom:") {
		kind = "custom attribute"
	}
	hint := "add the attribute to the pool's schema first, or remove it"
	if n := nearest(a.value, names, 3); n != "" {
		hint = `did you mean "` + n + `"?`
	}
	p.Report(a.path(), hint, "%s %s is not in the pool's schema: the pool has no %s %s, and AWS rejects it", a.path(), quote(a.value), kind, quote(a.value))
}
