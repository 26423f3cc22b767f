package rules

import (
	"iter"
	"slices"
	"strconv"
)

// item is one known element of a list member (or a single member when i
// is -1); its path is built only when a rule reports it.
type item struct {
	name  string
	i     int
	value string
}

// path returns "CallbackURLs[2]" (or the member name).
func (it item) path() string {
	if it.i < 0 {
		return it.name
	}
	return indexPath(it.name, it.i)
}

// indexPaths caches "[0]" … "[127]" so that list paths cost one
// concatenation.
var indexPaths = func() []string {
	p := make([]string, 128)
	for i := range p {
		p[i] = "[" + strconv.Itoa(i) + "]"
	}
	return p
}()

func indexPath(name string, i int) string {
	if i < len(indexPaths) {
		return name + indexPaths[i]
	}
	return name + "[" + strconv.Itoa(i) + "]"
}

// known returns the elements of the list member name whose values are
// known, with their paths ("CallbackURLs[2]"). Unknown elements
// (intrinsics, Terraform references) are left out.
func (p *Pass) known(name string, list []string) iter.Seq[item] {
	return func(yield func(item) bool) {
		for i, v := range list {
			if it := (item{name, i, v}); !p.skipElem(it) && !yield(it) {
				return
			}
		}
	}
}

// skipElem reports whether a list element is unknown or invalid.
func (p *Pass) skipElem(it item) bool {
	if len(p.Doc.Unknown) == 0 && p.invalid.Len() == 0 {
		return false
	}
	path := it.path()
	return p.Doc.IsUnknown(path) || p.invalid.Overlaps(path)
}

// contains reports whether list holds v.
func contains(list []string, v string) bool { return slices.Contains(list, v) }

// quote quotes a value for a message.
func quote(s string) string { return quoteValue("", s) }

func sortStrings(s []string) { slices.Sort(s) }
