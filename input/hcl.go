package input

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// readHCL reads a Terraform configuration file: every resource
// "aws_cognito_user_pool_client" (or aws_cognito_managed_user_pool_client)
// block becomes a create document. Values are evaluated as Terraform would
// where their inputs are known (see tfModule): literals, variables with a
// default or a .tfvars value, locals, functions of the cty standard
// library. References to resources, modules and data sources, count.index,
// each.*, unset variables and unknown functions are unknown values, and a
// `dynamic` block is an unknown structure. count, for_each, depends_on,
// provider and lifecycle set no member.
func readHCL(source *finding.Source, opts Options) ([]*finding.Document, []finding.Finding, error) {
	blocks, err := tfTopBlocks(source.Text, source.Name)
	if err != nil {
		return nil, nil, err
	}
	docs, findings := readHCLBlocks(source, opts, blocks)
	return docs, findings, nil
}

// readHCLBlocks reads the app clients of a file's top-level blocks.
func readHCLBlocks(source *finding.Source, opts Options, blocks hclsyntax.Blocks) ([]*finding.Document, []finding.Finding) {
	mod, findings := opts.Terraform.module(source, tfFileOf(source, blocks))
	registerSecrets(source, mod.secrets)
	h := hclReader{src: source.Text, mod: mod}
	var docs []*finding.Document
	for _, b := range blocks {
		if b.Type != "resource" || len(b.Labels) != 2 || !tfClientTypes[b.Labels[0]] || isTFOverride(source.Name) {
			continue
		}
		doc := &finding.Document{File: source.Name, Format: "terraform", Operation: model.OpCreate,
			Resource: b.Labels[0] + "." + b.Labels[1], Source: source, At: h.pos(b.DefRange())}
		doc.Root = h.body(b.Body, tfAttributes, tfBlocks)
		doc.Root.Pos = doc.At
		h.secret(doc, b.Body)
		if ua, ok := b.Body.Attributes["user_pool_id"]; ok {
			doc.Declared = mod.declaredFor(source.Text, ua.Expr)
		}
		finishTF(doc, b.Labels[0], mod)
		docs = append(docs, doc)
	}
	return docs, findings
}

// finishTF completes a Terraform document: the managed client's absent
// members, coercion, the unknown paths and the module's secrets.
func finishTF(doc *finding.Document, typ string, mod *tfModule) {
	if typ == "aws_cognito_managed_user_pool_client" {
		managed(doc)
		if doc.Root.Get("TokenValidityUnits") == nil {
			// The provider reads an absent token_validity_units block as
			// hours, hours, days (its ConfigValidators' defaultUnit, in
			// terraform-provider-aws internal/service/cognitoidp/
			// managed_user_pool_client.go) and sends none, so AWS's
			// defaults apply: the units are known, not the client's.
			doc.Unknown = slices.DeleteFunc(doc.Unknown, func(p string) bool { return p == "TokenValidityUnits" })
		}
	}
	coerce(doc.Root)
	collectUnknown(doc)
	doc.Secrets = append(doc.Secrets, mod.secrets...)
}

// secret records the value of a client_secret argument (a computed
// attribute of the provider, but written by some and never to be shown).
func (h *hclReader) secret(doc *finding.Document, b *hclsyntax.Body) {
	a, ok := b.Attributes["client_secret"]
	if !ok {
		return
	}
	v, _ := h.mod.eval(a.Expr)
	var vals []string
	ctyStrings(v, &vals)
	doc.Secrets = append(doc.Secrets, vals...)
	registerSecrets(doc.Source, vals)
}

// registerSecrets adds secret values to a source, so that no line of it is
// shown with them.
func registerSecrets(source *finding.Source, vals []string) {
	for _, v := range vals {
		if v != "" && !slices.Contains(source.Secrets, v) {
			source.Secrets = append(source.Secrets, v)
		}
	}
}

// ctyStrings appends every known string (and number) inside v.
func ctyStrings(v cty.Value, out *[]string) {
	if v.IsMarked() {
		v, _ = v.Unmark()
	}
	if !v.IsKnown() || v.IsNull() {
		return
	}
	t := v.Type()
	switch {
	case t == cty.String:
		*out = append(*out, v.AsString())
	case t == cty.Number:
		*out = append(*out, v.AsBigFloat().Text('f', -1))
	case t.IsListType() || t.IsSetType() || t.IsTupleType() || t.IsMapType() || t.IsObjectType():
		for it := v.ElementIterator(); it.Next(); {
			_, ev := it.Element()
			ctyStrings(ev, out)
		}
	}
}

// tfSecretRe finds a client_secret written as a literal in a .tf or
// .tf.json file, whether or not the file parses, so that the value is
// redacted from every line shown (a syntax error on its line included).
// Misspelt keys (client_secert, ClientSecret, clientSecret) count too.
var tfSecretRe = regexp.MustCompile(`(?i)"?client[_-]?sec[a-z_]*"?[ \t]*[=:][ \t]*"((?:[^"\\\n]|\\.)*)"`)

// redactTFSecrets registers every literal client_secret of src.
func redactTFSecrets(source *finding.Source) {
	if !bytes.Contains(bytes.ToLower(source.Text), []byte("client")) {
		return
	}
	for _, m := range tfSecretRe.FindAllSubmatchIndex(source.Text, -1) {
		if m[3] > m[2] {
			source.Redact = append(source.Redact, [2]int{m[2], m[3]})
			registerSecrets(source, []string{string(source.Text[m[2]:m[3]])})
		}
	}
}

func hclSyntaxError(diags hcl.Diagnostics) error {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := "the file is not valid HCL: " + d.Summary
		if d.Detail != "" {
			msg += ": " + strings.TrimSuffix(d.Detail, ".")
		}
		off := 0
		if d.Subject != nil {
			off = d.Subject.Start.Byte
		}
		return &SyntaxError{Off: off, Msg: msg}
	}
	return &SyntaxError{Msg: "the file is not valid HCL"}
}

type hclReader struct {
	src []byte
	mod *tfModule
	// offsets: positions are byte offsets only (JSON, whose columns the
	// source computes as every JSON reader's).
	offsets bool
}

// pos converts an HCL range: line and column of its start, and how many
// characters of that line it covers.
func (h *hclReader) pos(r hcl.Range) finding.Pos {
	if h.offsets {
		return finding.Pos{Off: r.Start.Byte, End: r.End.Byte}
	}
	p := finding.Pos{Off: r.Start.Byte, End: r.End.Byte, Line: r.Start.Line, Col: r.Start.Column}
	end := r.End.Byte
	if end > len(h.src) || end < r.Start.Byte {
		end = r.Start.Byte
	}
	seg := h.src[min(r.Start.Byte, len(h.src)):end]
	if i := strings.IndexByte(string(seg), '\n'); i >= 0 {
		seg = seg[:i]
	}
	p.Len = utf8.RuneCount(seg)
	return p
}

// body maps the attributes and nested blocks of a block body to API
// members, in source order.
func (h *hclReader) body(b *hclsyntax.Body, attrs map[string]string, blocks map[string]tfBlock) *finding.Node {
	out := &finding.Node{Kind: finding.Object, Pos: h.pos(b.SrcRange)}
	names := make([]*hclsyntax.Attribute, 0, len(b.Attributes))
	for _, a := range b.Attributes {
		names = append(names, a)
	}
	sort.Slice(names, func(i, j int) bool { return names[i].SrcRange.Start.Byte < names[j].SrcRange.Start.Byte })
	var fields []placedField
	for _, a := range names {
		if member, ok := attrs[a.Name]; ok {
			if v := h.expr(a.Expr); v != nil {
				fields = append(fields, placedField{a.SrcRange.Start.Byte, finding.Field{Key: member, KeyPos: h.pos(a.NameRange), Value: v}})
			}
			continue
		}
		if bl, ok := blocks[a.Name]; ok {
			// Attribute syntax for a block: token_validity_units = [{…}].
			if v := h.expr(a.Expr); v != nil {
				if v.Kind != finding.Unknown {
					v = planBlock(v, nil, bl)
				}
				if v != nil {
					fields = append(fields, placedField{a.SrcRange.Start.Byte, finding.Field{Key: bl.member, KeyPos: h.pos(a.NameRange), Value: v}})
				}
			}
		}
	}
	seen := map[string]bool{}
	for _, blk := range b.Blocks {
		name := blk.Type
		dynamic := false
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
			// Generated from a collection: whether and how it exists is
			// known only at plan time.
			v = &finding.Node{Kind: finding.Unknown, Str: "dynamic " + name, Pos: h.pos(blk.DefRange())}
		} else {
			v = h.body(blk.Body, bl.attrs, nil)
			v.Pos = h.pos(blk.DefRange())
		}
		fields = append(fields, placedField{blk.TypeRange.Start.Byte, finding.Field{Key: bl.member, KeyPos: h.pos(blk.TypeRange), Value: v}})
	}
	out.Fields = inSourceOrder(fields)
	return out
}

// expr converts an expression: a literal becomes its value, anything that
// needs evaluation an unknown value. nil means null (not set).
func (h *hclReader) expr(e hclsyntax.Expression) *finding.Node {
	switch e := e.(type) {
	case *hclsyntax.TupleConsExpr:
		out := &finding.Node{Kind: finding.Array, Pos: h.pos(e.Range()), Items: make([]*finding.Node, 0, len(e.Exprs))}
		for _, x := range e.Exprs {
			v := h.expr(x)
			if v == nil {
				v = &finding.Node{Kind: finding.Null, Str: "null", Pos: h.pos(x.Range())}
			}
			out.Items = append(out.Items, v)
		}
		return out
	case *hclsyntax.ObjectConsExpr:
		out := &finding.Node{Kind: finding.Object, Pos: h.pos(e.Range())}
		for _, it := range e.Items {
			k, ok := h.mod.eval(it.KeyExpr)
			if !ok || !k.IsKnown() || k.IsNull() || k.Type() != cty.String {
				// A computed key: nothing about the object is known.
				return h.unknown(e)
			}
			v := h.expr(it.ValueExpr)
			if v == nil {
				v = &finding.Node{Kind: finding.Null, Str: "null", Pos: h.pos(it.ValueExpr.Range())}
			}
			out.Fields = append(out.Fields, finding.Field{Key: k.AsString(), KeyPos: h.pos(it.KeyExpr.Range()), Value: v})
		}
		return out
	case *hclsyntax.ParenthesesExpr:
		return h.expr(e.Expression)
	}
	v, ok := h.mod.eval(e)
	if !ok || !v.IsKnown() {
		return h.unknown(e) // a reference, a function it does not know
	}
	return h.value(v, h.pos(e.Range()), h.text(e.Range()))
}

func (h *hclReader) unknown(e hclsyntax.Expression) *finding.Node {
	return &finding.Node{Kind: finding.Unknown, Str: h.text(e.Range()), Pos: h.pos(e.Range())}
}

// text is the source text of r, shortened for messages.
func (h *hclReader) text(r hcl.Range) string {
	text := ""
	if r.End.Byte <= len(h.src) && r.Start.Byte <= r.End.Byte {
		text = string(h.src[r.Start.Byte:r.End.Byte])
	}
	if len(text) > 80 {
		text = text[:77] + "..."
	}
	return text
}

// value converts an evaluated value; every part of it is written at p (a
// value that comes from a variable is shown where the variable is used),
// and an unknown part is an unknown value whose text is the expression's.
func (h *hclReader) value(v cty.Value, p finding.Pos, text string) *finding.Node {
	if v.IsMarked() {
		v, _ = v.Unmark()
	}
	if !v.IsKnown() {
		return &finding.Node{Kind: finding.Unknown, Str: text, Pos: p}
	}
	if v.IsNull() {
		return nil
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return &finding.Node{Kind: finding.String, Str: v.AsString(), Pos: p}
	case t == cty.Bool:
		return &finding.Node{Kind: finding.Bool, Bool: v.True(), Pos: p}
	case t == cty.Number:
		bf := v.AsBigFloat()
		var s string
		switch {
		case bf.IsInf():
			s = "1e999999999"
			if bf.Signbit() {
				s = "-" + s
			}
		case bf.MantExp(nil) > 128:
			// Far beyond any member's range: its order of magnitude, since
			// converting 1e9999999 to decimal digits takes minutes.
			s = fmt.Sprintf("1e%d", int(float64(bf.MantExp(nil))*math.Log10(2)))
			if bf.Signbit() {
				s = "-" + s
			}
		case bf.IsInt():
			s = bf.Text('f', 0)
		default:
			s = bf.Text('g', -1)
		}
		return &finding.Node{Kind: finding.Number, Str: s, Pos: p}
	case t.IsListType() || t.IsTupleType() || t.IsSetType():
		out := &finding.Node{Kind: finding.Array, Pos: p}
		for it := v.ElementIterator(); it.Next(); {
			_, ev := it.Element()
			n := h.value(ev, p, text)
			if n == nil {
				n = &finding.Node{Kind: finding.Null, Str: "null", Pos: p}
			}
			out.Items = append(out.Items, n)
		}
		return out
	case t.IsMapType() || t.IsObjectType():
		out := &finding.Node{Kind: finding.Object, Pos: p}
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			n := h.value(ev, p, text)
			if n == nil {
				n = &finding.Node{Kind: finding.Null, Str: "null", Pos: p}
			}
			out.Fields = append(out.Fields, finding.Field{Key: k.AsString(), KeyPos: p, Value: n})
		}
		return out
	}
	return &finding.Node{Kind: finding.Unknown, Pos: p}
}

// placedField is a member with the byte offset it is written at: HCL gives
// a body's attributes and its blocks apart, and members keep source order.
type placedField struct {
	at int
	f  finding.Field
}

// inSourceOrder returns the fields sorted by where they are written.
func inSourceOrder(fields []placedField) []finding.Field {
	sort.SliceStable(fields, func(i, j int) bool { return fields[i].at < fields[j].at })
	out := make([]finding.Field, len(fields))
	for i := range fields {
		out[i] = fields[i].f
	}
	return out
}
