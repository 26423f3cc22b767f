package input

import (
	"regexp"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// Pulumi YAML programs (Pulumi.yaml with `runtime: yaml`, or the Main.yaml
// it names): `resources:` entries of `type: aws:cognito:UserPoolClient`
// (or the full token aws:cognito/userPoolClient:UserPoolClient, and the
// managed client) whose `properties` are the AWS provider's inputs — the
// Terraform arguments in camelCase, nested blocks as single objects
// (pulumi.com/registry/packages/aws/api-docs/cognito/userpoolclient:
// callbackUrls, allowedOauthFlows, tokenValidityUnits.accessToken, …), read
// with the Crossplane reader's mapping (readUpboundSpec). `${res.prop}`
// interpolations and `fn::` functions are unknown values
// (pulumi.com/docs/iac/languages-sdks/yaml/yaml-language-reference). A
// resource read with `get:` is an existing client, not one created here.
// resource = the resource's logical name.

var pulumiClientTypeRe = regexp.MustCompile(`^aws:cognito(?:/(?:userPoolClient|managedUserPoolClient))?:(Managed)?UserPoolClient$`)

// isPulumi reports whether root is a Pulumi YAML program: a resources
// mapping, and a `runtime` (Pulumi.yaml) or an entry whose type is a
// Pulumi type token (package:module:Type).
func isPulumi(root *finding.Node) bool {
	if root == nil || root.Kind != finding.Object {
		return false
	}
	res := root.Get("resources")
	if res == nil || res.Kind != finding.Object {
		return false
	}
	if rt := root.Get("runtime"); rt != nil {
		return true
	}
	for _, f := range res.Fields {
		if t := f.Value.Get("type"); t != nil && t.Kind == finding.String && strings.Count(t.Str, ":") == 2 {
			return true
		}
	}
	return false
}

func readPulumi(source *finding.Source, root *finding.Node) ([]*finding.Document, []finding.Finding) {
	var docs []*finding.Document
	for _, r := range root.Get("resources").Fields {
		t := r.Value.Get("type")
		if t == nil || t.Kind != finding.String {
			continue
		}
		m := pulumiClientTypeRe.FindStringSubmatch(t.Str)
		if m == nil || r.Value.Get("get") != nil {
			continue
		}
		doc := &finding.Document{File: source.Name, Format: "pulumi", Operation: model.OpCreate, Resource: r.Key,
			Source: source, At: r.KeyPos}
		out := &finding.Node{Kind: finding.Object, Pos: r.KeyPos}
		props := r.Value.Get("properties")
		switch {
		case props == nil:
		case props.Kind == finding.Object && !isPulumiFunction(props):
			readUpboundSpec(out, pulumiValue(props))
		default:
			doc.Unknown = []string{""} // properties computed as a whole
		}
		doc.Root = out
		if m[1] != "" {
			// A managed client adopts one another service created: what
			// the program leaves out keeps its current value.
			unknownAbsent(doc)
		}
		coerce(doc.Root)
		collectUnknown(doc)
		docs = append(docs, doc)
	}
	return docs, nil
}

// isPulumiFunction reports whether n is a built-in function call
// ({"fn::join": …}, {"fn::invoke": …}).
func isPulumiFunction(n *finding.Node) bool {
	return n.Kind == finding.Object && len(n.Fields) == 1 && strings.HasPrefix(n.Fields[0].Key, "fn::")
}

// pulumiValue copies a value with its interpolations and function calls
// made unknown. "$${" is an escaped "${".
func pulumiValue(n *finding.Node) *finding.Node {
	switch {
	case n.Kind == finding.String && strings.Contains(strings.ReplaceAll(n.Str, "$${", ""), "${"):
		return &finding.Node{Kind: finding.Unknown, Str: n.Str, Pos: n.Pos}
	case isPulumiFunction(n):
		return &finding.Node{Kind: finding.Unknown, Str: n.Fields[0].Key, Pos: n.Pos}
	case n.Kind == finding.Object:
		out := *n
		out.Fields = make([]finding.Field, len(n.Fields))
		for i, f := range n.Fields {
			out.Fields[i] = finding.Field{Key: f.Key, KeyPos: f.KeyPos, Value: pulumiValue(f.Value)}
		}
		return &out
	case n.Kind == finding.Array:
		out := *n
		out.Items = make([]*finding.Node, len(n.Items))
		for i, it := range n.Items {
			out.Items[i] = pulumiValue(it)
		}
		return &out
	}
	return n
}
