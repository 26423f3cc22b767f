package rules

import (
	"strconv"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// UpdateUserPoolClient replaces the whole configuration: "If you don't
// provide a value for an attribute, Amazon Cognito sets it to its default
// value." (model). cognito-constraints.md §(e) lists what each member
// becomes; ClientName is kept.

func init() {
	register(&Rule{
		ID: "update-omitted-fields-reset", Severity: finding.Warning, Context: ContextPayload,
		Operations: []string{model.OpUpdate},
		Summary:    "an Update payload omits members, which AWS then resets to their defaults",
		Doc:        "UpdateUserPoolClient is not a patch: every member the request omits is reset to its default (callback URLs, OAuth flows and scopes and identity providers removed, token lifetimes back to 1 hour / 30 days, PreventUserExistenceErrors back to LEGACY, …). Start an update from `aws cognito-idp describe-user-pool-client` output and change only what you mean to. ClientName is kept and not listed. With the current client (`--current`, describe-user-pool-client output) only the members whose value would actually change are listed, old → new.",
		Reference:  refUpdating,
		Check: func(p *Pass) {
			var omitted []string
			cur := p.current()
			for _, r := range model.UpdateResets {
				if present(p.Req, r.Member) || p.Unknown(r.Member) || (p.Doc.Root != nil && p.Doc.Root.Get(r.Member) != nil) {
					continue
				}
				if cur == nil {
					omitted = append(omitted, r.Member+" → "+r.Value)
				} else if old, nu, changes := resetChange(cur, r); changes {
					omitted = append(omitted, r.Member+" "+old+" → "+nu)
				}
			}
			if len(omitted) == 0 {
				return
			}
			if cur != nil {
				p.Report("", "keep each of them in the payload with its current value (from `aws cognito-idp describe-user-pool-client`), unless you mean to reset it",
					"this update omits %d %s whose current value AWS resets: %s", len(omitted), memberWord(len(omitted)), strings.Join(omitted, "; "))
				p.fixReset(cur)
				return
			}
			p.Report("", "start from `aws cognito-idp describe-user-pool-client` output (without ClientSecret, CreationDate, LastModifiedDate) and keep every member",
				"this update omits %d %s, which AWS resets: %s", len(omitted), memberWord(len(omitted)), strings.Join(omitted, "; "))
		},
	})
}

func memberWord(n int) string {
	if n == 1 {
		return "member"
	}
	return "members"
}

// resetChange says what omitting member r.Member does to the current
// client cur: its current value, the value it becomes, and whether that
// differs. A member the current client does not set already has its
// default and does not change.
func resetChange(cur *model.Request, r model.Reset) (old, nu string, changes bool) {
	list := func(v []string) (string, string, bool) {
		return "[" + strings.Join(v, ", ") + "]", r.Value, len(v) > 0
	}
	switch r.Member {
	case "AccessTokenValidity", "IdTokenValidity", "RefreshTokenValidity":
		for _, t := range tokens {
			if t.name != r.Member {
				continue
			}
			v := t.value(cur)
			if v == nil || *v == 0 && t.name == "RefreshTokenValidity" {
				return "", "", false
			}
			unit := t.defaultUnit
			if u := t.unitValue(cur); u != nil {
				unit = *u
			}
			per, ok := unitSeconds[unit]
			if !ok {
				return "", "", false
			}
			secs := *v * per
			return human(secs), human(t.defaultSecs), secs != t.defaultSecs
		}
	case "TokenValidityUnits":
		u := cur.TokenValidityUnits
		if u == nil {
			return "", "", false
		}
		get := func(p *string, def string) string {
			if p == nil {
				return def
			}
			return *p
		}
		a, i, rt := get(u.AccessToken, "hours"), get(u.IdToken, "hours"), get(u.RefreshToken, "days")
		old = "{AccessToken: " + a + ", IdToken: " + i + ", RefreshToken: " + rt + "}"
		return old, r.Value, a != "hours" || i != "hours" || rt != "days"
	case "ReadAttributes":
		if cur.ReadAttributes == nil {
			return "", "", false
		}
		return "[" + strings.Join(cur.ReadAttributes, ", ") + "]", r.Value, !sameSet(cur.ReadAttributes, model.StandardAttributes)
	case "WriteAttributes":
		if cur.WriteAttributes == nil {
			return "", "", false
		}
		var def []string
		for _, a := range model.StandardAttributes {
			if !contains(neverWritable, a) {
				def = append(def, a)
			}
		}
		return "[" + strings.Join(cur.WriteAttributes, ", ") + "]", r.Value, !sameSet(cur.WriteAttributes, def)
	case "ExplicitAuthFlows":
		if len(cur.ExplicitAuthFlows) == 0 {
			return "", "", false
		}
		def := []string{"ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"}
		return "[" + strings.Join(cur.ExplicitAuthFlows, ", ") + "]", r.Value, !sameSet(cur.ExplicitAuthFlows, def)
	case "SupportedIdentityProviders":
		return list(cur.SupportedIdentityProviders)
	case "CallbackURLs":
		return list(cur.CallbackURLs)
	case "LogoutURLs":
		return list(cur.LogoutURLs)
	case "AllowedOAuthFlows":
		return list(cur.AllowedOAuthFlows)
	case "AllowedOAuthScopes":
		return list(cur.AllowedOAuthScopes)
	case "DefaultRedirectURI":
		return quote(model.Str(cur.DefaultRedirectURI)), r.Value, model.Str(cur.DefaultRedirectURI) != ""
	case "AnalyticsConfiguration":
		return "(set)", r.Value, cur.AnalyticsConfiguration != nil
	case "AllowedOAuthFlowsUserPoolClient":
		return "true", r.Value, model.True(cur.AllowedOAuthFlowsUserPoolClient)
	case "PreventUserExistenceErrors":
		v := model.Str(cur.PreventUserExistenceErrors)
		return v, r.Value, v != "" && v != "LEGACY"
	case "EnableTokenRevocation":
		// What an update without it does is not documented; a client
		// that has revocation off is the case worth naming.
		return "false", r.Value, cur.EnableTokenRevocation != nil && !*cur.EnableTokenRevocation
	case "EnablePropagateAdditionalUserContextData":
		return "true", r.Value, model.True(cur.EnablePropagateAdditionalUserContextData)
	case "AuthSessionValidity":
		if cur.AuthSessionValidity == nil {
			return "", "", false
		}
		return strconv.FormatInt(*cur.AuthSessionValidity, 10) + " (minutes)", r.Value, *cur.AuthSessionValidity != 3
	case "RefreshTokenRotation":
		rot := cur.RefreshTokenRotation
		if rot == nil {
			return "", "", false
		}
		f, g := model.Str(rot.Feature), int64(0)
		if rot.RetryGracePeriodSeconds != nil {
			g = *rot.RetryGracePeriodSeconds
		}
		if f == "" {
			f = "DISABLED"
		}
		return "{Feature: " + f + ", RetryGracePeriodSeconds: " + strconv.FormatInt(g, 10) + "}", r.Value, f != "DISABLED" || g != 0
	}
	return "", "", false
}

// sameSet reports whether a and b hold the same values.
func sameSet(a, b []string) bool {
	for _, v := range a {
		if !contains(b, v) {
			return false
		}
	}
	for _, v := range b {
		if !contains(a, v) {
			return false
		}
	}
	return true
}

// fixReset proposes adding every member the update omits with its current
// value, which makes the request the complete one AWS needs: nothing is
// reset. A member the payload may mean under another spelling (a typo the
// model-unknown-member fix renames) or whose value is unknown is left out.
func (p *Pass) fixReset(cur *model.Request) {
	root := p.Doc.Root
	if !editable(p.Doc, root) {
		return
	}
	names, values := currentValues(root, cur, func(name string) bool { return p.Unknown(name) })
	if e, ok := addMembers(p.Doc.Source.Text, root, names, values); ok {
		p.fix("add the "+strconv.Itoa(len(names))+" omitted "+memberWord(len(names))+" with their current values: "+strings.Join(names, ", "), e)
	}
}
