package input

import (
	"bytes"
	"encoding/binary"
	"math/bits"

	"github.com/cognitolint/cognitolint/finding"
)

// The selective JSON reader: a CloudFormation/CDK template or a Terraform
// plan of thousands of lines holds a few app clients, and building a Node
// for every value of it costs far more than linting them. readJSONSelective
// reads such a file in one pass that validates every byte (skip) but builds
// nodes only for what readCloudFormation and readPlan look at — the app
// client resources, parsed in full from their offsets so that every
// position is the same — and a root that holds just those. Whatever it
// cannot decide that way (a syntax error anywhere, an API payload, any other
// shape) it leaves to the full parse, which then gives the same result and
// the same error message as before.

// readJSONSelective reads a template or a plan without parsing the rest of
// the file. ok is false when the full parse must read the file: it does not
// parse (the full parse reports where and why), or it is neither a
// template nor a plan.
func readJSONSelective(source *finding.Source, text []byte) (Result, bool) {
	if !bytes.Contains(text, []byte("Resources")) && !bytes.Contains(text, []byte("format_version")) {
		return Result{}, false // an API payload: nothing to gain
	}
	p := selParser{jsonParser: jsonParser{src: text}}
	if len(text) >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF {
		p.i = 3
	}
	p.skipSpace()
	if p.i >= len(text) || text[p.i] != '{' {
		return Result{}, false
	}
	if !p.top() {
		return Result{}, false
	}
	p.skipSpace()
	if p.i < len(text) {
		return Result{}, false // trailing content: the full parse reports it
	}
	switch {
	case p.keys&keyFormatVersion != 0 && p.keys&(keyPlannedValues|keyResourceChanges) != 0: // isPlan
		root, ok := p.planRoot()
		if !ok {
			return Result{}, false
		}
		return Result{Source: source, Docs: readPlanSecrets(source, root, p.secrets)}, true
	case p.keys&keyResourcesObject != 0 &&
		(p.keys&(keyTemplateVersion|keyTransform) != 0 || p.typeWithColons || p.resources == 0): // isTemplate
		root, ok := p.templateRoot()
		if !ok {
			return Result{}, false
		}
		docs, findings := readCloudFormation(source, root)
		return Result{Source: source, Docs: docs, Findings: findings}, true
	}
	return Result{}, false
}

// Top-level keys the shape depends on (the first occurrence of a key is
// the one Node.Get finds).
const (
	keyFormatVersion = 1 << iota
	keyPlannedValues
	keyResourceChanges
	keyTemplateVersion
	keyTransform
	keyResources
	keyResourcesObject     // the first Resources is an object
	keyPlannedValuesObject // the first planned_values is an object
	keyResourceChangesList // the first resource_changes is an array
)

// selParser is a jsonParser that validates without building, but for what
// the caller asks for.
type selParser struct {
	jsonParser
	keys int
	// secrets are the client_secret string values of the whole file, in
	// document order, as planSecrets finds them in the full tree.
	secrets []secretAt

	rootPos finding.Pos
	built   int                     // values parsed in full (maxJSONValues)
	open    [maxDepth/64 + 2]uint64 // skip's stack of open containers
	keyOff  int                     // of the member members() is calling f for
	// Template: the number of Resources entries, whether one has a Type
	// string with "::", and the app client entries.
	resources      int
	typeWithColons bool
	cfnClients     []entry
	// Plan: the planned_values root module and the resource_changes
	// entries.
	rootModule *finding.Node
	changes    []change
}

// entry is an object member recorded by offset: its key and value.
type entry struct {
	keyOff, valOff, valEnd, depth int
	client                        bool // an app client resource
}

// change is a resource_changes entry: readPlan needs the app client ones
// and those whose address is a planned app client's.
type change struct {
	off     int
	end     int
	address []byte // nil if "address" is not a string
	client  bool
}

// top reads the root object (at p.i), validating it whole.
func (p *selParser) top() bool {
	p.rootPos.Off = p.i
	ok := p.members(0, func(key []byte) bool {
		bit := 0
		switch string(key) {
		case "format_version":
			bit = keyFormatVersion
		case "planned_values":
			bit = keyPlannedValues
		case "resource_changes":
			bit = keyResourceChanges
		case "AWSTemplateFormatVersion":
			bit = keyTemplateVersion
		case "Transform":
			bit = keyTransform
		case "Resources":
			bit = keyResources
		}
		first := bit != 0 && p.keys&bit == 0
		p.keys |= bit
		if !first || p.i >= len(p.src) {
			return p.skip(1)
		}
		c := p.src[p.i]
		switch {
		case bit == keyResources && c == '{':
			p.keys |= keyResourcesObject
			return p.cfnResources()
		case bit == keyPlannedValues && c == '{':
			p.keys |= keyPlannedValuesObject
			return p.plannedValues()
		case bit == keyResourceChanges && c == '[':
			p.keys |= keyResourceChangesList
			return p.resourceChanges()
		}
		return p.skip(1)
	})
	p.rootPos.End = p.i
	return ok
}

// cfnResources reads the Resources object (depth 1): the Type of every
// entry, and where the app clients are.
func (p *selParser) cfnResources() bool {
	return p.members(1, func([]byte) bool {
		p.resources++
		keyOff := p.keyOff
		if p.src[p.i] != '{' {
			return p.skip(2) // not a resource: Get("Type") is nil
		}
		valOff := p.i
		seenType := false
		var typ []byte
		isString := false
		ok := p.members(2, func(key []byte) bool {
			if seenType || string(key) != "Type" {
				return p.skip(3)
			}
			seenType = true
			if p.src[p.i] != '"' {
				return p.skip(3)
			}
			var ok bool
			typ, ok = p.rawString()
			isString = true
			return ok
		})
		if !ok {
			return false
		}
		if isString {
			if bytes.Contains(typ, []byte("::")) {
				p.typeWithColons = true
			}
			switch string(typ) { // the clients, and what declaredContext reads
			case cfnClientType, cfnPoolType, cfnIdentityProvider, cfnResourceServerType:
				p.cfnClients = append(p.cfnClients, entry{keyOff: keyOff, valOff: valOff, valEnd: p.i, depth: 2, client: string(typ) == cfnClientType})
			}
		}
		return true
	})
}

// templateRoot is the template with only its app client resources (and
// the pools, identity providers and resource servers declaredContext reads), each
// parsed in full.
func (p *selParser) templateRoot() (*finding.Node, bool) {
	res := &finding.Node{Kind: finding.Object, Fields: make([]finding.Field, 0, min(len(p.cfnClients), 2*MaxDocuments))}
	var clients clientKeys
	for _, e := range p.cfnClients {
		if e.client {
			key, _, ok := stringAt(p.src, e.keyOff)
			if !ok {
				return nil, false
			}
			if clients.skip(key) {
				continue
			}
		}
		f, ok := p.field(e)
		if !ok {
			return nil, false
		}
		res.Fields = append(res.Fields, f)
	}
	return &finding.Node{Kind: finding.Object, Pos: p.rootPos,
		Fields: []finding.Field{{Key: "Resources", Value: res}}}, true
}

// field parses a recorded member in full.
func (p *selParser) field(e entry) (finding.Field, bool) {
	key, keyEnd, ok := stringAt(p.src, e.keyOff)
	if !ok {
		return finding.Field{}, false
	}
	keyPos := finding.Pos{Off: e.keyOff, End: keyEnd}
	v, ok := p.fullAt(e.valOff, e.valEnd, e.depth)
	return finding.Field{Key: key, KeyPos: keyPos, Value: v}, ok
}

// fullAt parses the value at src[off:end] in full, as the full parse does
// (at depth): on its own bytes, so that the parser copies only those, with
// every position then moved to the file's.
func (p *selParser) fullAt(off, end, depth int) (*finding.Node, bool) {
	window := p.src[off:end]
	// The values of every part parsed count against one file's limit.
	q := jsonParser{src: window, text: string(window), values: p.built}
	n, err := q.value(depth)
	p.built = q.values
	if err != nil || q.i != len(window) {
		return nil, false
	}
	shift(n, off)
	return n, true
}

// shift moves every position of a tree by off bytes.
func shift(n *finding.Node, off int) {
	n.Pos.Off += off
	n.Pos.End += off
	for i := range n.Fields {
		f := &n.Fields[i]
		f.KeyPos.Off += off
		f.KeyPos.End += off
		shift(f.Value, off)
	}
	for _, it := range n.Items {
		shift(it, off)
	}
}

// stringAt decodes the string whose opening quote is src[start] and
// returns it and the offset after its closing quote.
func stringAt(src []byte, start int) (string, int, bool) {
	end, escaped, ok := scanString(src, start)
	if !ok {
		return "", end, false
	}
	if !escaped {
		return string(src[start+1 : end-1]), end, true
	}
	window := src[start:end]
	q := jsonParser{src: window, text: string(window)}
	s, err := q.str()
	return s, end, err == nil && q.i == len(window)
}

// plannedValues reads planned_values (depth 1): its root module.
func (p *selParser) plannedValues() bool {
	seen := false
	return p.members(1, func(key []byte) bool {
		if seen || string(key) != "root_module" || p.src[p.i] != '{' {
			seen = seen || string(key) == "root_module"
			return p.skip(2)
		}
		seen = true
		m, ok := p.module(2)
		p.rootModule = m
		return ok
	})
}

// module reads a module object at depth: its app client resources, each
// parsed in full, and its child modules. The node holds only those.
func (p *selParser) module(depth int) (*finding.Node, bool) {
	m := &finding.Node{Kind: finding.Object}
	var seenResources, seenChildren bool
	ok := p.members(depth, func(key []byte) bool {
		switch {
		case string(key) == "resources" && !seenResources:
			seenResources = true
			if p.src[p.i] != '[' {
				return p.skip(depth + 1)
			}
			rs := &finding.Node{Kind: finding.Array}
			m.Fields = append(m.Fields, finding.Field{Key: "resources", Value: rs})
			return p.items(depth+1, func() bool {
				if p.src[p.i] != '{' {
					return p.skip(depth + 2) // module() ignores it
				}
				off := p.i
				client, _, ok := p.resourceHead(depth + 2)
				if !ok {
					return false
				}
				if client {
					r, ok := p.fullAt(off, p.i, depth+2)
					if !ok {
						return false
					}
					rs.Items = append(rs.Items, r)
				}
				return true
			})
		case string(key) == "child_modules" && !seenChildren:
			seenChildren = true
			if p.src[p.i] != '[' {
				return p.skip(depth + 1)
			}
			cms := &finding.Node{Kind: finding.Array}
			m.Fields = append(m.Fields, finding.Field{Key: "child_modules", Value: cms})
			return p.items(depth+1, func() bool {
				if p.src[p.i] != '{' {
					return p.skip(depth + 2) // module() ignores it
				}
				cm, ok := p.module(depth + 2)
				cms.Items = append(cms.Items, cm)
				return ok
			})
		}
		return p.skip(depth + 1)
	})
	return m, ok
}

// resourceHead reads a resource object (a planned_values resource or a
// resource_changes entry) at depth: whether its first "type" names an app
// client type, and its first "address" if that is a string.
func (p *selParser) resourceHead(depth int) (client bool, address []byte, ok bool) {
	var seenType, seenAddress bool
	ok = p.members(depth, func(key []byte) bool {
		switch {
		case string(key) == "type" && !seenType:
			seenType = true
			if p.src[p.i] == '"' {
				t, ok := p.rawString()
				client = tfClientTypes[string(t)]
				return ok
			}
		case string(key) == "address" && !seenAddress:
			seenAddress = true
			if p.src[p.i] == '"' {
				var ok bool
				address, ok = p.rawString()
				return ok
			}
		}
		return p.skip(depth + 1)
	})
	return client, address, ok
}

// resourceChanges reads resource_changes (depth 1): where each entry is,
// its address and whether it is an app client.
func (p *selParser) resourceChanges() bool {
	return p.items(1, func() bool {
		if p.src[p.i] != '{' {
			return p.skip(2) // readPlan ignores it
		}
		off := p.i
		client, address, ok := p.resourceHead(2)
		p.changes = append(p.changes, change{off: off, end: p.i, address: address, client: client})
		return ok
	})
}

// planRoot is the plan with only what readPlan reads: the app client
// resources of the planned values, and the resource changes of app
// clients or of their addresses, each parsed in full.
func (p *selParser) planRoot() (*finding.Node, bool) {
	root := &finding.Node{Kind: finding.Object, Pos: p.rootPos}
	var planned [][]byte
	if p.keys&keyPlannedValuesObject != 0 {
		pv := &finding.Node{Kind: finding.Object}
		if p.rootModule != nil {
			pv.Fields = []finding.Field{{Key: "root_module", Value: p.rootModule}}
			planned = plannedAddresses(p.rootModule, planned)
		}
		root.Fields = append(root.Fields, finding.Field{Key: "planned_values", Value: pv})
	}
	if p.keys&keyResourceChangesList != 0 {
		rc := &finding.Node{Kind: finding.Array}
		for _, c := range p.changes {
			if !c.client && !containsBytes(planned, c.address) {
				continue
			}
			n, ok := p.fullAt(c.off, c.end, 2)
			if !ok {
				return nil, false
			}
			rc.Items = append(rc.Items, n)
		}
		root.Fields = append(root.Fields, finding.Field{Key: "resource_changes", Value: rc})
	}
	return root, true
}

// plannedAddresses lists the non-empty addresses of the resources of a
// module node built by module(), as readPlan looks them up.
func plannedAddresses(m *finding.Node, out [][]byte) [][]byte {
	for _, f := range m.Fields {
		for _, it := range f.Value.Items {
			if f.Key == "resources" {
				if a := str(it.Get("address")); a != "" {
					out = append(out, []byte(a))
				}
			} else {
				out = plannedAddresses(it, out)
			}
		}
	}
	return out
}

func containsBytes(l [][]byte, b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, x := range l {
		if bytes.Equal(x, b) {
			return true
		}
	}
	return false
}

// members reads the object at p.i (a value at depth), calling f for every
// member with its key (decoded) and p.i at the value; f reads the value.
// A client_secret string is recorded first. p.keyOff is the offset of the
// member's key while f runs.
func (p *selParser) members(depth int, f func(key []byte) bool) bool {
	if depth > maxDepth {
		return false
	}
	src := p.src
	p.i++
	p.skipSpace()
	if p.i < len(src) && src[p.i] == '}' {
		p.i++
		return true
	}
	for {
		p.skipSpace()
		if p.i >= len(src) || src[p.i] != '"' {
			return false
		}
		keyOff := p.i
		key, ok := p.rawString()
		if !ok {
			return false
		}
		p.skipSpace()
		if p.i >= len(src) || src[p.i] != ':' {
			return false
		}
		p.i++
		p.skipSpace()
		if p.i >= len(src) {
			return false
		}
		if depth+1 > maxDepth {
			return false // value() rejects the member's value
		}
		if string(key) == "client_secret" && src[p.i] == '"' {
			at := p.i
			if !p.secret() {
				return false
			}
			p.i = at
		}
		p.keyOff = keyOff
		if !f(key) {
			return false
		}
		p.skipSpace()
		if p.i >= len(src) {
			return false
		}
		switch src[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			return true
		default:
			return false
		}
	}
}

// items reads the array at p.i (a value at depth), calling f with p.i at
// each element; f reads it.
func (p *selParser) items(depth int, f func() bool) bool {
	if depth > maxDepth {
		return false
	}
	src := p.src
	p.i++
	p.skipSpace()
	if p.i < len(src) && src[p.i] == ']' {
		p.i++
		return true
	}
	for {
		p.skipSpace()
		if p.i >= len(src) || depth+1 > maxDepth {
			return false
		}
		if !f() {
			return false
		}
		p.skipSpace()
		if p.i >= len(src) {
			return false
		}
		switch src[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return true
		default:
			return false
		}
	}
}

// rawString reads the string at p.i and returns its value: the bytes of
// the file when it has no escape, else decoded.
func (p *selParser) rawString() ([]byte, bool) {
	start := p.i
	end, escaped, ok := scanString(p.src, start)
	if !ok {
		return nil, false
	}
	if !escaped {
		p.i = end
		return p.src[start+1 : end-1], true
	}
	s, end, ok := stringAt(p.src, start)
	p.i = end
	return []byte(s), ok
}

// secret records the client_secret string value at p.i.
func (p *selParser) secret() bool {
	start := p.i
	s, end, ok := stringAt(p.src, start)
	if !ok {
		return false
	}
	p.i = end
	if s != "" {
		p.secrets = append(p.secrets, secretAt{s, finding.Pos{Off: start, End: p.i}})
	}
	return true
}

// skip reads the value at p.i (at depth) without building it, and reports
// whether ParseJSON would accept it: it follows exactly the same grammar —
// RFC 8259, a value no deeper than maxDepth, "true"/"false"/"null" not
// followed by a letter or digit — but leaves the error message to the
// full parse. client_secret strings inside it are recorded.
func (p *selParser) skip(depth int) bool {
	if depth > maxDepth {
		return false
	}
	src, i := p.src, p.i
	// level is the number of containers open inside the value; obj is
	// whether the innermost is an object, and p.open[l] whether the one at
	// level l is (bit set).
	level, obj := 0, false
value:
	if i >= len(src) {
		return false
	}
	switch src[i] {
	case '{':
		i = skipWS(src, i+1)
		if i < len(src) && src[i] == '}' {
			i++
			goto end
		}
		if depth+level+1 > maxDepth {
			return false // value() rejects its first member's value
		}
		if obj {
			p.open[level>>6] |= 1 << (level & 63)
		} else {
			p.open[level>>6] &^= 1 << (level & 63)
		}
		level, obj = level+1, true
		goto member
	case '[':
		i = skipWS(src, i+1)
		if i < len(src) && src[i] == ']' {
			i++
			goto end
		}
		if depth+level+1 > maxDepth {
			return false
		}
		if obj {
			p.open[level>>6] |= 1 << (level & 63)
		} else {
			p.open[level>>6] &^= 1 << (level & 63)
		}
		level, obj = level+1, false
		goto value
	case '"':
		var ok bool
		if i, _, ok = scanString(src, i); !ok {
			return false
		}
		goto end
	case 't':
		if len(src)-i < 4 || string(src[i:i+4]) != "true" {
			return false
		}
		i += 4
	case 'f':
		if len(src)-i < 5 || string(src[i:i+5]) != "false" {
			return false
		}
		i += 5
	case 'n':
		if len(src)-i < 4 || string(src[i:i+4]) != "null" {
			return false
		}
		i += 4
	default:
		var ok bool
		if i, ok = scanNumber(src, i); !ok {
			return false
		}
		goto end
	}
	if i < len(src) && isWordByte(src[i]) {
		return false // "truex"
	}
	goto end
member:
	if i >= len(src) || src[i] != '"' {
		return false
	}
	{
		keyStart := i
		end, escaped, ok := scanString(src, i)
		if !ok {
			return false
		}
		i = skipWS(src, end)
		if i >= len(src) || src[i] != ':' {
			return false
		}
		i = skipWS(src, i+1)
		if i < len(src) && src[i] == '"' && isSecretKey(p, keyStart, end, escaped) {
			p.i = i
			if !p.secret() {
				return false
			}
			i = p.i
			goto end
		}
	}
	goto value
end:
	if level == 0 {
		p.i = i
		return true
	}
	i = skipWS(src, i)
	if i >= len(src) {
		return false
	}
	if obj {
		switch src[i] {
		case ',':
			i = skipWS(src, i+1)
			goto member
		case '}':
			i++
			level--
			obj = p.open[level>>6]&(1<<(level&63)) != 0
			goto end
		}
		return false
	}
	switch src[i] {
	case ',':
		i = skipWS(src, i+1)
		goto value
	case ']':
		i++
		level--
		obj = p.open[level>>6]&(1<<(level&63)) != 0
		goto end
	}
	return false
}

// isSecretKey reports whether the key string at src[start:end] is
// "client_secret".
func isSecretKey(p *selParser, start, end int, escaped bool) bool {
	const key = `"client_secret"`
	if !escaped {
		return end-start == len(key) && string(p.src[start:end]) == key
	}
	s, _, ok := stringAt(p.src, start)
	return ok && s == key[1:len(key)-1]
}

// skipWS returns the offset of the first byte at or after i that is not
// JSON white space. Pretty-printed JSON has none, or one space (after
// ':'), or a line break and a run of spaces (indentation): eight at a
// time.
func skipWS(src []byte, i int) int {
	if i+1 < len(src) {
		if src[i] > ' ' {
			return i
		}
		if src[i] == ' ' && src[i+1] > ' ' {
			return i + 1
		}
	}
	for i < len(src) {
		switch src[i] {
		case ' ':
			for i+8 <= len(src) {
				x := binary.LittleEndian.Uint64(src[i:]) ^ (lsb * ' ')
				if x != 0 {
					i += bits.TrailingZeros64(x) >> 3
					goto next
				}
				i += 8
			}
			for i < len(src) && src[i] == ' ' {
				i++
			}
		case '\n', '\t', '\r':
			i++
		default:
			return i
		}
	next:
	}
	return i
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// scanString reads the string whose opening quote is src[i] as str does
// and returns the offset after its closing quote, whether it holds an
// escape and whether str accepts it.
func scanString(src []byte, i int) (end int, escaped, ok bool) {
	i++
	for {
		// Eight bytes at a time to the first '"', '\\' or control
		// character: the lowest flagged byte is exact (a borrow flags only
		// bytes above a true one).
		for i+16 <= len(src) {
			m0 := stringStops(binary.LittleEndian.Uint64(src[i:]))
			m1 := stringStops(binary.LittleEndian.Uint64(src[i+8:]))
			if m0|m1 != 0 {
				// The first flagged byte: of m0 (0..7), else 8 + of m1.
				t0 := bits.TrailingZeros64(m0) >> 3
				i += t0 + t0>>3*(bits.TrailingZeros64(m1)>>3)
				goto special
			}
			i += 16
		}
		if i+8 <= len(src) {
			if m := stringStops(binary.LittleEndian.Uint64(src[i:])); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				goto special
			}
			i += 8
		}
		for i < len(src) && src[i] != '"' && src[i] != '\\' && src[i] >= 0x20 {
			i++
		}
		if i >= len(src) {
			return i, escaped, false
		}
	special:
		switch c := src[i]; {
		case c == '"':
			return i + 1, escaped, true
		case c == '\\':
			escaped = true
			if i+1 >= len(src) {
				return i, escaped, false
			}
			switch src[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, ok := hex4(src[i+2:]); !ok {
					return i, escaped, false
				}
				i += 6
			default:
				return i, escaped, false
			}
		default: // a control character
			return i, escaped, false
		}
	}
}

// stringStops flags (0x80) the bytes of w (little-endian) that are '"',
// '\\' or a control character. The lowest flag is exact; a borrow may flag
// bytes above it.
func stringStops(w uint64) uint64 {
	q := w ^ (lsb * '"')
	b := w ^ (lsb * '\\')
	return ((q-lsb)&^q | (b-lsb)&^b | (w-lsb*0x20)&^w) & msb
}

// scanNumber reads the number at src[i] as number does and returns the
// offset after it and whether number accepts it.
func scanNumber(src []byte, i int) (int, bool) {
	if src[i] == '-' {
		i++
	}
	if i >= len(src) || src[i] < '0' || src[i] > '9' {
		return i, false
	}
	if src[i] == '0' {
		i++
		if i < len(src) && src[i] >= '0' && src[i] <= '9' {
			return i, false // leading zero
		}
	} else {
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
		}
	}
	if i < len(src) && src[i] == '.' {
		i++
		d := i
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
		}
		if i == d {
			return i, false
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		i++
		if i < len(src) && (src[i] == '+' || src[i] == '-') {
			i++
		}
		d := i
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
		}
		if i == d {
			return i, false
		}
	}
	return i, true
}
