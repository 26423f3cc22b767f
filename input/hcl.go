package input

import (
	"bytes"
	"regexp"
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
// block becomes a create document. Only literal values are known:
// variables, locals, references to other resources, function calls,
// conditionals and templates with interpolation are unknown values, and a
// `dynamic` block is an unknown structure. count, for_each, depends_on,
// provider and lifecycle set no member.
func readHCL(source *finding.Source) ([]*finding.Document, error) {
	blocks, ok := clientBlocksHCL(source)
	if !ok {
		file, diags := hclsyntax.ParseConfig(source.Text, source.Name, hcl.InitialPos)
		if diags.HasErrors() {
			return nil, hclSyntaxError(diags)
		}
		if body, ok := file.Body.(*hclsyntax.Body); ok {
			blocks = body.Blocks
		}
	}
	h := hclReader{src: source.Text}
	var docs []*finding.Document
	for _, b := range blocks {
		if b.Type != "resource" || len(b.Labels) != 2 || !tfClientTypes[b.Labels[0]] {
			continue
		}
		doc := &finding.Document{File: source.Name, Format: "terraform", Operation: model.OpCreate,
			Resource: b.Labels[0] + "." + b.Labels[1], Source: source, At: h.pos(b.DefRange())}
		doc.Root = h.body(b.Body, tfAttributes, tfBlocks)
		doc.Root.Pos = doc.At
		if b.Labels[0] == "aws_cognito_managed_user_pool_client" {
			managed(doc)
		}
		coerce(doc.Root)
		collectUnknown(doc)
		docs = append(docs, doc)
	}
	return docs, nil
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
}

// pos converts an HCL range: line and column of its start, and how many
// characters of that line it covers.
func (h *hclReader) pos(r hcl.Range) finding.Pos {
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
	type field struct {
		at int
		f  finding.Field
	}
	var fields []field
	for _, a := range names {
		if member, ok := attrs[a.Name]; ok {
			if v := h.expr(a.Expr); v != nil {
				fields = append(fields, field{a.SrcRange.Start.Byte, finding.Field{Key: member, KeyPos: h.pos(a.NameRange), Value: v}})
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
					fields = append(fields, field{a.SrcRange.Start.Byte, finding.Field{Key: bl.member, KeyPos: h.pos(a.NameRange), Value: v}})
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
		fields = append(fields, field{blk.TypeRange.Start.Byte, finding.Field{Key: bl.member, KeyPos: h.pos(blk.TypeRange), Value: v}})
	}
	sort.SliceStable(fields, func(i, j int) bool { return fields[i].at < fields[j].at })
	out.Fields = make([]finding.Field, len(fields))
	for i := range fields {
		out.Fields[i] = fields[i].f
	}
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
			k, diags := it.KeyExpr.Value(nil)
			if diags.HasErrors() || !k.IsKnown() || k.IsNull() || k.Type() != cty.String {
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
	if len(e.Variables()) > 0 {
		return h.unknown(e)
	}
	v, diags := e.Value(nil)
	if diags.HasErrors() || !v.IsWhollyKnown() {
		return h.unknown(e) // a function call
	}
	return h.value(v, h.pos(e.Range()))
}

func (h *hclReader) unknown(e hclsyntax.Expression) *finding.Node {
	p := h.pos(e.Range())
	text := ""
	if r := e.Range(); r.End.Byte <= len(h.src) && r.Start.Byte <= r.End.Byte {
		text = string(h.src[r.Start.Byte:r.End.Byte])
	}
	if len(text) > 80 {
		text = text[:77] + "..."
	}
	return &finding.Node{Kind: finding.Unknown, Str: text, Pos: p}
}

// value converts a literal's value; every part of it is written at p.
func (h *hclReader) value(v cty.Value, p finding.Pos) *finding.Node {
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
		s := bf.Text('g', -1)
		if bf.IsInt() {
			s = bf.Text('f', 0)
		}
		return &finding.Node{Kind: finding.Number, Str: s, Pos: p}
	case t.IsListType() || t.IsTupleType() || t.IsSetType():
		out := &finding.Node{Kind: finding.Array, Pos: p}
		for it := v.ElementIterator(); it.Next(); {
			_, ev := it.Element()
			n := h.value(ev, p)
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
			n := h.value(ev, p)
			if n == nil {
				n = &finding.Node{Kind: finding.Null, Str: "null", Pos: p}
			}
			out.Fields = append(out.Fields, finding.Field{Key: k.AsString(), KeyPos: p, Value: n})
		}
		return out
	}
	return &finding.Node{Kind: finding.Unknown, Pos: p}
}

// clientResourceRe is the first line of an app client resource block as
// terraform fmt writes it.
var clientResourceRe = regexp.MustCompile(`^resource "aws_cognito_(?:managed_)?user_pool_client" "[^"]*" \{[ \t]*\r?$`)

// clientBlocksHCL parses only the app client resource blocks of a
// configuration written as terraform fmt writes it (the block opens at the
// start of a line and closes with "}" alone at the start of a line), so
// that a long configuration costs about as much as its clients. ok is
// false when such a block is written otherwise or does not parse on its
// own; the caller parses the whole file then. A syntax error outside the
// app clients is not reported: terraform validate does that.
func clientBlocksHCL(source *finding.Source) (blocks hclsyntax.Blocks, ok bool) {
	src := source.Text
	for from := 0; ; {
		i := bytes.Index(src[from:], []byte("user_pool_client"))
		if i < 0 {
			return blocks, true
		}
		start, end := lineBounds(src, from+i)
		from = end
		line := src[start:end]
		if !bytes.HasPrefix(bytes.TrimLeft(line, " \t"), []byte("resource")) {
			continue // a reference, a data source, a comment
		}
		if !clientResourceRe.Match(line) {
			return nil, false
		}
		close := closingBrace(src, end)
		if close < 0 {
			return nil, false
		}
		pos := hcl.Pos{Line: bytes.Count(src[:start], []byte{'\n'}) + 1, Column: 1, Byte: start}
		file, diags := hclsyntax.ParseConfig(src[start:close], source.Name, pos)
		body, isBody := file.Body.(*hclsyntax.Body)
		if diags.HasErrors() || !isBody || len(body.Blocks) != 1 || len(body.Attributes) != 0 {
			return nil, false
		}
		blocks = append(blocks, body.Blocks[0])
		from = close
	}
}

// closingBrace returns the offset just after the first line from off that
// is "}" alone, or -1.
func closingBrace(src []byte, off int) int {
	for {
		i := bytes.Index(src[off:], []byte("\n}"))
		if i < 0 {
			return -1
		}
		start := off + i + 1
		_, end := lineBounds(src, start)
		if len(bytes.TrimRight(src[start+1:end], " \t\r")) == 0 {
			return end
		}
		off = start
	}
}
