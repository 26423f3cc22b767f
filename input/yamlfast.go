package input

import (
	"bytes"
	"regexp"

	"github.com/cognitolint/cognitolint/finding"
)

// clientResourcesYAML reads the app client resources of a block-style
// YAML template without parsing the rest of it, so that a template of
// thousands of lines costs about as much as its clients: it finds each
// "Type: AWS::Cognito::UserPoolClient" line, the resource entry around it
// (by indentation, under a top-level "Resources:") and parses only those
// lines, at their own line numbers. It returns a template root holding
// just those resources.
//
// ok is false whenever the file is not plainly such a template — no
// top-level Resources key, directives or several documents, the type
// named anywhere but on a Type line, an entry that does not parse on its
// own (an alias of an anchor elsewhere, a syntax error) — and the caller
// parses the whole file instead. A syntax error outside the app clients
// is therefore not reported: cognitolint lints app clients, cfn-lint the
// template.
func clientResourcesYAML(src []byte) (root *finding.Node, ok bool) {
	resourcesAt, plain := topLevelKeyLine(src, "Resources")
	if resourcesAt < 0 || !plain {
		return nil, false
	}
	var resources []finding.Field
	// The last entry found under Resources, and the lines before a point:
	// each entry's walk up stops at the one before it, and lines are
	// counted from the last entry, so that a template of thousands of
	// clients is read in one pass.
	prev := resourceEntry{start: -1}
	counted, lines := 0, 0
	budget := maxYAMLNodes // the values of every entry parsed
	var clients clientKeys
	for from := 0; ; {
		// The clients, and the pools, identity providers and resource
		// servers they may use as context (declaredContext).
		i := bytes.Index(src[from:], []byte(cfnPoolType))
		if i < 0 {
			break
		}
		at := from + i
		from = at + len(cfnPoolType)
		if !cfnContextType(src[from:]) {
			continue // AWS::Cognito::UserPoolDomain, …Group, …
		}
		client := bytes.HasPrefix(src[from:], []byte("Client"))
		start, end := lineBounds(src, at)
		line := src[start:end]
		if trimmed := bytes.TrimLeft(line, " "); len(trimmed) > 0 && trimmed[0] == '#' {
			continue // a comment
		}
		if !typeLineRe.Match(line) {
			return nil, false
		}
		keyStart, ok := resourceKeyLine(src, start, indentOf(line), resourcesAt, prev)
		if !ok {
			return nil, false
		}
		prev = resourceEntry{keyStart, indentOf(src[keyStart:])}
		entryEnd := entryEnd(src, keyStart, prev.indent)
		if entryEnd < end {
			return nil, false
		}
		if client && clients.skip(yamlKeyName(src, keyStart)) {
			from = max(from, entryEnd)
			continue
		}
		lines += bytes.Count(src[counted:keyStart], []byte{'\n'})
		counted = keyStart
		// The entry alone, numbered from its line in the file.
		docs, err := parseYAML(src, keyStart, entryEnd, lines, &budget)
		if err != nil || len(docs) != 1 || docs[0].Kind != finding.Object || len(docs[0].Fields) != 1 {
			return nil, false
		}
		resources = append(resources, docs[0].Fields[0])
		from = max(from, entryEnd)
	}
	res := &finding.Node{Kind: finding.Object, Fields: resources}
	return &finding.Node{Kind: finding.Object, Fields: []finding.Field{{Key: "Resources", Value: res}}}, true
}

// cfnContextType reports whether the text after "AWS::Cognito::UserPool"
// completes one of the types read: the client, the pool itself, an
// identity provider or a resource server.
func cfnContextType(rest []byte) bool {
	n := 0
	for n < len(rest) && (rest[n] >= 'A' && rest[n] <= 'Z' || rest[n] >= 'a' && rest[n] <= 'z' || rest[n] >= '0' && rest[n] <= '9') {
		n++
	}
	switch string(rest[:n]) {
	case "", "Client", "IdentityProvider", "ResourceServer":
		return true
	}
	return false
}

// typeLineRe is the Type line of an app client resource (or of a pool, an
// identity provider, a resource server) in block style.
var typeLineRe = regexp.MustCompile(`^ +Type: *(?:(AWS::Cognito::UserPool(?:Client|IdentityProvider|ResourceServer)?)|"(AWS::Cognito::UserPool(?:Client|IdentityProvider|ResourceServer)?)"|'(AWS::Cognito::UserPool(?:Client|IdentityProvider|ResourceServer)?)') *(?:#.*)?\r?$`)

// keyLineRe is a mapping key alone on its line: "  WebClient:".
var keyLineRe = regexp.MustCompile(`^ *(?:[A-Za-z0-9]+|"[A-Za-z0-9]+"|'[A-Za-z0-9]+'): *(?:#.*)?\r?$`)

// topLevelKeyLine returns the offset of the line "key:" at column 0 (with
// nothing after it but a comment), or -1; and whether the file is a single
// plain YAML document: no directive ("%YAML", "%TAG") and no document
// marker ("---", "...") at the start of a line.
func topLevelKeyLine(src []byte, key string) (at int, plain bool) {
	at = -1
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		line := src[off:end]
		if len(line) > 0 {
			switch line[0] {
			case '%':
				return at, false
			case '-', '.':
				if bytes.HasPrefix(line, []byte("---")) || bytes.HasPrefix(line, []byte("...")) {
					return at, false
				}
			case key[0]:
				if at < 0 && bytes.HasPrefix(line, []byte(key+":")) {
					rest := bytes.TrimLeft(bytes.TrimRight(line[len(key)+1:], " \r"), " ")
					if len(rest) == 0 || rest[0] == '#' {
						at = off
					}
				}
			}
		}
		off = end + 1
	}
	return at, true
}

// lineBounds returns the start and end (before '\n') of the line holding
// byte off.
func lineBounds(src []byte, off int) (start, end int) {
	start = bytes.LastIndexByte(src[:off], '\n') + 1
	end = bytes.IndexByte(src[off:], '\n')
	if end < 0 {
		return start, len(src)
	}
	return start, off + end
}

func indentOf(line []byte) int {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	return n
}

// significant reports whether a line holds YAML content (not blank, not
// only a comment).
func significant(line []byte) bool {
	t := bytes.TrimLeft(line, " \t\r")
	return len(t) > 0 && t[0] != '#'
}

// resourceEntry is the key line of an entry of Resources: where it starts
// and its indentation.
type resourceEntry struct{ start, indent int }

// resourceKeyLine walks up from the Type line at typeStart to the key of
// its resource (the nearest significant line indented less) and checks
// that the key is an entry of the top-level Resources mapping: the next
// significant line above it indented less is "Resources:" itself, or, on
// the way there, prev (an entry found before) at the key's indentation.
func resourceKeyLine(src []byte, typeStart, typeIndent, resourcesAt int, prev resourceEntry) (int, bool) {
	key, keyIndent := -1, 0
	for off := typeStart; off > 0; {
		start, _ := lineBounds(src, off-1)
		line := src[start : off-1]
		off = start
		if !significant(line) {
			continue
		}
		ind := indentOf(line)
		if ind >= typeIndent {
			continue
		}
		if key < 0 {
			if ind == 0 || !keyLineRe.Match(line) {
				return 0, false
			}
			key, keyIndent = start, ind
			continue
		}
		if ind < keyIndent {
			return key, start == resourcesAt
		}
		if start == prev.start && ind == prev.indent && ind == keyIndent {
			return key, true // a sibling of an entry of Resources
		}
	}
	return 0, false
}

// entryEnd returns where the entry whose key line starts at keyStart ends:
// at the next significant line indented as much as the key or less.
func entryEnd(src []byte, keyStart, keyIndent int) int {
	_, end := lineBounds(src, keyStart)
	for off := end + 1; off < len(src); {
		start, e := lineBounds(src, off)
		if line := src[start:e]; significant(line) && indentOf(line) <= keyIndent {
			return start
		}
		off = e + 1
	}
	return len(src)
}

// yamlKeyName returns the key of the resource entry whose key line (which
// matched keyLineRe) starts at off, without its quotes.
func yamlKeyName(src []byte, off int) string {
	_, end := lineBounds(src, off)
	line := bytes.TrimLeft(src[off:end], " ")
	if i := bytes.IndexByte(line, ':'); i >= 0 {
		line = line[:i]
	}
	return string(bytes.Trim(line, `"'`))
}

// clientKeys are the logical IDs of the app client resources of a template
// a selective read met, to parse no more of them than are linted.
type clientKeys map[string]bool

// skip records the client resource named key and reports whether the
// reader may leave it unparsed: it is new, past the MaxDocuments+1
// distinct clients that limitDocuments keeps one more of than it lints.
// A key met again is parsed again: its last value is the one that counts.
func (c *clientKeys) skip(key string) bool {
	if (*c)[key] {
		return false
	}
	if len(*c) > MaxDocuments {
		return true
	}
	if *c == nil {
		*c = clientKeys{}
	}
	(*c)[key] = true
	return false
}
