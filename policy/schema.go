package policy

import (
	"fmt"
	"strings"

	"github.com/agnivade/levenshtein"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/cognitolint/cognitolint/model"
)

// requestSchema is the JSON schema of input: the union of the members of
// UpdateUserPoolClient, CreateUserPoolClient and DescribeUserPoolClient
// output, generated from model.Members. Objects admit no other members, so
// the compiler rejects a policy that reads input.CallbackUrls.
func requestSchema() map[string]any {
	return objectSchema(model.Members)
}

func objectSchema(members []model.Member) map[string]any {
	props := make(map[string]any, len(members))
	for _, m := range members {
		props[m.Name] = memberSchema(m)
	}
	return map[string]any{"type": "object", "properties": props, "additionalProperties": false}
}

func memberSchema(m model.Member) map[string]any {
	switch m.Kind {
	case model.String:
		return map[string]any{"type": "string"}
	case model.Integer:
		return map[string]any{"type": "integer"}
	case model.Boolean:
		return map[string]any{"type": "boolean"}
	case model.StringList:
		return map[string]any{"type": "array", "items": map[string]any{"type": "string"}}
	case model.Structure:
		return objectSchema(m.Members)
	case model.Timestamp:
		return map[string]any{"type": []any{"string", "number"}}
	}
	return map[string]any{}
}

// schemaSet holds requestSchema as the schema of input.
func schemaSet() *ast.SchemaSet {
	ss := ast.NewSchemaSet()
	ss.Put(ast.SchemaRootRef, requestSchema())
	return ss
}

// undefinedInputRef rewrites the type checker's "undefined ref" error for
// a member of input that the request shape does not have into a message
// that names the member it should be.
func undefinedInputRef(e *ast.Error) (string, bool) {
	d, ok := e.Details.(*ast.RefErrInvalidDetail)
	if !ok || len(d.Ref) == 0 || !d.Ref[0].Equal(ast.InputRootDocument) || d.Pos >= len(d.Ref) {
		return "", false
	}
	key, ok := d.Ref[d.Pos].Value.(ast.String)
	if !ok {
		return "", false
	}
	var names []string
	for _, v := range d.OneOf {
		if s, ok := v.(ast.String); ok {
			names = append(names, string(s))
		}
	}
	if len(names) == 0 {
		return "", false
	}
	parent := d.Ref[:d.Pos].String()
	msg := fmt.Sprintf("%s.%s: %s has no member %q", parent, string(key), parent, string(key))
	if best := nearest(string(key), names); best != "" {
		msg += fmt.Sprintf(" (did you mean %s.%s?)", parent, best)
	} else {
		msg += "; members: " + strings.Join(names, ", ")
	}
	return msg, true
}

// nearest returns the name closest to s: equal ignoring case, or within a
// small edit distance; "" when nothing is close.
func nearest(s string, names []string) string {
	best, bestD := "", len(s)/3+2
	for _, n := range names {
		if strings.EqualFold(n, s) {
			return n
		}
	}
	for _, n := range names {
		if len(s) >= 3 && strings.HasPrefix(strings.ToLower(n), strings.ToLower(s)) {
			return n
		}
		if d := levenshtein.ComputeDistance(strings.ToLower(s), strings.ToLower(n)); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}
