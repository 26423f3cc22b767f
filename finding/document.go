package finding

import (
	"bytes"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Kind is the type of a Node.
type Kind uint8

// Node kinds. Unknown is a value no reader can know before deploy time: a
// CloudFormation intrinsic, a Terraform reference or a value known after
// apply. A rule never fires on an unknown value.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
	Unknown
)

// String names the kind as messages say it.
func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "a boolean"
	case Number:
		return "a number"
	case String:
		return "a string"
	case Array:
		return "a list"
	case Object:
		return "an object"
	case Unknown:
		return "an unknown value"
	}
	return "a value"
}

// Pos is where a value is written. Readers that know line and column
// (YAML, HCL) set Line and Col; the JSON reader sets only byte offsets into
// the source, and Source.Position computes line and column when a finding
// needs them.
type Pos struct {
	Off, End  int // byte offsets [Off, End) into Source; End 0 if unknown
	Line, Col int // 1-based; 0 when computed from Off
	Len       int // characters the value spans on its line, when Line is set
}

// Node is one value of a document, in the API's shape.
type Node struct {
	Kind   Kind
	Bool   bool   // beside Kind: a document may hold millions of nodes
	Str    string // a String's value, a Number's literal, an Unknown's source text
	Items  []*Node
	Fields []Field // an Object's members in source order
	Pos    Pos
}

// Field is one member of an Object.
type Field struct {
	Key    string
	KeyPos Pos
	Value  *Node
}

// Get returns the value of the object member named key, or nil. A key
// written twice gives its first value (readers of templates rely on it);
// Document.Lookup gives the last, the value that takes effect.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Object {
		return nil
	}
	for i := range n.Fields {
		if n.Fields[i].Key == key {
			return n.Fields[i].Value
		}
	}
	return nil
}

// AddSecret records a secret value found while checking a document, and
// the byte range [from, to) where it is written (to <= from: none), so that
// no line shown and no message shows it. Safe for concurrent use.
func (s *Source) AddSecret(value string, from, to int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !slices.Contains(s.Secrets, value) {
		s.Secrets = append(s.Secrets, value)
	}
	if r := [2]int{from, to}; to > from && !slices.Contains(s.Redact, r) {
		s.Redact = append(s.Redact, r)
	}
}

// SecretValues returns a copy of the secret values recorded so far. Safe
// for concurrent use with AddSecret.
func (s *Source) SecretValues() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.Secrets)
}

// Source is the text of one input file. The documents of one file are
// checked concurrently (the clients of a template), so what is built on
// first use, and the secrets rules add, are guarded by mu; readers fill
// Redact and Secrets before the file's documents are checked.
type Source struct {
	Name  string
	Text  []byte
	mu    sync.Mutex
	lines []int // offsets of line starts, built on first use
	// marks are rune-count checkpoints of long lines, by line index, built
	// on first use: a column is then counted from the nearest checkpoint,
	// not from the line start, so that many findings on one long line (a
	// minified file) cost O(line) once instead of once per finding.
	marks map[int][]mark
	// Redact holds byte ranges (secret values) that are replaced by "****"
	// wherever a line of the source is shown.
	Redact [][2]int
	sorted int // how many of Redact were sorted last (Line sorts once)
	// Secrets are secret values to replace wherever they appear in a line
	// (readers that know no byte offsets rely on this).
	Secrets []string
}

// mark is a checkpoint of a long line: byte offset off starts the rune
// after col runes of the line.
type mark struct{ off, col int }

// markEvery is the distance in bytes between the checkpoints of a line.
const markEvery = 1024

func (s *Source) lineStarts() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lines == nil {
		s.lines = append(make([]int, 0, 64), 0)
		for i := 0; ; {
			nl := bytes.IndexByte(s.Text[i:], '\n')
			if nl < 0 {
				break
			}
			i += nl + 1
			s.lines = append(s.lines, i)
		}
	}
	return s.lines
}

// Position returns the 1-based line and column (in characters) of byte
// offset off, and how many characters of that line [off, end) covers.
func (s *Source) Position(off, end int) (line, col, length int) {
	if s == nil || off < 0 || off > len(s.Text) {
		return 0, 0, 0
	}
	ls := s.lineStarts()
	i := sort.Search(len(ls), func(i int) bool { return ls[i] > off }) - 1
	from, col := ls[i], 1
	if off-from > 2*markEvery {
		m := s.lineMarks(i)
		if k := sort.Search(len(m), func(k int) bool { return m[k].off > off }) - 1; k >= 0 {
			from, col = m[k].off, m[k].col+1
		}
	}
	col += utf8.RuneCount(s.Text[from:off])
	if end > off && end <= len(s.Text) {
		seg := s.Text[off:end]
		if nl := bytes.IndexByte(seg, '\n'); nl >= 0 {
			seg = seg[:nl]
		}
		length = utf8.RuneCount(seg)
	}
	return i + 1, col, length
}

// lineMarks returns the checkpoints of line index i, decoding the line
// as utf8.RuneCount does (an invalid byte is one rune), so that counting
// from a checkpoint gives the same column as counting from the line start.
func (s *Source) lineMarks(i int) []mark {
	ls := s.lineStarts()
	s.mu.Lock()
	defer s.mu.Unlock()
	if m, ok := s.marks[i]; ok {
		return m
	}
	end := len(s.Text)
	if i+1 < len(ls) {
		end = ls[i+1]
	}
	var m []mark
	next := ls[i] + markEvery
	col := 0
	for off := ls[i]; off < end; col++ {
		if off >= next {
			m = append(m, mark{off, col})
			next = off + markEvery
		}
		if c := s.Text[off]; c < utf8.RuneSelf {
			off++
			continue
		}
		_, size := utf8.DecodeRune(s.Text[off:end])
		off += size
	}
	if s.marks == nil {
		s.marks = map[int][]mark{}
	}
	s.marks[i] = m
	return m
}

// Line returns line n (1-based) without its newline, with secret values
// replaced by "****", and false if there is no such line.
func (s *Source) Line(n int) (string, bool) {
	if s == nil || n < 1 {
		return "", false
	}
	ls := s.lineStarts()
	if n > len(ls) {
		return "", false
	}
	start := ls[n-1]
	end := len(s.Text)
	if n < len(ls) {
		end = ls[n] - 1
	}
	line := s.Text[start:end]
	line = bytes.TrimSuffix(line, []byte("\r"))
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.Redact) == 0 {
		return s.redactStrings(string(line)), true
	}
	var b strings.Builder
	last := start
	if s.sorted != len(s.Redact) {
		sort.Slice(s.Redact, func(i, j int) bool { return s.Redact[i][0] < s.Redact[j][0] })
		s.sorted = len(s.Redact)
	}
	// The ranges that may touch the line: those starting before its end.
	k := sort.Search(len(s.Redact), func(k int) bool { return s.Redact[k][0] >= start+len(line) })
	for _, r := range s.Redact[:k] {
		if r[1] <= start || r[0] >= start+len(line) {
			continue
		}
		from, to := max(r[0], start), min(r[1], start+len(line))
		if from < last {
			// Overlapping ranges: cover the union.
			if to > last {
				last = to
			}
			continue
		}
		b.Write(s.Text[last:from])
		b.WriteString("****")
		last = to
	}
	if last < start+len(line) {
		b.Write(s.Text[last : start+len(line)])
	}
	return s.redactStrings(b.String()), true
}

func (s *Source) redactStrings(line string) string {
	for _, sec := range s.Secrets {
		if len(sec) >= 4 {
			line = strings.ReplaceAll(line, sec, "****")
		}
	}
	return line
}

// Document is one app client configuration: what one API payload, one
// CloudFormation resource or one Terraform resource says.
type Document struct {
	File      string // as given by the user
	Format    string // "api", "cloudformation", "terraform-plan", "terraform"
	Operation string // "update", "create", "describe"
	Resource  string // CloudFormation logical ID or Terraform address; "" for API JSON
	Root      *Node  // the configuration object, in API shape
	Source    *Source
	// At is where findings about the document as a whole go (a missing
	// required member): the opening of its object or its resource.
	At Pos
	// Unknown lists the paths whose values are unknown, in order.
	Unknown []string
	// Secrets are values (ClientSecret) that no output may show.
	Secrets []string
	// Declared is what the same configuration (template, Serverless file,
	// Terraform configuration) declares beside the client about its pool;
	// nil when nothing resolves. The pool-context rules use it where no
	// context file gives that part.
	Declared *Declared
	// Metadata is a CloudFormation resource's Metadata, where suppressions
	// are written (Metadata: {cognitolint: {ignore: [{rule, reason}]}});
	// nil for other formats or when absent.
	Metadata *Node

	unknown  *PathSet // index of Unknown
	unknownN int      // how many of Unknown it holds
}

// Declared is context a reader resolved from the configuration the client
// is written in: the client's user pool (a !Ref, GetAtt or
// aws_cognito_user_pool.x.id that names a pool declared there), that pool's
// identity providers and resource servers. A nil part is unknown: not
// declared there, or not resolvable; the rules then do not use it. A
// non-nil empty slice says "declared, and there are none".
type Declared struct {
	// Pool is the pool's schema and tier, when the pool is declared in the
	// same configuration and its schema resolves.
	Pool *DeclaredPool
	// IdentityProviders are the provider names of every identity provider
	// declared for the same pool, when all of them resolve.
	IdentityProviders []string
	// ResourceServers are the resource servers declared for the same
	// pool, when all of them resolve.
	ResourceServers []DeclaredResourceServer
}

// DeclaredPool is a pool declared beside the client.
type DeclaredPool struct {
	// Attributes are the pool's schema attributes: standard ones by name,
	// custom ones as "custom:<name>" (developer-only "dev:custom:<name>").
	Attributes []DeclaredAttribute
	// Tier is LITE, ESSENTIALS or PLUS; "" when not given or unknown.
	Tier string
}

// DeclaredAttribute is one schema attribute of a declared pool.
type DeclaredAttribute struct {
	Name     string
	Required bool
	Mutable  *bool
}

// DeclaredResourceServer is one resource server of a declared pool.
type DeclaredResourceServer struct {
	Identifier string
	Scopes     []string // scope names, without the identifier
}

// Position resolves p to line, column and length.
func (d *Document) Position(p Pos) (line, col, length int) {
	if p.Line > 0 {
		return p.Line, p.Col, p.Len
	}
	if d.Source == nil || (p.Off == 0 && p.End == 0) {
		return 0, 0, 0
	}
	return d.Source.Position(p.Off, p.End)
}

// Lookup returns the node at path ("CallbackURLs[1]",
// "TokenValidityUnits.AccessToken"), or nil. For an object member it also
// returns the position of the member's key.
func (d *Document) Lookup(path string) (node *Node, key *Pos) {
	n := d.Root
	for path != "" && n != nil {
		if path[0] == '[' {
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return nil, nil
			}
			i, err := strconv.Atoi(path[1:end])
			if err != nil || n.Kind != Array || i < 0 || i >= len(n.Items) {
				return nil, nil
			}
			n, key, path = n.Items[i], nil, path[end+1:]
			path = strings.TrimPrefix(path, ".")
			continue
		}
		end := strings.IndexAny(path, ".[")
		name := path
		if end >= 0 {
			name, path = path[:end], path[end:]
			path = strings.TrimPrefix(path, ".")
		} else {
			path = ""
		}
		if n.Kind != Object {
			return nil, nil
		}
		var next *Node
		for i := len(n.Fields) - 1; i >= 0; i-- { // the last of a duplicated key takes effect
			if n.Fields[i].Key == name {
				next, key = n.Fields[i].Value, &n.Fields[i].KeyPos
				break
			}
		}
		n = next
	}
	return n, key
}

// PositionOf returns where path is written: the value, or for a path that
// is not in the document the nearest enclosing value that is, or the
// document's own position.
func (d *Document) PositionOf(path string) (line, col, length int) {
	for {
		if n, _ := d.Lookup(path); n != nil {
			if l, c, ln := d.Position(n.Pos); l > 0 {
				return l, c, ln
			}
		}
		if path == "" {
			l, c, _ := d.Position(d.At)
			return l, c, 0
		}
		path = Parent(path)
	}
}

// KeyPositionOf returns where the key of the member at path is written,
// falling back to PositionOf.
func (d *Document) KeyPositionOf(path string) (line, col, length int) {
	if n, k := d.Lookup(path); n != nil && k != nil {
		if l, c, ln := d.Position(*k); l > 0 {
			return l, c, ln
		}
	}
	return d.PositionOf(path)
}

// Parent returns the path that contains path: "A.B[2]" → "A.B" → "A" → "".
func Parent(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// IsUnknown reports whether the value at path, or a value that contains it,
// is unknown.
func (d *Document) IsUnknown(path string) bool {
	return d.unknownSet().Covers(path)
}

// HasUnknown reports whether the value at path is unknown or holds an
// unknown value anywhere inside it (a list with one unknown element).
func (d *Document) HasUnknown(path string) bool {
	return d.unknownSet().Overlaps(path)
}

// AddUnknown adds path to Unknown unless it is there already.
func (d *Document) AddUnknown(path string) {
	if d.unknownSet().Add(path) {
		d.Unknown = append(d.Unknown, path)
		d.unknownN = len(d.Unknown)
	}
}

// unknownSet is the index of Unknown, brought up to date with what
// readers appended since it was last used.
func (d *Document) unknownSet() *PathSet {
	if d.unknown == nil || len(d.Unknown) < d.unknownN {
		d.unknown, d.unknownN = &PathSet{}, 0
	}
	for _, p := range d.Unknown[d.unknownN:] {
		d.unknown.Add(p)
	}
	d.unknownN = len(d.Unknown)
	return d.unknown
}

// PathSet is a set of paths that answers whether a path lies in one of
// them, or holds one, in time proportional to the path's length — not to
// the size of the set (a list of 100,000 unknown elements). The elements of
// a list ("L[7]") are kept as bits of the list's own set, not as strings:
// a million bad elements of one list cost a bit each.
type PathSet struct {
	exact map[string]bool
	holds map[string]bool     // every proper container of a member
	items map[string]*indexes // per list, the indexes of its elements in the set
	n     int                 // members
}

// indexes is a set of list indexes, as bits.
type indexes []uint64

// maxIndex bounds the indexes kept as bits (2 MiB for one list); a larger
// one, which no list of a file of a reasonable size reaches, is kept as a
// string.
const maxIndex = 1 << 24

// NewPathSet returns the set of paths.
func NewPathSet(paths []string) *PathSet {
	s := &PathSet{}
	for _, p := range paths {
		s.Add(p)
	}
	return s
}

// Add adds path and reports whether it was new.
func (s *PathSet) Add(path string) bool {
	if list, i, ok := splitIndex(path); ok {
		return s.AddIndex(list, i)
	}
	if s.exact[path] {
		return false
	}
	if s.exact == nil {
		s.exact = map[string]bool{}
	}
	s.exact[path] = true
	s.n++
	if path != "" {
		s.hold(Parent(path))
	}
	return true
}

// AddIndex adds element i of the list at path list (list + "[i]") without
// building its path, and reports whether it was new.
func (s *PathSet) AddIndex(list string, i int) bool {
	if i < 0 || i >= maxIndex {
		return s.Add(list + "[" + strconv.Itoa(i) + "]")
	}
	if s.items == nil {
		s.items = map[string]*indexes{}
	}
	x := s.items[list]
	if x == nil {
		x = new(indexes)
		s.items[list] = x
		s.hold(list)
	}
	w, bit := i/64, uint64(1)<<(i%64)
	if w >= len(*x) {
		*x = append(*x, make(indexes, w+1-len(*x))...)
	}
	if (*x)[w]&bit != 0 {
		return false
	}
	(*x)[w] |= bit
	s.n++
	return true
}

// hold records that q and every path containing it hold a member.
func (s *PathSet) hold(q string) {
	if s.holds == nil {
		s.holds = map[string]bool{}
	}
	for !s.holds[q] { // q's containers were added with it
		s.holds[q] = true
		if q == "" {
			break
		}
		q = Parent(q)
	}
}

// has reports whether path is a member.
func (s *PathSet) has(path string) bool {
	if s.exact[path] {
		return true
	}
	if list, i, ok := splitIndex(path); ok {
		return s.hasIndex(list, i)
	}
	return false
}

// hasIndex reports whether element i (< maxIndex) of the list at path list
// is a member, kept as a bit.
func (s *PathSet) hasIndex(list string, i int) bool {
	x := s.items[list]
	return x != nil && i/64 < len(*x) && (*x)[i/64]&(uint64(1)<<(i%64)) != 0
}

// splitIndex splits a path that ends in an index written as strconv.Itoa
// writes it ("L[7]", not "L[07]") into the list's path and the index.
func splitIndex(path string) (list string, i int, ok bool) {
	if len(path) < 3 || path[len(path)-1] != ']' {
		return "", 0, false
	}
	open := strings.LastIndexByte(path, '[')
	if open < 0 {
		return "", 0, false
	}
	digits := path[open+1 : len(path)-1]
	if digits == "" || len(digits) > 1 && digits[0] == '0' || len(digits) > 8 {
		return "", 0, false
	}
	for _, c := range []byte(digits) {
		if c < '0' || c > '9' {
			return "", 0, false
		}
		i = i*10 + int(c-'0')
	}
	if i >= maxIndex {
		return "", 0, false
	}
	return path[:open], i, true
}

// Len is the number of paths in the set.
func (s *PathSet) Len() int {
	if s == nil {
		return 0
	}
	return s.n
}

// Covers reports whether path is in the set or lies inside a path that is.
func (s *PathSet) Covers(path string) bool {
	if s == nil || s.n == 0 {
		return false
	}
	for q := path; ; q = Parent(q) {
		if s.has(q) {
			return true
		}
		if q == "" {
			return false
		}
	}
}

// CoversIndex is Covers of element i of the list at path list, without
// building the element's path.
func (s *PathSet) CoversIndex(list string, i int) bool {
	if s == nil || s.n == 0 {
		return false
	}
	if i < 0 || i >= maxIndex {
		return s.Covers(list + "[" + strconv.Itoa(i) + "]")
	}
	return s.hasIndex(list, i) || s.Covers(list)
}

// Overlaps reports whether path overlaps a path of the set: one of them
// contains the other, or they are equal.
func (s *PathSet) Overlaps(path string) bool {
	return s.Covers(path) || s != nil && s.holds[path]
}

// Overlaps reports whether one of two paths contains the other (or they
// are equal): "CallbackURLs" and "CallbackURLs[1]" overlap.
func Overlaps(a, b string) bool {
	return a == b || within(a, b) || within(b, a)
}

// within reports whether path lies strictly inside outer.
func within(path, outer string) bool {
	if outer == "" {
		return path != ""
	}
	return len(path) > len(outer) && strings.HasPrefix(path, outer) &&
		(path[len(outer)] == '.' || path[len(outer)] == '[')
}
