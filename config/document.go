package config

// Document is the shape of a config file, as its JSON Schema
// (schemas/cognitolint-config.schema.json) publishes it for editors: the
// schema is generated from these types and their comments
// (internal/configschema; go generate ./config). Parse reads the file
// itself, with positions for its errors; a test holds the keys here equal
// to the keys Parse takes.
//
//go:generate go test ../internal/configschema -run TestSchemaCurrent -update
type Document struct {
	// The lowest severity that makes the exit code 1 (--fail-on).
	FailOn string `json:"fail-on,omitempty" jsonschema:"enum=error,enum=warning,enum=info,enum=never,default=error"`
	// Directories of Rego policies (or one), relative to this file (--policy).
	Policies StringOrList `json:"policies,omitempty"`
	// JSON or YAML files (or one) merged under data for policies, relative to this file (--data).
	Data StringOrList `json:"data,omitempty"`
	// false leaves out the built-in baseline pack, the sec-* rules (--no-baseline).
	Baseline *bool `json:"baseline,omitempty" jsonschema:"default=true"`
	// Rule IDs, or globs such as sec-*, mapped to off or a severity; an exact ID wins over a glob, a longer glob over a shorter one.
	Rules map[string]Level `json:"rules,omitempty"`
	// Suppressions: the findings of a rule in some files, with the reason they are acceptable. Suppressed findings are counted and listed, not dropped.
	Ignore []IgnoreEntry `json:"ignore,omitempty"`
}

// IgnoreEntry is one suppression of Document.Ignore.
type IgnoreEntry struct {
	// The ID of the rule to suppress, or a glob such as sec-*.
	Rule string `json:"rule" jsonschema:"required,minLength=1"`
	// Globs of the files the entry covers, relative to this file (** spans directories); none: every file.
	Paths StringOrList `json:"paths,omitempty"`
	// Globs of the resources the entry covers: CloudFormation logical IDs, Terraform addresses, Kubernetes kind/namespace/name; none: every resource.
	Resources StringOrList `json:"resources,omitempty"`
	// Why these findings are acceptable (required).
	Reason string `json:"reason" jsonschema:"required,pattern=\\S"`
}

// Level is a rule's setting in Document.Rules: off, error, warning or
// info. Parse also takes them in other cases (Error, OFF); the schema
// lists them in lower case, as editors complete them.
type Level string

// StringOrList is one string or a list of strings, as Parse reads
// policies, data and paths.
type StringOrList []string
