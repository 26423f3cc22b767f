package input

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	yaml "go.yaml.in/yaml/v3"
)

// DirectiveMarker starts an inline suppression comment:
// "# cognitolint:ignore RULE[,RULE…] -- REASON".
const DirectiveMarker = "cognitolint:ignore"

// Comment is a comment of a YAML or HCL file that mentions DirectiveMarker,
// with the lines it applies to as the file's parser attaches it: a comment
// at the end of a line covers that line (or the entry that line opens); a
// comment alone on its line covers
// the value, attribute or block written below it — its whole extent, so
// that a comment above a resource's first line (a template's "Client:", a
// Terraform `resource "…" "…" {`) covers the whole resource. Above a
// Kubernetes document's first line or its "kind:" it covers the document.
type Comment struct {
	// Text is the comment as written, from its '#' or '//'.
	Text string
	// Line and Col are where it starts (1-based; Col in characters);
	// Len how many characters it spans.
	Line, Col, Len int
	// From and To are the lines it covers, inclusive; both 0 when it
	// stands before nothing (after the last value of a block).
	From, To int
	// Trailing is true for a comment at the end of a line of content.
	Trailing bool
}

// Comments returns the suppression comments of the file read into res, in
// source order. JSON has no comments; nor does a file that does not parse
// (its syntax finding stands). Files that do not mention DirectiveMarker
// are not parsed again, so that the common case costs one bytes.Contains.
func Comments(res Result) []Comment {
	if res.Source == nil || len(res.Docs) == 0 || !bytes.Contains(res.Source.Text, []byte(DirectiveMarker)) {
		return nil
	}
	src := res.Source.Text
	switch {
	case looksLikeJSON(src):
		return nil // JSON, Terraform's .tf.json included
	case res.Docs[0].Format == "terraform":
		// The comments are read from a parse of the whole file, which the
		// reader may not have needed (only the app client blocks): a file
		// too large or deep to parse has no suppressions, and every
		// finding stays.
		if hclValueBudget(src, 0, len(src)) != nil {
			return nil
		}
		return hclComments(res.Source.Name, src)
	}
	if _, over := pastValueEstimate(src, 0, len(src), 2*maxYAMLNodes, true); over {
		return nil
	}
	return yamlComments(src)
}

// isDirective reports whether a comment's text (without its '#' or '//')
// starts with the marker.
func isDirective(body string) bool {
	return strings.HasPrefix(strings.TrimSpace(body), DirectiveMarker)
}

// yamlComments reads the comments yaml.v3 attaches to nodes: HeadComment
// (the lines above a node), LineComment (at the end of the node's line) and
// FootComment (after a block, before a blank line or the end: it stands
// before nothing). yaml.v3 gives a comment's text, not its line; the line
// is found by looking for that text at the lines next to the node.
func yamlComments(src []byte) []Comment {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	y := yamlComm{lines: splitLines(src)}
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); err != nil {
			break // io.EOF, or a syntax error: that finding stands
		}
		y.last = map[*yaml.Node]int{}
		end := y.lastLine(&doc)
		// The document's own head comment (above its first value,
		// separated by a blank line) covers the document.
		y.head(&doc, 0, end)
		y.foot(&doc, end)
		if len(doc.Content) == 1 {
			y.walk(doc.Content[0], doc.Line, end, 0)
		}
	}
	return y.out
}

type yamlComm struct {
	lines [][]byte
	out   []Comment
	used  map[int]bool // comment lines already taken
	last  map[*yaml.Node]int
}

// walk visits n, whose entry (a key and its value, or a sequence item)
// spans lines from..to. depth 0 is a document's root.
func (y *yamlComm) walk(n *yaml.Node, from, to, depth int) {
	switch n.Kind {
	case yaml.MappingNode:
		kube := depth == 0 && hasKey(n, "kind")
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			efrom, eto := k.Line, max(k.Line, y.lastLine(v))
			if kube && (i == 0 || k.Value == "kind") {
				// Above a Kubernetes document's first line or its
				// kind: the whole document.
				efrom, eto = from, to
			}
			y.head(k, efrom, eto)
			// At the end of a key whose value is a block below it
			// ("CallbackURLs: # …"), the comment is on the line that
			// opens the entry: it covers the entry.
			to := 0
			if (v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode) && v.Line > k.Line {
				to = eto
			}
			y.line(k, to)
			y.foot(k, eto)
			y.walk(v, k.Line, eto, depth+1)
		}
	case yaml.SequenceNode:
		for _, it := range n.Content {
			y.walk(it, it.Line, max(it.Line, y.lastLine(it)), depth+1)
		}
	}
	if n.Kind != yaml.MappingNode || depth > 0 {
		// A value's own comments (a mapping key's are read above; a
		// document root's head comment belongs to the document).
		y.head(n, from, to)
	}
	y.line(n, 0)
	y.foot(n, to)
}

// head records the comment lines above n that are directives, covering
// from..to (from 0: from the comment's own line).
func (y *yamlComm) head(n *yaml.Node, from, to int) {
	if !strings.Contains(n.HeadComment, DirectiveMarker) {
		return
	}
	// The comment's lines end above the node (a blank line may come
	// between): look upward for each of its lines, last first.
	texts := strings.Split(strings.TrimRight(n.HeadComment, "\n"), "\n")
	at := n.Line - 1
	if n.Kind == yaml.DocumentNode {
		at = len(y.lines)
		if len(n.Content) == 1 {
			at = n.Content[0].Line - 1
		}
	}
	for i := len(texts) - 1; i >= 0; i-- {
		line := y.find(texts[i], at, -1)
		if line == 0 {
			continue
		}
		at = line - 1
		if isDirective(strings.TrimPrefix(strings.TrimSpace(texts[i]), "#")) {
			f := from
			if f == 0 {
				f = line
			}
			y.add(texts[i], line, f, to, false)
		}
	}
}

// line records a directive at the end of n's line: it covers that line, or
// up to line to when n opens an entry that ends there.
func (y *yamlComm) line(n *yaml.Node, to int) {
	if !strings.Contains(n.LineComment, DirectiveMarker) {
		return
	}
	if line := y.find(n.LineComment, n.Line, +1); line > 0 {
		y.add(n.LineComment, line, line, max(line, to), true)
	}
}

// foot records directives after a block: they stand before no value, and
// cover nothing.
func (y *yamlComm) foot(n *yaml.Node, end int) {
	if !strings.Contains(n.FootComment, DirectiveMarker) {
		return
	}
	at := max(end, n.Line)
	for _, t := range strings.Split(strings.TrimRight(n.FootComment, "\n"), "\n") {
		line := y.find(t, at, +1)
		if line == 0 {
			continue
		}
		at = line + 1
		if isDirective(strings.TrimPrefix(strings.TrimSpace(t), "#")) {
			y.add(t, line, 0, 0, false)
		}
	}
}

// find returns the line, from line at in direction dir, whose comment is
// text, or 0.
func (y *yamlComm) find(text string, at, dir int) int {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0
	}
	for l := at; l >= 1 && l <= len(y.lines); l += dir {
		if y.used[l] {
			continue
		}
		if bytes.HasSuffix(bytes.TrimRight(y.lines[l-1], " \t\r"), []byte(text)) {
			return l
		}
	}
	return 0
}

func (y *yamlComm) add(text string, line, from, to int, trailing bool) {
	if y.used == nil {
		y.used = map[int]bool{}
	}
	y.used[line] = true
	text = strings.TrimSpace(text)
	raw := string(bytes.TrimRight(y.lines[line-1], " \t\r"))
	col := utf8.RuneCountInString(raw[:len(raw)-len(text)]) + 1
	y.out = append(y.out, Comment{Text: text, Line: line, Col: col, Len: utf8.RuneCountInString(text),
		From: from, To: to, Trailing: trailing})
}

func hasKey(m *yaml.Node, key string) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return true
		}
	}
	return false
}

// lastLine is the last line a node's content starts on: where its entry
// ends, as far as findings go (a finding is at a value's first line).
// Memoized, so that walking a deep tree costs its size, not size × depth.
func (y *yamlComm) lastLine(n *yaml.Node) int {
	if l, ok := y.last[n]; ok {
		return l
	}
	l := n.Line
	for _, c := range n.Content {
		l = max(l, y.lastLine(c))
	}
	y.last[n] = l
	return l
}

func splitLines(src []byte) [][]byte {
	return bytes.Split(src, []byte{'\n'})
}

// hclComments reads the comment tokens of hclsyntax's scanner. A comment
// after a token on its line is trailing; a comment alone on its line covers
// the attribute or block that starts on the next line of content (its whole
// range), or that line when neither starts there (an element of a list).
func hclComments(name string, src []byte) []Comment {
	file, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		return nil
	}
	tokens, _ := hclsyntax.LexConfig(src, name, hcl.InitialPos)
	// The ranges of every attribute and block, by first line.
	spans := map[int]int{}
	var visit func(b *hclsyntax.Body)
	visit = func(b *hclsyntax.Body) {
		for _, a := range b.Attributes {
			r := a.SrcRange
			spans[r.Start.Line] = max(spans[r.Start.Line], r.End.Line)
		}
		for _, bl := range b.Blocks {
			r := bl.Range()
			spans[r.Start.Line] = max(spans[r.Start.Line], r.End.Line)
			visit(bl.Body)
		}
	}
	if body, ok := file.Body.(*hclsyntax.Body); ok {
		visit(body)
	}
	var out []Comment
	lastContent := 0 // line of the last token that is not a comment or newline
	for i, t := range tokens {
		switch t.Type {
		case hclsyntax.TokenNewline, hclsyntax.TokenEOF:
			continue
		case hclsyntax.TokenComment:
		default:
			lastContent = t.Range.End.Line
			continue
		}
		body := string(t.Bytes)
		switch {
		case strings.HasPrefix(body, "#"):
			body = body[1:]
		case strings.HasPrefix(body, "//"):
			body = body[2:]
		default:
			continue // /* … */ is not a directive
		}
		if !isDirective(body) {
			continue
		}
		text := strings.TrimRight(string(t.Bytes), " \t\r\n")
		c := Comment{Text: text, Line: t.Range.Start.Line, Col: t.Range.Start.Column, Len: utf8.RuneCountInString(text)}
		if lastContent == c.Line {
			// At the end of a line; on the line that opens a multi-line
			// attribute or block (`callback_urls = [`, `resource … {`),
			// it covers all of it.
			c.Trailing, c.From, c.To = true, c.Line, max(c.Line, spans[c.Line])
		} else if next := nextContentLine(tokens[i+1:]); next > 0 {
			c.From, c.To = next, max(next, spans[next])
		}
		out = append(out, c)
	}
	return out
}

// nextContentLine is the line of the first token that is not a comment or
// a newline, or 0 (a closing brace counts: the comment then covers that
// line only, where no finding is).
func nextContentLine(tokens hclsyntax.Tokens) int {
	for _, t := range tokens {
		switch t.Type {
		case hclsyntax.TokenNewline, hclsyntax.TokenComment:
			continue
		case hclsyntax.TokenEOF:
			return 0
		}
		return t.Range.Start.Line
	}
	return 0
}
