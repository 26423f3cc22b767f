// Package configschema generates the JSON Schema of .cognitolint.yaml
// (schemas/cognitolint-config.schema.json) from config.Document with
// invopop/jsonschema, the field comments becoming descriptions. Editors
// use it through `# yaml-language-server: $schema=…` or SchemaStore.
//
// Regenerate with `go generate ./config` (which runs this package's
// TestSchemaCurrent with -update).
package configschema

import (
	"bytes"
	"encoding/json"
	"reflect"

	"github.com/invopop/jsonschema"

	"github.com/cognitolint/cognitolint/config"
)

// ID is where the schema is published: the file in the repository.
const ID = "https://raw.githubusercontent.com/cognitolint/cognitolint/main/schemas/cognitolint-config.schema.json"

// Path is the schema's file in the repository.
const Path = "schemas/cognitolint-config.schema.json"

// Generate returns the schema. It runs in the module's root, where it
// reads the comments of package config's source (./config) for the
// descriptions.
func Generate() ([]byte, error) {
	r := &jsonschema.Reflector{
		// Every key is optional but those the tags mark required, as
		// Parse reads the file; an unknown key is an error there too.
		RequiredFromJSONSchemaTags: true,
		DoNotReference:             true,
		Mapper:                     mapper,
	}
	if err := r.AddGoComments("github.com/cognitolint/cognitolint", "config"); err != nil {
		return nil, err
	}
	s := r.Reflect(&config.Document{})
	// Parse reads an empty value (rules: with nothing under it) as none.
	for _, key := range []string{"rules", "ignore"} {
		if p, ok := s.Properties.Get(key); ok {
			s.Properties.Set(key, nullable(p))
		}
	}
	s.ID = ID
	s.Title = "cognitolint configuration (.cognitolint.yaml)"
	s.Description = "The configuration of cognitolint, a linter of Amazon Cognito app client configurations: https://github.com/cognitolint/cognitolint#configuration-file"
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	// The comments of package config name Go identifiers; the schema
	// speaks of keys.
	b = bytes.ReplaceAll(b, []byte(`\u003c`), []byte("<"))
	b = bytes.ReplaceAll(b, []byte(`\u003e`), []byte(">"))
	return append(b, '\n'), nil
}

// mapper gives the schemas of the types that Parse reads more loosely
// than their Go types say.
func mapper(t reflect.Type) *jsonschema.Schema {
	switch t {
	case reflect.TypeFor[config.StringOrList]():
		str := &jsonschema.Schema{Type: "string", MinLength: ptr(uint64(1))}
		return &jsonschema.Schema{OneOf: []*jsonschema.Schema{
			str,
			{Type: "array", Items: str},
			{Type: "null"}, // an empty value: none
		}}
	case reflect.TypeFor[config.Level]():
		return &jsonschema.Schema{Type: "string", Enum: []any{"off", "error", "warning", "info"}}
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

// nullable is s or null, with s's description.
func nullable(s *jsonschema.Schema) *jsonschema.Schema {
	desc := s.Description
	s.Description = ""
	return &jsonschema.Schema{Description: desc, AnyOf: []*jsonschema.Schema{s, {Type: "null"}}}
}
