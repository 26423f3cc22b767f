package rules

import (
	"iter"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// ReadAttributes and WriteAttributes.

var standardAttribute = func() map[string]bool {
	m := make(map[string]bool, len(model.StandardAttributes))
	for _, a := range model.StandardAttributes {
		m[a] = true
	}
	return m
}()

// neverWritable are attributes no app client can write: Cognito sets them.
var neverWritable = []string{"email_verified", "phone_number_verified", "sub"}

func init() {
	register(
		&Rule{
			ID: "write-attributes-not-writable", Severity: finding.Error, Context: ContextPayload,
			Summary:   "email_verified, phone_number_verified, sub and dev:* attributes are never writable",
			Doc:       "AWS: `InvalidParameterException: Invalid write attributes specified while creating a client` (or `updating`). `sub` and the `_verified` flags are set by Cognito; `dev:` attributes are \"read-only to all app clients\".",
			Reference: refAttributes,
			Check: func(p *Pass) {
				for a := range p.known("WriteAttributes", p.Req.WriteAttributes) {
					if contains(neverWritable, a.value) || strings.HasPrefix(a.value, "dev:") {
						p.Report(a.path(), "remove it from WriteAttributes (keep it in ReadAttributes)",
							"%s %s can never be written by an app client: AWS rejects it (\"Invalid write attributes specified\")", a.path(), quote(a.value))
					}
				}
			},
		},
		&Rule{
			ID: "attributes-exist", Severity: finding.Error, Context: ContextPayload,
			Summary:   "each attribute is a standard attribute or custom:<name>",
			Doc:       "Read and write attributes are the pool's standard attributes (`email`, `given_name`, …) or custom attributes written `custom:<name>`; read attributes may also be developer-only `dev:custom:<name>`. AWS: `InvalidParameterException: Invalid read attributes specified while creating a client`. Without pool context, custom attributes are not checked for existence; with `--pool` (describe-user-pool output) every attribute must be in the pool's `SchemaAttributes`.",
			Reference: refAttributes,
			Check: func(p *Pass) {
				for _, list := range []struct {
					name  string
					items iter.Seq[item]
				}{
					{"ReadAttributes", p.known("ReadAttributes", p.Req.ReadAttributes)},
					{"WriteAttributes", p.known("WriteAttributes", p.Req.WriteAttributes)},
				} {
					for a := range list.items {
						v := a.value
						if v == "" {
							continue
						}
						if standardAttribute[v] {
							p.checkAttributeInSchema(a)
							continue
						}
						if name, ok := strings.CutPrefix(v, "custom:"); ok && name != "" {
							p.checkAttributeInSchema(a)
							continue
						}
						if strings.HasPrefix(v, "dev:") {
							if list.name == "WriteAttributes" {
								continue // write-attributes-not-writable reports it
							}
							if name, ok := strings.CutPrefix(v, "dev:custom:"); ok && name != "" {
								p.checkAttributeInSchema(a)
								continue
							}
						}
						hint := `custom attributes are written "custom:` + strings.TrimPrefix(v, "custom:") + `"`
						if n := nearest(v, model.StandardAttributes, 2); n != "" {
							hint = `did you mean "` + n + `"?`
						}
						p.Report(a.path(), hint, "%s %s is not a standard attribute or a custom:<name> attribute", a.path(), quote(v))
					}
				}
			},
		},
		&Rule{
			ID: "write-not-subset-of-read", Severity: finding.Warning, Context: ContextPayload,
			Summary:   "an attribute writable but not readable",
			Doc:       "An app client that may write an attribute but not read it back is almost surely misconfigured. Without `ReadAttributes` the client reads the standard attributes only, so a writable `custom:` attribute is unreadable.",
			Reference: refAttributes,
			Check: func(p *Pass) {
				if p.Unknown("ReadAttributes") {
					return
				}
				readable := func(a string) bool {
					if p.Req.ReadAttributes == nil {
						return contains(model.StandardAttributes, a)
					}
					return contains(p.Req.ReadAttributes, a)
				}
				for a := range p.known("WriteAttributes", p.Req.WriteAttributes) {
					if a.value != "" && !readable(a.value) {
						why := "ReadAttributes does not list it"
						if p.Req.ReadAttributes == nil {
							why = "ReadAttributes is not given, and the default set has only standard attributes"
						}
						p.Report(a.path(), `add "`+a.value+`" to ReadAttributes`, "%s %s is writable but not readable: %s", a.path(), quote(a.value), why)
					}
				}
			},
		},
	)
}
