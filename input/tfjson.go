package input

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// Terraform's JSON configuration syntax (*.tf.json; CDKTF's synth output
// cdktf.out/stacks/<stack>/cdk.tf.json): the root object's keys are block
// types and labels nest as objects, so an app client is
// resource.aws_cognito_user_pool_client.<name>, its body mapped as a .tf
// block's (Terraform: website/docs/language/syntax/json.mdx). Strings are
// templates: "${var.x}" is evaluated as in .tf, a reference is unknown, and
// "$${" is a literal "${". A nested block (token_validity_units) is an
// object or a list of objects; CDKTF's provider bindings write lists
// (cdktf-provider-aws src/cognito-user-pool-client/index.ts). "//" keys
// (CDKTF's metadata: {"//": {"metadata": {"path": …}}}) are comments, not
// arguments (research/formats.md §4).

// isTFJSONName reports whether a file name is Terraform JSON configuration.
func isTFJSONName(name string) bool {
	return strings.HasSuffix(strings.ToLower(name), ".tf.json")
}

// readTFJSON reads a .tf.json file: every app client resource is a create
// document; positions are byte offsets into the file.
func readTFJSON(source *finding.Source, opts Options) Result {
	redactTFSecrets(source)
	f, err := tfJSONFile(source.Name, source.Text)
	if err != nil {
		return syntaxResult(source, err)
	}
	mod, findings := opts.Terraform.module(source, f)
	registerSecrets(source, mod.secrets)
	h := hclReader{src: source.Text, mod: mod, offsets: true}
	res := Result{Source: source, Findings: findings}
	// Positions are offsets, resolved through the source's line table:
	// build it now, before the documents are linted (concurrently, with
	// --jobs), since the table is built on first use.
	source.Position(0, 0)
	for _, t := range f.tops {
		if t.typ != "resource" || len(t.labels) != 2 || !tfClientTypes[t.labels[0]] || isTFOverride(source.Name) {
			continue
		}
		at := h.pos(t.defRange)
		doc := &finding.Document{File: source.Name, Format: "terraform", Operation: model.OpCreate,
			Resource: t.labels[0] + "." + t.labels[1], Source: source, At: at}
		doc.Root = h.jsonBody(t.body, tfAttributes, tfBlocks)
		doc.Root.Pos = at
		content, _, _ := t.body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "client_secret"}, {Name: "user_pool_id"}}})
		if content != nil {
			if a, ok := content.Attributes["client_secret"]; ok {
				v, _ := mod.eval(a.Expr)
				var vals []string
				ctyStrings(v, &vals)
				doc.Secrets = append(doc.Secrets, vals...)
				registerSecrets(source, vals)
			}
			if a, ok := content.Attributes["user_pool_id"]; ok {
				doc.Declared = mod.declaredFor(source.Text, a.Expr)
			}
		}
		finishTF(doc, t.labels[0], mod)
		res.Docs = append(res.Docs, doc)
	}
	return res
}

// jsonBody maps the arguments and nested blocks of a JSON block body to API
// members, in source order.
func (h *hclReader) jsonBody(b hcl.Body, attrs map[string]string, blocks map[string]tfBlock) *finding.Node {
	schema := &hcl.BodySchema{}
	for name := range attrs {
		schema.Attributes = append(schema.Attributes, hcl.AttributeSchema{Name: name})
	}
	for name := range blocks {
		schema.Blocks = append(schema.Blocks, hcl.BlockHeaderSchema{Type: name})
	}
	if len(blocks) > 0 {
		schema.Blocks = append(schema.Blocks, hcl.BlockHeaderSchema{Type: "dynamic", LabelNames: []string{"name"}})
	}
	out := &finding.Node{Kind: finding.Object}
	content, _, _ := b.PartialContent(schema)
	if content == nil {
		return out
	}
	var fields []placedField
	for name, a := range content.Attributes {
		if v := h.jexpr(a.Expr); v != nil {
			fields = append(fields, placedField{a.NameRange.Start.Byte, finding.Field{Key: attrs[name], KeyPos: h.pos(a.NameRange), Value: v}})
		}
	}
	seen := map[string]bool{}
	for _, blk := range content.Blocks {
		name, dynamic := blk.Type, false
		if name == "dynamic" && len(blk.Labels) == 1 {
			name, dynamic = blk.Labels[0], true
		}
		bl, ok := blocks[name]
		if !ok || seen[name] {
			continue
		}
		seen[name] = true
		var v *finding.Node
		if dynamic {
			v = &finding.Node{Kind: finding.Unknown, Str: "dynamic " + name, Pos: h.pos(blk.DefRange)}
		} else {
			v = h.jsonBody(blk.Body, bl.attrs, nil)
			v.Pos = h.pos(blk.DefRange)
		}
		fields = append(fields, placedField{blk.TypeRange.Start.Byte, finding.Field{Key: bl.member, KeyPos: h.pos(blk.TypeRange), Value: v}})
	}
	out.Fields = inSourceOrder(fields)
	return out
}

// jexpr converts a JSON expression: an array or object element by element,
// anything else evaluated (strings are templates). nil means null.
func (h *hclReader) jexpr(e hcl.Expression) *finding.Node {
	if items, diags := hcl.ExprList(e); !diags.HasErrors() {
		out := &finding.Node{Kind: finding.Array, Pos: h.pos(e.Range()), Items: make([]*finding.Node, 0, len(items))}
		for _, x := range items {
			v := h.jexpr(x)
			if v == nil {
				v = &finding.Node{Kind: finding.Null, Str: "null", Pos: h.pos(x.Range())}
			}
			out.Items = append(out.Items, v)
		}
		return out
	}
	if pairs, diags := hcl.ExprMap(e); !diags.HasErrors() {
		out := &finding.Node{Kind: finding.Object, Pos: h.pos(e.Range())}
		for _, kv := range pairs {
			k, ok := h.mod.eval(kv.Key)
			if !ok || !k.IsKnown() || k.IsNull() || k.Type() != cty.String {
				return &finding.Node{Kind: finding.Unknown, Str: h.text(e.Range()), Pos: h.pos(e.Range())}
			}
			v := h.jexpr(kv.Value)
			if v == nil {
				v = &finding.Node{Kind: finding.Null, Str: "null", Pos: h.pos(kv.Value.Range())}
			}
			out.Fields = append(out.Fields, finding.Field{Key: k.AsString(), KeyPos: h.pos(kv.Key.Range()), Value: v})
		}
		return out
	}
	v, ok := h.mod.eval(e)
	if !ok || !v.IsKnown() {
		return &finding.Node{Kind: finding.Unknown, Str: h.text(e.Range()), Pos: h.pos(e.Range())}
	}
	return h.value(v, h.pos(e.Range()), h.text(e.Range()))
}
