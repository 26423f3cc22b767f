package input

import (
	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// isPlan reports whether root is the JSON form of a Terraform plan
// (`terraform show -json plan.out`).
func isPlan(root *finding.Node) bool {
	if root == nil || root.Kind != finding.Object || root.Get("format_version") == nil {
		return false
	}
	return root.Get("planned_values") != nil || root.Get("resource_changes") != nil
}

// readPlan turns every app client resource of a plan into a create
// document. It reads the planned values of the root module and of every
// child module; a plan without planned_values is read from
// resource_changes[].change.after. Values that are unknown until apply
// (change.after_unknown) are unknown values, null is "not set", and every
// client_secret in the plan (planned, prior or before) is recorded as a
// secret so that no output shows it.
func readPlan(source *finding.Source, root *finding.Node) []*finding.Document {
	var secrets []secretAt
	planSecrets(root, 0, &secrets)
	return readPlanSecrets(source, root, secrets)
}

// readPlanSecrets is readPlan with the plan's client_secret values, in
// document order, already found (by planSecrets, or by the selective JSON
// reader that never builds most of the tree). root need hold only what
// readPlan looks at.
func readPlanSecrets(source *finding.Source, root *finding.Node, secrets []secretAt) []*finding.Document {
	p := planReader{source: source, changes: map[string]*finding.Node{}}
	for _, s := range secrets {
		p.secrets = appendPath(p.secrets, s.value)
		p.source.Secrets = append(p.source.Secrets, s.value)
		if s.pos.End > s.pos.Off+1 {
			p.source.Redact = append(p.source.Redact, [2]int{s.pos.Off + 1, s.pos.End - 1})
		}
	}
	if rc := root.Get("resource_changes"); rc != nil && rc.Kind == finding.Array {
		for _, c := range rc.Items {
			if addr := str(c.Get("address")); addr != "" {
				p.changes[addr] = c.Get("change")
			}
		}
	}
	if pv := root.Get("planned_values"); pv != nil && pv.Kind == finding.Object {
		p.module(pv.Get("root_module"), 0)
		return p.docs
	}
	if rc := root.Get("resource_changes"); rc != nil && rc.Kind == finding.Array {
		for _, c := range rc.Items {
			change := c.Get("change")
			p.resource(c, change.Get("after"), change.Get("after_unknown"))
		}
	}
	return p.docs
}

type planReader struct {
	source  *finding.Source
	changes map[string]*finding.Node // address → change
	secrets []string
	docs    []*finding.Document
}

func str(n *finding.Node) string {
	if n == nil || n.Kind != finding.String {
		return ""
	}
	return n.Str
}

// secretAt is a non-empty client_secret string value and where it is.
type secretAt struct {
	value string
	pos   finding.Pos
}

// planSecrets lists the value of every client_secret in the plan, in
// document order.
func planSecrets(n *finding.Node, depth int, out *[]secretAt) {
	if n == nil || depth > maxDepth {
		return
	}
	switch n.Kind {
	case finding.Object:
		for _, f := range n.Fields {
			if f.Key == "client_secret" && f.Value.Kind == finding.String && f.Value.Str != "" {
				*out = append(*out, secretAt{f.Value.Str, f.Value.Pos})
				continue
			}
			planSecrets(f.Value, depth+1, out)
		}
	case finding.Array:
		for _, it := range n.Items {
			planSecrets(it, depth+1, out)
		}
	}
}

// module reads the resources of a module and of its child modules.
func (p *planReader) module(m *finding.Node, depth int) {
	if m == nil || m.Kind != finding.Object || depth > maxDepth {
		return
	}
	if rs := m.Get("resources"); rs != nil && rs.Kind == finding.Array {
		for _, r := range rs.Items {
			var unk *finding.Node
			if c := p.changes[str(r.Get("address"))]; c != nil {
				unk = c.Get("after_unknown")
			}
			p.resource(r, r.Get("values"), unk)
		}
	}
	if cms := m.Get("child_modules"); cms != nil && cms.Kind == finding.Array {
		for _, cm := range cms.Items {
			p.module(cm, depth+1)
		}
	}
}

// resource reads one resource (a planned_values resource or a
// resource_changes entry) with its values and after_unknown.
func (p *planReader) resource(r, values, unk *finding.Node) {
	if r == nil || r.Kind != finding.Object || !tfClientTypes[str(r.Get("type"))] {
		return
	}
	if mode := str(r.Get("mode")); mode != "" && mode != "managed" {
		return
	}
	if values == nil || values.Kind != finding.Object {
		return // destroyed, or not a resource
	}
	doc := &finding.Document{File: p.source.Name, Format: "terraform-plan", Operation: model.OpCreate,
		Resource: str(r.Get("address")), Source: p.source, At: r.Pos, Secrets: append([]string(nil), p.secrets...)}
	// Values the plan marks sensitive (a sensitive variable's, say) are
	// secrets: sensitive_values beside planned values, after_sensitive and
	// before_sensitive in the change (Terraform's JSON output format).
	sensitive(values, r.Get("sensitive_values"), doc, 0)
	change := p.changes[str(r.Get("address"))]
	if change == nil {
		change = r.Get("change")
	}
	if change != nil {
		sensitive(change.Get("after"), change.Get("after_sensitive"), doc, 0)
		sensitive(change.Get("before"), change.Get("before_sensitive"), doc, 0)
	}
	if doc.Resource == "" {
		doc.Resource = str(r.Get("type")) + "." + str(r.Get("name"))
	}
	doc.Root = planObject(values, unk, tfAttributes, tfBlocks)
	if str(r.Get("type")) == "aws_cognito_managed_user_pool_client" {
		managed(doc)
	}
	coerce(doc.Root)
	collectUnknown(doc)
	p.docs = append(p.docs, doc)
}

// planObject maps the attributes of values (with their after_unknown
// markers unk) to API members.
func planObject(values, unk *finding.Node, attrs map[string]string, blocks map[string]tfBlock) *finding.Node {
	out := &finding.Node{Kind: finding.Object, Pos: values.Pos, Fields: make([]finding.Field, 0, len(values.Fields))}
	if unk != nil && unk.Kind != finding.Object {
		unk = nil
	}
	for _, f := range values.Fields {
		if member, ok := attrs[f.Key]; ok {
			if v := planValue(f.Value, unk.Get(f.Key)); v != nil {
				out.Fields = append(out.Fields, finding.Field{Key: member, KeyPos: f.KeyPos, Value: v})
			}
			continue
		}
		if b, ok := blocks[f.Key]; ok {
			if v := planBlock(f.Value, unk.Get(f.Key), b); v != nil {
				out.Fields = append(out.Fields, finding.Field{Key: b.member, KeyPos: f.KeyPos, Value: v})
			}
		}
	}
	// An attribute that is wholly unknown is left out of the planned values
	// and marked in after_unknown only.
	if unk != nil {
		for _, f := range unk.Fields {
			if f.Value.Kind != finding.Bool || !f.Value.Bool || hasNonNull(values, f.Key) {
				continue
			}
			member := attrs[f.Key]
			if b, ok := blocks[f.Key]; ok {
				member = b.member
			}
			if member != "" && out.Get(member) == nil {
				out.Fields = append(out.Fields, finding.Field{Key: member, KeyPos: f.KeyPos,
					Value: &finding.Node{Kind: finding.Unknown, Str: "(known after apply)", Pos: f.Value.Pos}})
			}
		}
	}
	return out
}

func hasNonNull(obj *finding.Node, key string) bool {
	v := obj.Get(key)
	return v != nil && v.Kind != finding.Null
}

func isTrue(n *finding.Node) bool { return n != nil && n.Kind == finding.Bool && n.Bool }

// planValue maps one attribute value. null is "not set"; an element of a
// list that after_unknown marks (planned as null) is an unknown element in
// place.
func planValue(v, unk *finding.Node) *finding.Node {
	if isTrue(unk) {
		return &finding.Node{Kind: finding.Unknown, Str: "(known after apply)", Pos: v.Pos}
	}
	switch v.Kind {
	case finding.Null:
		return nil
	case finding.Array:
		out := &finding.Node{Kind: finding.Array, Pos: v.Pos, Items: make([]*finding.Node, len(v.Items))}
		for i, it := range v.Items {
			var u *finding.Node
			if unk != nil && unk.Kind == finding.Array && i < len(unk.Items) {
				u = unk.Items[i]
			}
			if isTrue(u) || it.Kind == finding.Null {
				// Terraform plans an unknown element as null; a set of
				// strings holds no real null.
				out.Items[i] = &finding.Node{Kind: finding.Unknown, Str: "(known after apply)", Pos: it.Pos}
				continue
			}
			out.Items[i] = it
		}
		return out
	}
	return v
}

// planBlock maps a nested block: a list of at most one object.
func planBlock(v, unk *finding.Node, b tfBlock) *finding.Node {
	if isTrue(unk) {
		return &finding.Node{Kind: finding.Unknown, Str: "(known after apply)", Pos: v.Pos}
	}
	var u0 *finding.Node
	if unk != nil && unk.Kind == finding.Array && len(unk.Items) > 0 {
		u0 = unk.Items[0]
	}
	elem := v
	if v.Kind == finding.Array {
		if len(v.Items) == 0 {
			return nil
		}
		elem = v.Items[0]
	}
	switch {
	case isTrue(u0):
		return &finding.Node{Kind: finding.Unknown, Str: "(known after apply)", Pos: elem.Pos}
	case elem.Kind == finding.Null:
		return nil
	case elem.Kind != finding.Object:
		return elem // the decoder reports the type
	}
	return planObject(elem, u0, b.attrs, nil)
}

// sensitive records as secrets the values of v that marks (a value of the
// same shape, true where sensitive) marks.
func sensitive(v, marks *finding.Node, doc *finding.Document, depth int) {
	if v == nil || marks == nil || depth > maxDepth {
		return
	}
	switch marks.Kind {
	case finding.Bool:
		if marks.Bool {
			secretLeaves(v, doc, depth)
		}
	case finding.Object:
		if v.Kind != finding.Object {
			return
		}
		for _, f := range marks.Fields {
			sensitive(v.Get(f.Key), f.Value, doc, depth+1)
		}
	case finding.Array:
		if v.Kind != finding.Array {
			return
		}
		for i, m := range marks.Items {
			if i < len(v.Items) {
				sensitive(v.Items[i], m, doc, depth+1)
			}
		}
	}
}

// secretLeaves records every scalar inside v as a secret of doc and of its
// source (by value, and by position where the value is written).
func secretLeaves(v *finding.Node, doc *finding.Document, depth int) {
	if v == nil || depth > maxDepth {
		return
	}
	switch v.Kind {
	case finding.String, finding.Number:
		if v.Str == "" {
			return
		}
		doc.Secrets = appendPath(doc.Secrets, v.Str)
		doc.Source.Secrets = appendPath(doc.Source.Secrets, v.Str)
		if v.Kind == finding.String && v.Pos.End > v.Pos.Off+1 {
			doc.Source.Redact = append(doc.Source.Redact, [2]int{v.Pos.Off + 1, v.Pos.End - 1})
		}
	case finding.Array:
		for _, it := range v.Items {
			secretLeaves(it, doc, depth+1)
		}
	case finding.Object:
		for _, f := range v.Fields {
			secretLeaves(f.Value, doc, depth+1)
		}
	}
}
