package cli

import (
	"github.com/spf13/pflag"

	"github.com/cognitolint/cognitolint/validate"
)

// contextFlags are the context files of lint (cli.md): AWS CLI output
// that enables the rules of context client and pool.
type contextFlags struct {
	current, pool, resourceServers, identityProviders string
}

func (c *contextFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&c.current, "current", "", "the current client: `file` of `aws cognito-idp describe-user-pool-client` output (client-context rules, exact reset diff)")
	fs.StringVar(&c.pool, "pool", "", "the pool: `file` of `aws cognito-idp describe-user-pool` output (pool-context rules)")
	fs.StringVar(&c.resourceServers, "resource-servers", "", "`file` of `aws cognito-idp list-resource-servers` output (scopes must exist)")
	fs.StringVar(&c.identityProviders, "identity-providers", "", "`file` of `aws cognito-idp list-identity-providers` output (providers must exist)")
}

func (c *contextFlags) apply(o *validate.Options) {
	o.Current, o.Pool, o.ResourceServers, o.IdentityProviders = c.current, c.pool, c.resourceServers, c.identityProviders
}
