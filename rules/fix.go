package rules

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/agnivade/levenshtein"

	"github.com/cognitolint/cognitolint/finding"
	"github.com/cognitolint/cognitolint/model"
)

// Fixes: a rule that knows for certain what resolves its finding attaches
// the edits to the finding (go/analysis's SuggestedFix); package fix
// applies them. Edits are byte ranges of the file as written, so a fix is
// proposed only for a document whose nodes carry byte offsets into JSON
// text: API payloads and CloudFormation templates written in JSON. A
// Terraform plan is output, not something to edit; YAML and HCL keep no
// byte offsets.

// edit replaces the bytes [off, end) of the document's source by text.
type edit struct {
	off, end int
	text     string
}

// fixSpec is a fix before its positions are resolved.
type fixSpec struct {
	desc  string
	edits []edit
}

// editable reports whether the document's text may be edited at node n.
func editable(doc *finding.Document, n *finding.Node) bool {
	if doc == nil || doc.Source == nil || n == nil || n.Pos.End <= n.Pos.Off || n.Pos.Line > 0 {
		return false
	}
	switch doc.Format {
	case "api", "cloudformation":
	default:
		return false
	}
	text := bytes.TrimLeft(doc.Source.Text, " \t\r\n\ufeff")
	return len(text) > 0 && text[0] == '{' && n.Pos.End <= len(doc.Source.Text)
}

// fix attaches a fix to the finding the running rule reported last.
func (p *Pass) fix(desc string, edits ...edit) {
	if len(edits) == 0 || !p.recorded {
		return
	}
	(*p.out)[len(*p.out)-1].fix = &fixSpec{desc: desc, edits: edits}
}

// resolveFix turns a fix's byte ranges into edits with lines and columns.
func resolveFix(doc *finding.Document, spec *fixSpec, secrets []string) *finding.Fix {
	if spec == nil || doc.Source == nil {
		return nil
	}
	fx := &finding.Fix{Description: Redact(spec.desc, secrets), Edits: make([]finding.Edit, len(spec.edits))}
	for i, e := range spec.edits {
		sl, sc, _ := doc.Source.Position(e.off, e.off)
		el, ec, _ := doc.Source.Position(e.end, e.end)
		fx.Edits[i] = finding.Edit{
			File:  doc.File,
			Start: finding.Point{Line: sl, Column: sc, Offset: e.off},
			End:   finding.Point{Line: el, Column: ec, Offset: e.end},
			Text:  e.text,
		}
	}
	return fx
}

// jsonText writes v as JSON without HTML escaping (URLs keep their '&'),
// indented by unit under prefix when unit is not "".
func jsonText(v any, prefix, unit string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if unit != "" {
		enc.SetIndent(prefix, unit)
	}
	if err := enc.Encode(v); err != nil {
		return ""
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// renameKey is the edit that renames the object member f.
func renameKey(f *finding.Field, name string) edit {
	return edit{off: f.KeyPos.Off, end: f.KeyPos.End, text: jsonText(name, "", "")}
}

// replaceString is the edit that replaces a string value.
func replaceString(n *finding.Node, s string) edit {
	return edit{off: n.Pos.Off, end: n.Pos.End, text: jsonText(s, "", "")}
}

// appendItem is the edit that adds a string to the end of a non-empty
// list, separated as the list's last two elements are (or as its first
// element is from the '[').
func appendItem(src []byte, list *finding.Node, s string) (edit, bool) {
	if list == nil || list.Kind != finding.Array || len(list.Items) == 0 {
		return edit{}, false
	}
	last := list.Items[len(list.Items)-1]
	if last.Pos.End <= last.Pos.Off {
		return edit{}, false
	}
	var ws string
	if n := len(list.Items); n > 1 {
		gap := src[list.Items[n-2].Pos.End:last.Pos.Off]
		ws = string(gap[bytes.IndexByte(gap, ',')+1:])
	} else {
		ws = string(src[list.Pos.Off+1 : last.Pos.Off])
		if !strings.Contains(ws, "\n") {
			ws = " "
		}
	}
	if strings.TrimSpace(ws) != "" {
		return edit{}, false // a comment or something else we do not understand
	}
	return edit{off: last.Pos.End, end: last.Pos.End, text: "," + ws + jsonText(s, "", "")}, true
}

// removeItem is the edit that removes list element i (i > 0) with the
// separator before it.
func removeItem(list *finding.Node, i int) (edit, bool) {
	if list == nil || list.Kind != finding.Array || i <= 0 || i >= len(list.Items) {
		return edit{}, false
	}
	prev, cur := list.Items[i-1], list.Items[i]
	if prev.Pos.End <= prev.Pos.Off || cur.Pos.End <= cur.Pos.Off {
		return edit{}, false
	}
	return edit{off: prev.Pos.End, end: cur.Pos.End}, true
}

// addMembers is the edit that adds members (name, value) after the last
// member of obj, indented and separated as its existing members are.
func addMembers(src []byte, obj *finding.Node, names []string, values []any) (edit, bool) {
	if obj == nil || obj.Kind != finding.Object || len(obj.Fields) == 0 || len(names) == 0 {
		return edit{}, false
	}
	last := &obj.Fields[len(obj.Fields)-1]
	var ws string
	if n := len(obj.Fields); n > 1 {
		gap := src[obj.Fields[n-2].Value.Pos.End:last.KeyPos.Off]
		ws = string(gap[bytes.IndexByte(gap, ',')+1:])
	} else {
		ws = string(src[obj.Pos.Off+1 : last.KeyPos.Off])
		if !strings.Contains(ws, "\n") {
			ws = " "
		}
	}
	colon := string(src[last.KeyPos.End:last.Value.Pos.Off])
	if strings.TrimSpace(ws) != "" || strings.TrimSpace(colon) != ":" || last.Value.Pos.End <= last.Value.Pos.Off {
		return edit{}, false
	}
	// Values nest one indentation unit deeper: the members' indentation
	// less that of the line the object opens on.
	prefix, unit := "", ""
	if nl := strings.LastIndexByte(ws, '\n'); nl >= 0 {
		prefix = ws[nl+1:]
		open := obj.Pos.Off
		lineStart := bytes.LastIndexByte(src[:open], '\n') + 1
		outer := src[lineStart:open]
		outer = outer[:len(outer)-len(bytes.TrimLeft(outer, " \t"))]
		unit = strings.TrimPrefix(prefix, string(outer))
		if unit == "" || unit == prefix && len(outer) > 0 {
			unit = "  "
		}
	}
	// A file that writes its lists and objects on one line gets the added
	// ones on one line too.
	oneLine := unit == ""
	for _, f := range obj.Fields {
		if v := f.Value; (v.Kind == finding.Array || v.Kind == finding.Object) && v.Pos.End > v.Pos.Off {
			oneLine = !bytes.Contains(src[v.Pos.Off:v.Pos.End], []byte("\n"))
			break
		}
	}
	var b strings.Builder
	for i, name := range names {
		b.WriteString(",")
		b.WriteString(ws)
		b.WriteString(jsonText(name, "", ""))
		b.WriteString(colon)
		if oneLine {
			b.WriteString(compactJSON(values[i]))
		} else {
			b.WriteString(jsonText(values[i], prefix, unit))
		}
	}
	text := b.String()
	if strings.Contains(ws, "\r\n") {
		// A file with CRLF line ends gets them in the nested values too.
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", "\r\n")
	}
	return edit{off: last.Value.Pos.End, end: last.Value.Pos.End, text: text}, true
}

// compactJSON writes v on one line with a space after ',' and ':', as a
// one-line object is usually written.
func compactJSON(v any) string {
	s := jsonText(v, "", "")
	var b strings.Builder
	inStr, esc := false, false
	for _, c := range []byte(s) {
		b.WriteByte(c)
		switch {
		case esc:
			esc = false
		case inStr && c == '\\':
			esc = true
		case c == '"':
			inStr = !inStr
		case !inStr && (c == ',' || c == ':'):
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// currentValues returns what a complete update adds to the payload root:
// every member it does not write with the current client's value
// (model.Omitted), but for those skip names (a member the payload may mean
// under another spelling).
func currentValues(root *finding.Node, cur *model.Request, skip func(string) bool) (names []string, values []any) {
	return model.Omitted(cur, func(name string) bool { return root.Get(name) == nil && !skip(name) })
}

// nearestUnique returns the one candidate closest to s within maxDist, or
// "" when there is none or two are equally close: a fix renames a key
// only when the meant name is clear.
func nearestUnique(s string, candidates []string, maxDist int) string {
	if tooFar(s, candidates, maxDist) {
		return ""
	}
	for _, c := range candidates {
		if strings.EqualFold(c, s) {
			return c
		}
	}
	best, bestD, ties := "", maxDist+1, 0
	ls := strings.ToLower(s)
	for _, c := range candidates {
		switch d := levenshtein.ComputeDistance(ls, strings.ToLower(c)); {
		case d < bestD:
			best, bestD, ties = c, d, 0
		case d == bestD:
			ties++
		}
	}
	if ties > 0 {
		return ""
	}
	return best
}

// fix attaches a fix to the finding the decoder reported last.
func (d *decoder) fix(desc string, edits ...edit) {
	if len(edits) > 0 && len(*d.out) > 0 {
		(*d.out)[len(*d.out)-1].fix = &fixSpec{desc: desc, edits: edits}
	}
}

// fixTypo proposes renaming member i of obj to meant, the suggestion of
// the finding just reported, when meant is the one clear nearest name and
// the object does not have it already.
func (d *decoder) fixTypo(obj *finding.Node, i int, meant string, names []string) {
	f := &obj.Fields[i]
	if meant == "" || nearestUnique(f.Key, names, 3) != meant || obj.Get(meant) != nil || !editable(d.doc, f.Value) {
		return
	}
	d.fix("rename "+quote(f.Key)+" to "+quote(meant), renameKey(f, meant))
}

// removeMember is the edit that removes member i of obj with one of the
// commas around it.
func removeMember(doc *finding.Document, obj *finding.Node, i int) (edit, bool) {
	f := &obj.Fields[i]
	if !editable(doc, f.Value) || f.KeyPos.End <= f.KeyPos.Off {
		return edit{}, false
	}
	switch {
	case i > 0:
		return edit{off: obj.Fields[i-1].Value.Pos.End, end: f.Value.Pos.End}, true
	case len(obj.Fields) > 1:
		return edit{off: f.KeyPos.Off, end: obj.Fields[1].KeyPos.Off}, true
	}
	return edit{}, false // the only member: an empty object is not a better request
}
