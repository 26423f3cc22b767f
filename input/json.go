package input

import (
	"bytes"
	"fmt"
	"strconv"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/cognitolint/cognitolint/finding"
)

// SyntaxError is a file that does not parse, at byte offset Off.
type SyntaxError struct {
	Off int
	Msg string
	// Bound is set when the file is refused for its size (more values
	// than a reader takes), not for a mistake in it.
	Bound bool
}

func (e *SyntaxError) Error() string { return e.Msg }

// maxDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxDepth = 512

// maxJSONValues bounds the values of one parse, as maxYAMLNodes does for
// YAML, so that a file of tiny values (a list of a million "A") cannot make
// a tree of hundreds of MiB: each value is a Node of about 110 bytes, and
// checks and policies add their own. Templates and plans are parsed
// selectively (only their app clients), so the bound is on the clients
// (a variable for tests).
var maxJSONValues = 1 << 18

// ParseJSON parses one JSON value (RFC 8259) into a Node tree that records
// the byte offsets of every value and key. Duplicate keys are kept, in
// order, for the decoder to report.
func ParseJSON(src []byte) (*finding.Node, error) {
	p := jsonParser{src: src, text: string(src)}
	p.borrowScratch()
	defer p.returnScratch()
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		p.i = 3 // a UTF-8 byte order mark, as some Windows editors write
	}
	p.skipSpace()
	if p.i == len(src) {
		return nil, &SyntaxError{Off: 0, Msg: "the file is empty: expected a JSON object"}
	}
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.i < len(src) {
		return nil, p.errorf("unexpected %s after the top-level value: a file holds one JSON value", p.describe())
	}
	return n, nil
}

type jsonParser struct {
	src []byte
	// text is src as one string: values without escapes are substrings of
	// it, so a parse costs one copy of the file instead of one per string.
	text string
	i    int
	// slab hands out nodes in chunks instead of one allocation each.
	slab []finding.Node
	// fields and items are scratch stacks: an object's members (a list's
	// items) collect here and are copied once into a slice of exact size.
	fields []finding.Field
	items  []*finding.Node
	sc     *scratch // where fields and items came from (ParseJSON)
	values int      // values parsed (maxJSONValues)
	// hiFields and hiItems are the most of fields and items held at once:
	// what returnScratch clears.
	hiFields, hiItems int
}

// scratch is a parser's fields and items stacks, kept between parses:
// growing them anew for every file was a tenth of what a lint allocates.
type scratch struct {
	fields []finding.Field
	items  []*finding.Node
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxScratch is the largest stack kept for the next parse (a huge list
// or object gives its stack back to the garbage collector).
const maxScratch = 4096

func (p *jsonParser) borrowScratch() {
	p.sc = scratchPool.Get().(*scratch)
	p.fields, p.items = p.sc.fields[:0], p.sc.items[:0]
}

// returnScratch gives the stacks back, cleared so that they hold no
// pointer into the parsed tree.
func (p *jsonParser) returnScratch() {
	if cap(p.fields) > maxScratch || cap(p.items) > maxScratch {
		return
	}
	clear(p.fields[:p.hiFields]) // what this parse wrote, not the whole capacity
	clear(p.items[:p.hiItems])
	p.sc.fields, p.sc.items = p.fields[:0], p.items[:0]
	scratchPool.Put(p.sc)
}

// node returns a fresh node from the slab.
func (p *jsonParser) node(kind finding.Kind, pos finding.Pos) *finding.Node {
	if len(p.slab) == cap(p.slab) {
		// The first slab holds every value a small file can have: each
		// value but the root follows a '[', a '{' or a ','. A large file's
		// nodes come in slabs of 1,024.
		n := 1024
		if p.slab == nil && len(p.src) < 64<<10 {
			n = 1 + bytes.Count(p.src, []byte{','}) + bytes.Count(p.src, []byte{'['}) + bytes.Count(p.src, []byte{'{'})
		}
		p.slab = make([]finding.Node, 0, max(n, 16))
	}
	// Fresh slab memory is zeroed: setting the non-pointer fields one by
	// one needs no write barrier, unlike copying a whole Node in.
	p.slab = p.slab[:len(p.slab)+1]
	n := &p.slab[len(p.slab)-1]
	n.Kind, n.Pos = kind, pos
	return n
}

func (p *jsonParser) errorf(format string, args ...any) error {
	return &SyntaxError{Off: p.i, Msg: fmt.Sprintf(format, args...)}
}

func (p *jsonParser) describe() string {
	if p.i >= len(p.src) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.src[p.i:])
	return strconv.QuoteRune(r)
}

func (p *jsonParser) skipSpace() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (*finding.Node, error) {
	if depth > maxDepth {
		return nil, p.errorf("values nested more than %d deep", maxDepth)
	}
	if p.values++; p.values > maxJSONValues {
		err := p.errorf("the file has more than %d values, far more than an app client configuration holds", maxJSONValues)
		err.(*SyntaxError).Bound = true
		return nil, err
	}
	if p.i >= len(p.src) {
		return nil, p.errorf("unexpected end of file: expected a value")
	}
	start := p.i
	switch c := p.src[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		n := p.node(finding.String, finding.Pos{Off: start, End: p.i})
		n.Str = s
		return n, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 't':
		return p.literal("true", finding.Bool, true)
	case c == 'f':
		return p.literal("false", finding.Bool, false)
	case c == 'n':
		return p.literal("null", finding.Null, false)
	case c == '\'':
		return nil, p.errorf("strings must use double quotes, not single quotes")
	}
	return nil, p.errorf("unexpected %s: expected a value (object, list, string, number, true, false or null)", p.describe())
}

func (p *jsonParser) literal(word string, kind finding.Kind, b bool) (*finding.Node, error) {
	start := p.i
	if len(p.src)-p.i < len(word) || string(p.src[p.i:p.i+len(word)]) != word {
		end := p.i
		for end < len(p.src) && end-p.i < 16 && isWordByte(p.src[end]) {
			end++
		}
		return nil, p.errorf("unexpected %q: expected a value (did you mean %s, or a quoted string?)", p.src[p.i:max(end, p.i+1)], word)
	}
	p.i += len(word)
	if p.i < len(p.src) && isWordByte(p.src[p.i]) {
		return nil, p.errorf("unexpected %s after %s", p.describe(), word)
	}
	n := p.node(kind, finding.Pos{Off: start, End: p.i})
	n.Bool, n.Str = b, word
	return n, nil
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

func (p *jsonParser) number() (*finding.Node, error) {
	start := p.i
	if p.src[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	intStart := p.i
	if digits() == 0 {
		return nil, p.errorf("a number needs digits after '-'")
	}
	if p.src[intStart] == '0' && p.i-intStart > 1 {
		p.i = intStart
		return nil, p.errorf("numbers may not have leading zeros")
	}
	if p.i < len(p.src) && p.src[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return nil, p.errorf("a number needs digits after '.'")
		}
	}
	if p.i < len(p.src) && (p.src[p.i] == 'e' || p.src[p.i] == 'E') {
		p.i++
		if p.i < len(p.src) && (p.src[p.i] == '+' || p.src[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return nil, p.errorf("a number needs digits in its exponent")
		}
	}
	n := p.node(finding.Number, finding.Pos{Off: start, End: p.i})
	n.Str = p.text[start:p.i]
	return n, nil
}

// strSpecial marks the bytes that end the fast scan of a string: the
// closing quote, an escape, a control character.
var strSpecial = func() (t [256]bool) {
	t['"'], t['\\'] = true, true
	for c := range 0x20 {
		t[c] = true
	}
	return t
}()

// str reads a string starting at the opening quote and returns its value.
func (p *jsonParser) str() (string, error) {
	open := p.i
	p.i++
	start := p.i
	// Fast path: no escapes.
	for p.i < len(p.src) && !strSpecial[p.src[p.i]] {
		p.i++
	}
	if p.i < len(p.src) && p.src[p.i] == '"' {
		s := p.text[start:p.i]
		p.i++
		return s, nil
	}
	buf := append([]byte(nil), p.src[start:p.i]...)
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == '"':
			p.i++
			return string(buf), nil
		case c == '\n':
			p.i = open
			return "", p.errorf("string is not closed before the end of the line")
		case c < 0x20:
			return "", p.errorf("control character %U in a string: write it as an escape (\\n, \\t, \\u%04x)", c, c)
		case c == '\\':
			if p.i+1 >= len(p.src) {
				p.i++
				return "", p.errorf("unexpected end of file in a string escape")
			}
			e := p.src[p.i+1]
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := hex4(p.src[p.i+2:])
				if !ok {
					return "", p.errorf(`invalid \u escape: it needs four hex digits`)
				}
				p.i += 6
				if utf16.IsSurrogate(r) {
					if r2, ok := hex4(p.src[min(p.i+2, len(p.src)):]); ok && p.i+1 < len(p.src) && p.src[p.i] == '\\' && p.src[p.i+1] == 'u' {
						if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
							p.i += 6
							r = d
						} else {
							r = utf8.RuneError
						}
					} else {
						r = utf8.RuneError
					}
				}
				buf = utf8.AppendRune(buf, r)
				continue
			default:
				return "", p.errorf("invalid escape %q in a string", "\\"+string(rune(e)))
			}
			p.i += 2
		default:
			buf = append(buf, c)
			p.i++
		}
	}
	p.i = open
	return "", p.errorf("string is not closed: it starts here and runs to the end of the file")
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	return r, true
}

func (p *jsonParser) object(depth int) (*finding.Node, error) {
	n := p.node(finding.Object, finding.Pos{Off: p.i})
	open := p.i
	p.i++
	p.skipSpace()
	if p.i < len(p.src) && p.src[p.i] == '}' {
		p.i++
		n.Pos.End = p.i
		return n, nil
	}
	base := len(p.fields)
	defer func() { p.fields = p.fields[:base] }()
	for {
		p.skipSpace()
		if p.i >= len(p.src) {
			p.i = open
			return nil, p.errorf("unexpected end of file: the object opened here is not closed with '}'")
		}
		if p.src[p.i] != '"' {
			if p.src[p.i] == '}' {
				return nil, p.errorf("unexpected '}': remove the trailing comma before it")
			}
			return nil, p.errorf("unexpected %s: expected a member name in double quotes", p.describe())
		}
		keyStart := p.i
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		keyPos := finding.Pos{Off: keyStart, End: p.i}
		p.skipSpace()
		if p.i >= len(p.src) || p.src[p.i] != ':' {
			return nil, p.errorf("unexpected %s: expected ':' after member name %q", p.describe(), key)
		}
		p.i++
		p.skipSpace()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		p.fields = append(p.fields, finding.Field{Key: key, KeyPos: keyPos, Value: v})
		p.hiFields = max(p.hiFields, len(p.fields))
		p.skipSpace()
		if p.i >= len(p.src) {
			p.i = open
			return nil, p.errorf("unexpected end of file: the object opened here is not closed with '}'")
		}
		switch p.src[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			n.Pos.End = p.i
			n.Fields = append(make([]finding.Field, 0, len(p.fields)-base), p.fields[base:]...)
			return n, nil
		default:
			return nil, p.errorf("unexpected %s: expected ',' or '}' after the value of %q", p.describe(), key)
		}
	}
}

func (p *jsonParser) array(depth int) (*finding.Node, error) {
	n := p.node(finding.Array, finding.Pos{Off: p.i})
	open := p.i
	p.i++
	p.skipSpace()
	if p.i < len(p.src) && p.src[p.i] == ']' {
		p.i++
		n.Pos.End = p.i
		n.Items = []*finding.Node{}
		return n, nil
	}
	base := len(p.items)
	defer func() { p.items = p.items[:base] }()
	for {
		p.skipSpace()
		if p.i < len(p.src) && p.src[p.i] == ']' {
			return nil, p.errorf("unexpected ']': remove the trailing comma before it")
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		p.items = append(p.items, v)
		p.hiItems = max(p.hiItems, len(p.items))
		p.skipSpace()
		if p.i >= len(p.src) {
			p.i = open
			return nil, p.errorf("unexpected end of file: the list opened here is not closed with ']'")
		}
		switch p.src[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			n.Pos.End = p.i
			n.Items = append(make([]*finding.Node, 0, len(p.items)-base), p.items[base:]...)
			return n, nil
		default:
			return nil, p.errorf("unexpected %s: expected ',' or ']' in a list", p.describe())
		}
	}
}
