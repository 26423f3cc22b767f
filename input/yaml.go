package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"

	"github.com/cognitolint/cognitolint/finding"
)

// maxYAMLNodes bounds how many values a YAML stream may have, aliases
// expanded, so that a "billion laughs" file cannot exhaust memory (a
// variable for tests). 262,144 values is a thousand app clients of the
// most an API allows each (100 callback and 100 logout URLs, 50 scopes…);
// at the bound, reading takes about 100 MiB.
var maxYAMLNodes = 1 << 18

// ParseYAML parses every document of a YAML stream into Node trees with the
// line, column and length of every value and key.
//
// A local tag is read as the CloudFormation short form it stands for:
// `!Ref X` becomes the object {"Ref": "X"}, `!Sub s` becomes {"Fn::Sub": s},
// `!GetAtt [A, B]` becomes {"Fn::GetAtt": ["A", "B"]} — exactly the long
// form CloudFormation reads — so that a template's intrinsics look the same
// whether written in YAML or JSON. Aliases are expanded and merge keys
// (`<<: *base`) applied.
func ParseYAML(src []byte) ([]*finding.Node, error) {
	budget := maxYAMLNodes
	return parseYAML(src, 0, len(src), 0, &budget)
}

// parseYAML parses src[base:end], which starts after line skip of src,
// with positions in src. budget is how many values it may have; it is
// left with what remains (the parses of one file share it).
func parseYAML(src []byte, base, end, skip int, budget *int) ([]*finding.Node, error) {
	var docs []*finding.Node
	err := eachYAML(src, base, end, skip, budget, false, func(n *finding.Node) bool {
		docs = append(docs, n)
		return true
	})
	if err != nil {
		return nil, err
	}
	return docs, nil
}

// eachYAML parses the documents of src[base:end] one at a time and gives
// each to keep: the values of a document keep does not keep (a stream's
// ConfigMap beside its app client) are given back to the budget, and its
// tree is garbage before the next document is parsed. With passForeign, a
// document over the budget whose top level is none of our shapes (a large
// CRD) is passed over instead of refused.
func eachYAML(src []byte, base, end, skip int, budget *int, passForeign bool, keep func(*finding.Node) bool) error {
	c := yamlConverter{src: src, base: base, end: end, skip: skip, budget: *budget}
	defer func() { *budget = c.budget }()
	// The YAML library builds its own tree of a whole document (about 300
	// bytes a value) before the budget is counted: a document with far
	// more lines, commas and colons than values allowed is refused before
	// it.
	if at, over := pastDocumentEstimate(src, base, end, 2*maxYAMLNodes); over {
		return &SyntaxError{Off: at, Msg: fmt.Sprintf("a document of the file has more than %d lines, list items and keys, far more values than an app client configuration holds", 2*maxYAMLNodes)}
	}
	dec := yaml.NewDecoder(bytes.NewReader(src[base:end]))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return c.syntaxError(err)
		}
		if len(doc.Content) == 0 || (doc.Content[0].Kind == yaml.ScalarNode && doc.Content[0].Value == "" &&
			doc.Content[0].ShortTag() == "!!null") {
			continue // an empty document ("---" alone)
		}
		before := c.budget
		n, err := c.node(doc.Content[0], 0)
		if se, ok := err.(*SyntaxError); ok && se.Bound && passForeign && !yamlMayBeOurs(doc.Content[0]) {
			c.budget = before // too large, and not ours (a large CRD beside a client): passed over
			continue
		}
		if err != nil {
			return err
		}
		if !keep(n) {
			c.budget = before
		}
	}
}

// yamlMayBeOurs is mayBeOurs of a document's top-level mapping.
func yamlMayBeOurs(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode {
		return false
	}
	var keys []string
	vals := map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		keys = append(keys, n.Content[i].Value)
		if n.Content[i+1].Kind == yaml.ScalarNode {
			vals[n.Content[i].Value] = n.Content[i+1].Value
		}
	}
	return mayBeOurs(keys, func(k string) string { return vals[k] })
}

// pastDocumentEstimate is pastValueEstimate (with colons) of each document
// of a YAML stream, told apart by the lines that start with "---" or
// "...": a stream of many small documents is not one large one.
func pastDocumentEstimate(src []byte, from, to, limit int) (at int, over bool) {
	for start := from; start < to; {
		next := to
		for i := start; i < to; {
			j := bytes.IndexByte(src[i:to], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			if bytes.HasPrefix(src[i:to], []byte("---")) || bytes.HasPrefix(src[i:to], []byte("...")) {
				next = i
				break
			}
		}
		if at, over := pastValueEstimate(src, start, next, limit, true); over {
			return at, true
		}
		if next == to {
			return 0, false
		}
		start = next + 3
	}
	return 0, false
}

type yamlConverter struct {
	src     []byte
	base    int // the text parsed is src[base:end]
	end     int
	skip    int   // lines of src before base
	lines   []int // byte offset of each line start
	budget  int
	aliased bool // an alias was expanded: what a value budget overrun means
	// at is where offset last stopped: values are converted in the order
	// they are written, so the next one on the same line is found by
	// walking on from there, not from the line start (a flow list of
	// 100,000 items on one line would cost quadratic time).
	at struct{ line, col, off int }
}

var yamlLineRe = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// syntaxError turns a yaml.v3 error ("yaml: line 4: mapping values are not
// allowed in this context") into a SyntaxError at the start of that line.
func (c *yamlConverter) syntaxError(err error) error {
	msg := err.Error()
	off := 0
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		msg = msg[len(m[0]):]
		if line, _ := strconv.Atoi(m[1]); line > 0 {
			line += c.skip
			// yaml.v3 numbers the lines of parser errors from 0 and puts
			// them at the start of the construct being parsed; scanner
			// errors are numbered from 1, at the offending character's line.
			if isYAMLParserProblem(msg) {
				line++
			}
			off = c.lineOffset(line)
			for off < len(c.src) && (c.src[off] == ' ' || c.src[off] == '\t') {
				off++
			}
		}
	}
	hint := ""
	switch {
	case strings.Contains(msg, "found character that cannot start any token"):
		hint = " (YAML indents with spaces, never tabs; quote values that start with @ or `)"
	case strings.Contains(msg, "mapping values are not allowed"):
		hint = " (quote a value that holds \": \", or check the indentation)"
	case strings.Contains(msg, "did not find expected ',' or ']'"):
		hint = " in the list opened here: close it with ']'"
	case strings.Contains(msg, "did not find expected ',' or '}'"):
		hint = " in the mapping opened here: close it with '}'"
	case strings.Contains(msg, "did not find expected key"):
		hint = " in the mapping that starts here: check the indentation of its lines"
	case strings.Contains(msg, "did not find expected '-' indicator"):
		hint = " in the list that starts here: check the indentation of its items"
	}
	return &SyntaxError{Off: off, Msg: "the file is not valid YAML: " + msg + hint}
}

// yamlParserProblems are the messages of yaml.v3's parser (parserc.go), as
// opposed to its scanner's.
var yamlParserProblems = []string{
	"did not find expected ',' or ']'", "did not find expected ',' or '}'", "did not find expected '-' indicator",
	"did not find expected <document start>", "did not find expected key", "did not find expected node content",
	"found duplicate %TAG directive", "found duplicate %YAML directive", "found incompatible YAML document",
	"found undefined tag handle",
}

func isYAMLParserProblem(msg string) bool {
	for _, p := range yamlParserProblems {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

func (c *yamlConverter) lineOffset(line int) int {
	if c.lines == nil {
		// Line starts of the text parsed, as offsets into src.
		c.lines = append(make([]int, 0, 64), c.base)
		for i, b := range c.src[c.base:c.end] {
			if b == '\n' {
				c.lines = append(c.lines, c.base+i+1)
			}
		}
	}
	line -= c.skip
	if line < 1 || line > len(c.lines) {
		return c.end
	}
	return c.lines[line-1]
}

// line is the line of src where n is written.
func (c *yamlConverter) line(n *yaml.Node) int {
	if n.Line == 0 {
		return 0
	}
	return n.Line + c.skip
}

// offset returns the byte offset of a 1-based line and rune column.
func (c *yamlConverter) offset(line, col int) int {
	off, i := c.lineOffset(line), 1
	if c.at.line == line && c.at.col <= col && c.at.col > 0 {
		off, i = c.at.off, c.at.col
	}
	for ; i < col && off < len(c.src) && c.src[off] != '\n'; i++ {
		_, size := utf8.DecodeRune(c.src[off:])
		off += size
	}
	c.at.line, c.at.col, c.at.off = line, i, off
	return off
}

// pos returns the position of a node: its line and column, and how many
// characters its text spans on that line.
func (c *yamlConverter) pos(n *yaml.Node) finding.Pos {
	p := finding.Pos{Line: c.line(n), Col: n.Column}
	if n.Kind != yaml.ScalarNode || n.Line == 0 {
		if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
			p.Len = 1
		}
		return p
	}
	off := c.offset(c.line(n), n.Column)
	start := off
	if n.Style&yaml.TaggedStyle != 0 || (off < len(c.src) && c.src[off] == '!') {
		for off < len(c.src) && c.src[off] != ' ' && c.src[off] != '\n' && c.src[off] != '\t' {
			off++
		}
		for off < len(c.src) && (c.src[off] == ' ' || c.src[off] == '\t') {
			off++
		}
	}
	if off < len(c.src) && c.src[off] == '&' { // an anchor before the value
		for off < len(c.src) && c.src[off] != ' ' && c.src[off] != '\n' {
			off++
		}
		for off < len(c.src) && c.src[off] == ' ' {
			off++
		}
	}
	end := c.scalarEnd(off, n)
	p.Len = utf8.RuneCount(c.src[start:end])
	return p
}

// scalarEnd returns where the scalar written at off ends on its line. It
// reads no further than the scalar's own text: on a long line (a flow
// list) finding the line's end for every item would cost quadratic time.
func (c *yamlConverter) scalarEnd(off int, n *yaml.Node) int {
	eol := func(i int) bool { return i >= len(c.src) || c.src[i] == '\n' || c.src[i] == '\r' }
	if eol(off) {
		return off
	}
	switch c.src[off] {
	case '"':
		i := off + 1
		for ; !eol(i); i++ {
			if c.src[i] == '\\' {
				if eol(i + 1) {
					return i + 1
				}
				i++
				continue
			}
			if c.src[i] == '"' {
				return i + 1
			}
		}
		return i
	case '\'':
		i := off + 1
		for ; !eol(i); i++ {
			if c.src[i] == '\'' {
				if !eol(i+1) && c.src[i+1] == '\'' {
					i++
					continue
				}
				return i + 1
			}
		}
		return i
	case '|', '>':
		return off + 1
	}
	// A plain scalar: its text is its value's first line.
	v := n.Value
	if i := strings.IndexByte(v, '\n'); i >= 0 {
		v = v[:i]
	}
	if end := off + len(v); end <= len(c.src) && string(c.src[off:end]) == v && !bytes.ContainsAny(c.src[off:end], "\r\n") {
		return end
	}
	// Up to a comment or, in flow context, a separator.
	end := off
	for !eol(end) {
		b := c.src[end]
		if b == '#' && end > off && c.src[end-1] == ' ' {
			break
		}
		if b == ',' || b == ']' || b == '}' {
			break
		}
		end++
	}
	for end > off && c.src[end-1] == ' ' {
		end--
	}
	return end
}

func (c *yamlConverter) node(n *yaml.Node, depth int) (*finding.Node, error) {
	if depth > maxDepth {
		return nil, &SyntaxError{Off: c.offset(c.line(n), n.Column), Msg: fmt.Sprintf("values nested more than %d deep", maxDepth)}
	}
	if c.budget--; c.budget < 0 {
		msg := fmt.Sprintf("the file has more than %d values, far more than an app client configuration holds", maxYAMLNodes)
		if c.aliased {
			msg = fmt.Sprintf("the file expands to more than %d values (YAML aliases referring to aliases?)", maxYAMLNodes)
		}
		return nil, &SyntaxError{Off: c.offset(c.line(n), n.Column), Msg: msg, Bound: !c.aliased}
	}
	if n.Kind == yaml.AliasNode {
		c.aliased = true
		if n.Alias == nil {
			return &finding.Node{Kind: finding.Null, Pos: c.pos(n)}, nil
		}
		v, err := c.node(n.Alias, depth+1)
		if err != nil {
			return nil, err
		}
		// The value stands where the alias is written.
		out := *v
		out.Pos = finding.Pos{Line: c.line(n), Col: n.Column, Len: utf8.RuneCountInString(n.Value) + 1}
		return &out, nil
	}
	var v *finding.Node
	var err error
	switch n.Kind {
	case yaml.MappingNode:
		v, err = c.mapping(n, depth)
	case yaml.SequenceNode:
		v = &finding.Node{Kind: finding.Array, Pos: c.pos(n), Items: make([]*finding.Node, 0, len(n.Content))}
		for _, it := range n.Content {
			item, err := c.node(it, depth+1)
			if err != nil {
				return nil, err
			}
			v.Items = append(v.Items, item)
		}
	default:
		v = c.scalar(n)
	}
	if err != nil {
		return nil, err
	}
	if fn := intrinsicName(n.Tag); fn != "" {
		// The CloudFormation short form !Fn stands for {"Fn::Fn": value}.
		return &finding.Node{Kind: finding.Object, Pos: c.pos(n), Fields: []finding.Field{{Key: fn, KeyPos: c.pos(n), Value: v}}}, nil
	}
	return v, nil
}

// intrinsicName maps a local tag to the long-form key it abbreviates:
// "!Ref" → "Ref", "!Condition" → "Condition", "!Sub" → "Fn::Sub".
func intrinsicName(tag string) string {
	if len(tag) < 2 || tag[0] != '!' || tag[1] == '!' || strings.HasPrefix(tag, "!<") {
		return ""
	}
	switch name := tag[1:]; name {
	case "Ref", "Condition":
		return name
	default:
		return "Fn::" + name
	}
}

func (c *yamlConverter) scalar(n *yaml.Node) *finding.Node {
	p := c.pos(n)
	tag := n.ShortTag()
	if intrinsicName(n.Tag) != "" {
		tag = "!!str" // the argument of a short-form intrinsic: a name or a template
	}
	switch tag {
	case "!!null":
		return &finding.Node{Kind: finding.Null, Str: n.Value, Pos: p}
	case "!!bool":
		return &finding.Node{Kind: finding.Bool, Bool: strings.EqualFold(n.Value, "true"), Str: n.Value, Pos: p}
	case "!!int":
		s := strings.ReplaceAll(n.Value, "_", "")
		if i, err := strconv.ParseInt(s, 0, 64); err == nil {
			s = strconv.FormatInt(i, 10)
		} else if strings.HasPrefix(s, "0o") {
			if i, err := strconv.ParseInt(s[2:], 8, 64); err == nil {
				s = strconv.FormatInt(i, 10)
			}
		}
		return &finding.Node{Kind: finding.Number, Str: s, Pos: p}
	case "!!float":
		return &finding.Node{Kind: finding.Number, Str: n.Value, Pos: p}
	}
	return &finding.Node{Kind: finding.String, Str: n.Value, Pos: p}
}

func (c *yamlConverter) mapping(n *yaml.Node, depth int) (*finding.Node, error) {
	obj := &finding.Node{Kind: finding.Object, Pos: c.pos(n), Fields: make([]finding.Field, 0, len(n.Content)/2)}
	var merges []*finding.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			m, err := c.node(val, depth+1)
			if err != nil {
				return nil, err
			}
			merges = append(merges, m)
			continue
		}
		key := k.Value
		if k.Kind == yaml.AliasNode && k.Alias != nil {
			key = k.Alias.Value
		}
		v, err := c.node(val, depth+1)
		if err != nil {
			return nil, err
		}
		obj.Fields = append(obj.Fields, finding.Field{Key: key, KeyPos: c.pos(k), Value: v})
	}
	// Merge keys: explicit keys win, then earlier merged mappings.
	for _, m := range merges {
		sources := []*finding.Node{m}
		if m.Kind == finding.Array {
			sources = m.Items
		}
		for _, s := range sources {
			if s.Kind != finding.Object {
				continue
			}
			for _, f := range s.Fields {
				if obj.Get(f.Key) == nil {
					obj.Fields = append(obj.Fields, f)
				}
			}
		}
	}
	return obj, nil
}
