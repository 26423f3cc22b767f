package rules

import (
	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// Client secrets. A secret is set only at creation (GenerateSecret or a
// custom ClientSecret); on Update these rules need the current client
// (client context), which the payload alone does not give.

// createHasSecret reports whether a Create request gives its client a secret.
func createHasSecret(r *model.Request) bool {
	return model.True(r.GenerateSecret) || r.ClientSecret != nil
}

// addSecretHint says how an existing client gets a secret.
const addSecretHint = `add a secret with "aws cognito-idp add-user-pool-client-secret", or create a new client with "GenerateSecret": true`

// currentLacksSecret reports whether the current client (client context)
// is known to have no secret; false without the context.
func (p *Pass) currentLacksSecret() bool {
	cur := p.current()
	return cur != nil && cur.ClientSecret == nil
}

// current returns the current client (client context), or nil when it is
// not given or is another client than the payload's (both ClientIds known
// and different): rules never conclude from another client.
func (p *Pass) current() *model.Request {
	cur := p.Ctx.Current
	if cur == nil || cur.ClientId != nil && p.Req.ClientId != nil && *cur.ClientId != *p.Req.ClientId {
		return nil
	}
	return cur
}

func init() {
	create := []string{model.OpCreate}
	createUpdate := []string{model.OpCreate, model.OpUpdate}
	register(
		&Rule{
			ID: "client-credentials-requires-secret", Severity: finding.Error, Context: ContextPayload, Operations: createUpdate,
			Summary:   "client_credentials only on a client with a secret",
			Doc:       "AWS: `InvalidOAuthFlowException: client_credentials flow can not be selected if client does not have a client secret.` On Create the secret comes from `GenerateSecret: true` or a `ClientSecret`. On Update the rule needs the current client (`--current`, client context): it checks that client's `ClientSecret`.",
			Reference: refClientApps,
			Check: func(p *Pass) {
				hint, whose := `add "GenerateSecret": true`, "this client"
				if p.Op == model.OpUpdate {
					if !p.currentLacksSecret() {
						return
					}
					hint, whose = addSecretHint, "the current client"
				} else if createHasSecret(p.Req) || p.Unknown("GenerateSecret", "ClientSecret") {
					return
				}
				for f := range p.known("AllowedOAuthFlows", p.Req.AllowedOAuthFlows) {
					if f.value == "client_credentials" {
						p.Report(f.path(), hint, "%s client_credentials needs a client secret, and %s has none: AWS rejects it", f.path(), whose)
					}
				}
			},
		},
		&Rule{
			ID: "propagate-context-requires-secret", Severity: finding.Error, Context: ContextPayload, Operations: createUpdate,
			Summary:   "EnablePropagateAdditionalUserContextData: true only on a client with a secret",
			Doc:       "AWS's model: \"You can only activate EnablePropagateAdditionalUserContextData in an app client that has a client secret.\" On Update the rule needs the current client (`--current`, client context): it checks that client's `ClientSecret`.",
			Reference: refCreate,
			Check: func(p *Pass) {
				if p.Op == model.OpUpdate {
					if model.True(p.Req.EnablePropagateAdditionalUserContextData) && p.currentLacksSecret() {
						p.Report("EnablePropagateAdditionalUserContextData", addSecretHint+`, or set it to false`,
							"EnablePropagateAdditionalUserContextData is true, and the current client has no secret: AWS rejects it")
					}
					return
				}
				if !model.True(p.Req.EnablePropagateAdditionalUserContextData) || createHasSecret(p.Req) || p.Unknown("GenerateSecret", "ClientSecret") {
					return
				}
				p.Report("EnablePropagateAdditionalUserContextData", `add "GenerateSecret": true, or set it to false`,
					"EnablePropagateAdditionalUserContextData is true on a client without a secret: AWS rejects it")
			},
		},
		&Rule{
			ID: "generate-secret-xor-client-secret", Severity: finding.Error, Context: ContextPayload, Operations: create,
			Summary:   "not both GenerateSecret: true and a ClientSecret",
			Doc:       "AWS's model: \"You cannot specify both GenerateSecret as true and provide a ClientSecret value.\"",
			Reference: refCreate,
			Check: func(p *Pass) {
				if model.True(p.Req.GenerateSecret) && p.Req.ClientSecret != nil {
					p.Report("GenerateSecret", `remove "GenerateSecret", or remove "ClientSecret" to let AWS generate one`,
						"GenerateSecret is true and a ClientSecret is given: AWS accepts only one of them")
				}
			},
		},
	)
}
