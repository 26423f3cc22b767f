package rules

import (
	"slices"
	"strconv"
)

// item is one known element of a list member, with its path.
type item struct {
	path  string
	value string
}

// known returns the elements of the list member name whose values are
// known, with their paths ("CallbackURLs[2]"). Unknown elements
// (intrinsics, Terraform references) are left out.
func (p *Pass) known(name string, list []string) []item {
	out := make([]item, 0, len(list))
	for i, v := range list {
		path := name + "[" + strconv.Itoa(i) + "]"
		if (len(p.Doc.Unknown) > 0 && p.Doc.IsUnknown(path)) || (len(p.invalid) > 0 && overlapsAny(path, p.invalid)) {
			continue
		}
		out = append(out, item{path, v})
	}
	return out
}

// contains reports whether list holds v.
func contains(list []string, v string) bool { return slices.Contains(list, v) }

// quote quotes a value for a message.
func quote(s string) string { return quoteValue("", s) }

func sortStrings(s []string) { slices.Sort(s) }
