package input

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cognitolint/cognitolint/finding"
)

// TestYAMLFlowListPositions: the items of a flow list on one line get the
// column and length of their own text, whatever is written around them.
func TestYAMLFlowListPositions(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []finding.Pos // of the items of L
	}{
		{"plain", "L: [a, bb,ccc]\n", []finding.Pos{{Line: 1, Col: 5, Len: 1}, {Line: 1, Col: 8, Len: 2}, {Line: 1, Col: 11, Len: 3}}},
		{"quoted", `L: ["a,b", 'it''s', "q\"x"]` + "\n", []finding.Pos{{Line: 1, Col: 5, Len: 5}, {Line: 1, Col: 12, Len: 7}, {Line: 1, Col: 21, Len: 6}}},
		{"multibyte", "L: [é, ü, x]\n", []finding.Pos{{Line: 1, Col: 5, Len: 1}, {Line: 1, Col: 8, Len: 1}, {Line: 1, Col: 11, Len: 1}}},
		{"items after an alias", "A: &x v\nL: [*x, b, c]\n", []finding.Pos{{Line: 2, Col: 5, Len: 2}, {Line: 2, Col: 9, Len: 1}, {Line: 2, Col: 12, Len: 1}}},
		{"an unclosed quote ends at the line end", "L: [\"a\\\n  b\"]\n", []finding.Pos{{Line: 1, Col: 5, Len: 3}}},
	}
	for _, c := range cases {
		docs, err := ParseYAML([]byte(c.src))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		l := docs[0].Get("L")
		if l == nil || len(l.Items) != len(c.want) {
			t.Fatalf("%s: L is %+v", c.name, l)
		}
		for i, it := range l.Items {
			if it.Pos != c.want[i] {
				t.Errorf("%s: item %d at %+v, want %+v", c.name, i, it.Pos, c.want[i])
			}
		}
	}
}

// TestYAMLLongFlowListLinear: the items of a flow list of 100,000 items on
// one line are located in linear time. Locating each from the line start
// took quadratic time: about a minute for these 100,000 items (a 3 MB list of
// 1,500,000 items ran for more than 10 minutes); linear, it takes well
// under a second, so the bound leaves room for a loaded machine and the
// race detector.
func TestYAMLLongFlowListLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("parses a 200 KB line")
	}
	const n = 100_000
	src := []byte("L: [" + strings.Repeat("a, ", n-1) + "a]\n")
	start := time.Now()
	docs, err := ParseYAML(src)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("parsing %d items on one line took %v", n, d)
	}
	items := docs[0].Get("L").Items
	if len(items) != n {
		t.Fatalf("%d items, want %d", len(items), n)
	}
	if last := items[n-1].Pos; last != (finding.Pos{Line: 1, Col: 5 + 3*(n-1), Len: 1}) {
		t.Errorf("last item at %+v", last)
	}
}

// TestYAMLValueLimitMessage: past the value limit, a file that expanded
// aliases is said to (a billion laughs); a plain long file is not blamed
// on aliases.
func TestYAMLValueLimitMessage(t *testing.T) {
	defer func(n int) { maxYAMLNodes = n }(maxYAMLNodes)
	maxYAMLNodes = 1000
	var plain strings.Builder
	plain.WriteString("L:\n")
	for range 1500 {
		plain.WriteString("  - a\n")
	}
	var flood strings.Builder // past the estimate: refused before the YAML library parses it
	flood.WriteString("L: [")
	for range 2001 {
		flood.WriteString("a,")
	}
	flood.WriteString("]\n")
	laughs := "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
	for _, tc := range []struct{ name, src, want, not string }{
		{"plain", plain.String(), "has more than 1000 values", "aliases"},
		{"aliases", laughs, "expands to more than 1000 values (YAML aliases", "has more than"},
		{"flood", flood.String(), "has more than 2000 lines, list items and keys", "aliases"},
	} {
		_, err := ParseYAML([]byte(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), tc.not) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestYAMLStreamBudget: in a stream of documents, those that are not app
// clients (a rendered chart's ConfigMaps) give their values back to the
// file's budget once read, so a stream of many small documents is read,
// while one document over the budget is still refused.
func TestYAMLStreamBudget(t *testing.T) {
	defer func(n int) { maxYAMLNodes = n }(maxYAMLNodes)
	maxYAMLNodes = 100
	client := "apiVersion: cognitoidentityprovider.services.k8s.aws/v1alpha1\nkind: UserPoolClient\nmetadata: {name: web}\nspec: {name: web, userPoolID: us-east-1_AbCd12345}\n"
	var b strings.Builder
	for i := range 60 {
		fmt.Fprintf(&b, "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c%d}\ndata: {a: b}\n", i)
	}
	res := Read("all.yaml", []byte(b.String()+"---\n"+client), Options{})
	if len(res.Docs) != 1 || len(res.Findings) != 0 {
		t.Errorf("60 ConfigMaps and a client: %d documents, %v", len(res.Docs), res.Findings)
	}
	big := "apiVersion: cognitoidentityprovider.services.k8s.aws/v1alpha1\nkind: UserPoolClient\nmetadata: {name: web}\nspec:\n  name: web\n  callbackURLs: [" + strings.Repeat("a.example.com, ", 120) + "]\n"
	res = Read("all.yaml", []byte(b.String()+"---\n"+big), Options{})
	if len(res.Findings) != 1 || res.Findings[0].Rule != "syntax" || !strings.Contains(res.Findings[0].Message, "more than 100 values") {
		t.Errorf("a client of 120 values over a budget of 100: %d documents, %v", len(res.Docs), res.Findings)
	}
}
