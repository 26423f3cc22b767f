package input

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/cognitolint/cognitolint/finding"
)

func TestParseJSONPositions(t *testing.T) {
	src := "{\n  \"A\": [\"x\", \"y\"],\n  \"B\": {\"C\": 12}\n}"
	n, err := ParseJSON([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	doc := &finding.Document{Root: n, Source: &finding.Source{Text: []byte(src)}}
	for path, want := range map[string][3]int{
		"A[1]": {2, 14, 3},
		"B.C":  {3, 14, 2},
		"B":    {3, 8, 9},
	} {
		l, c, ln := doc.PositionOf(path)
		if [3]int{l, c, ln} != want {
			t.Errorf("%s at %d:%d+%d, want %v", path, l, c, ln, want)
		}
	}
	l, c, _ := doc.KeyPositionOf("B.C")
	if l != 3 || c != 9 {
		t.Errorf("key B.C at %d:%d", l, c)
	}
}

func TestParseJSONValues(t *testing.T) {
	n, err := ParseJSON([]byte(`{"s": "a\u00e9\n\ud83d\ude00\"", "n": -1.5e3, "t": true, "f": false, "z": null, "l": []}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := n.Get("s").Str; got != "aé\n😀\"" {
		t.Errorf("s = %q", got)
	}
	if n.Get("n").Kind != finding.Number || n.Get("n").Str != "-1.5e3" {
		t.Errorf("n = %+v", n.Get("n"))
	}
	if !n.Get("t").Bool || n.Get("f").Bool || n.Get("z").Kind != finding.Null || n.Get("l").Kind != finding.Array {
		t.Error("literals decoded wrong")
	}
}

func TestParseJSONByteOrderMark(t *testing.T) {
	n, err := ParseJSON([]byte("\xEF\xBB\xBF{\"a\": 1}"))
	if err != nil || n.Get("a") == nil {
		t.Fatalf("BOM: %v", err)
	}
}

func TestParseJSONErrors(t *testing.T) {
	for _, c := range []struct {
		src  string
		off  int
		want string
	}{
		{"", 0, "empty"},
		{"{\"a\": 1,}", 8, "trailing comma"},
		{"[1, 2,]", 6, "trailing comma"},
		{"{'a': 1}", 1, "member name"},
		{"{\"a\": 'x'}", 6, "double quotes"},
		{"{\"a\" 1}", 5, "expected ':'"},
		{"{\"a\": 1", 0, "not closed"},
		{"{\"a\": tru}", 6, "did you mean true"},
		{"{\"a\": 01}", 6, "leading zeros"},
		{"{\"a\": \"x\ny\"}", 6, "not closed before the end of the line"},
		{"{} {}", 3, "one JSON value"},
		{"{\"a\": \"\\q\"}", 7, "invalid escape"},
		{strings.Repeat("[", 600), 513, "nested"},
	} {
		_, err := ParseJSON([]byte(c.src))
		se, ok := err.(*SyntaxError)
		if !ok {
			t.Errorf("%q: err = %v, want a SyntaxError", c.src, err)
			continue
		}
		if se.Off != c.off || !strings.Contains(se.Msg, c.want) {
			t.Errorf("%q: %d %q, want %d and %q", c.src, se.Off, se.Msg, c.off, c.want)
		}
	}
}

func TestReadDetectsOperation(t *testing.T) {
	for src, want := range map[string]string{
		`{"UserPoolId": "p_1", "ClientId": "c", "CallbackURLs": []}`:                "update",
		`{"UserPoolId": "p_1", "ClientId": "c", "ClientName": "renamed"}`:           "update",
		`{"UserPoolId": "p_1", "ClientName": "n"}`:                                  "create",
		`{"CallbackURLs": [], "AllowedOAuthFlows": ["code"], "LogoutURLs": []}`:     "create", // identifiers forgotten
		`{"UserPoolClient": {"UserPoolId": "p_1", "ClientId": "c"}}`:                "describe",
		`{"callbackurls": [], "allowedoauthflows": ["code"], "clientname": "x"}`:    "create",
		`{"UserPoolId": "p_1", "ClientId": "c", "CallbackUrls": [], "Region": "x"}`: "update",
	} {
		res := Read("x.json", []byte(src), Options{})
		if len(res.Docs) != 1 || res.Docs[0].Operation != want {
			t.Errorf("%s: %+v, want %s", src, res, want)
		}
	}
	for _, src := range []string{`{"name": "pkg"}`, `[1, 2]`, `"x"`,
		// An AWS AppConfig GetConfiguration request (issue 13): a ClientId
		// alone among other keys.
		`{"Application": "a", "Environment": "e", "Configuration": "c", "ClientId": "client-12345", "ClientConfigurationVersion": "1"}`,
		// An SDK's poolData: identifiers, nothing that configures a client.
		`{"UserPoolId": "us-east-1_AbCd12345", "ClientId": "4tq1example5b2jdk8r0vq3pm1"}`,
		`{"UserPoolId": "us-east-1_AbCd12345", "ClientId": "4tq1example", "Region": "us-east-1"}`,
		// Members, but not most keys; or one setting without identifiers.
		`{"ClientId": "c", "ClientName": "n", "Region": "r", "Stage": "s", "Bucket": "b"}`,
		`{"UserPoolId": "p_1", "CallbackURLs": []}`,
	} {
		res := Read("x.json", []byte(src), Options{})
		if !res.Unrecognized || len(res.Findings) != 1 || res.Findings[0].Rule != "unknown-document" {
			t.Errorf("%s: %+v, want unknown-document", src, res)
		}
	}
	res := Read("x.json", []byte(`[1]`), Options{Operation: "update"})
	if len(res.Docs) != 1 {
		t.Errorf("--operation must force a document: %+v", res)
	}
}

// FuzzParseJSON: never panics; accepts exactly what encoding/json accepts
// (but for its nesting limit); values it accepts round-trip.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{`{}`, `{"a": [1, "b", null, true]}`, `{"a": "\u00e9"}`, `[`, `{"a":1,}`, `1e5`, `"\ud800"`, `{"a":{"b":{"c":[]}}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		n, err := ParseJSON(b)
		valid := json.Valid(b) || (len(b) > 3 && string(b[:3]) == "\xEF\xBB\xBF" && json.Valid(b[3:]))
		if err != nil {
			se, ok := err.(*SyntaxError)
			if !ok || se.Off < 0 || se.Off > len(b) || se.Msg == "" {
				t.Fatalf("bad error %#v", err)
			}
			if valid && !strings.Contains(se.Msg, "nested") {
				t.Fatalf("rejected valid JSON %q: %v", b, err)
			}
			return
		}
		if !valid {
			t.Fatalf("accepted invalid JSON %q", b)
		}
		if n == nil {
			t.Fatal("nil node without error")
		}
	})
}

// TestJSONValueLimit: a parse stops past maxJSONValues values with a
// message that says why; up to it, the file parses.
func TestJSONValueLimit(t *testing.T) {
	defer func(n int) { maxJSONValues = n }(maxJSONValues)
	maxJSONValues = 100
	list := func(n int) string { return `{"L": [` + strings.TrimSuffix(strings.Repeat(`"A",`, n), ",") + `]}` }
	if _, err := ParseJSON([]byte(list(98))); err != nil { // the object, the list and 98 items
		t.Errorf("100 values: %v", err)
	}
	_, err := ParseJSON([]byte(list(99)))
	if err == nil || !strings.Contains(err.Error(), "more than 100 values") {
		t.Errorf("101 values: %v", err)
	}
}

// TestScratchReturnedClear: the stacks a parse gives back hold no pointer
// into its tree (which they would keep alive), after a parse of a large
// object and list.
func TestScratchReturnedClear(t *testing.T) {
	src := `{"L": [` + strings.TrimSuffix(strings.Repeat(`"A",`, 300), ",") + `], ` +
		strings.TrimSuffix(strings.Repeat(`"k": 1, `, 200), ", ") + `}`
	p := jsonParser{src: []byte(src), text: src}
	p.borrowScratch()
	if _, err := p.value(0); err != nil {
		t.Fatal(err)
	}
	fields, items := p.fields[:cap(p.fields)], p.items[:cap(p.items)]
	p.returnScratch()
	for i := range fields {
		if fields[i].Value != nil {
			t.Fatalf("fields[%d] still points into the tree", i)
		}
	}
	for i := range items {
		if items[i] != nil {
			t.Fatalf("items[%d] still points into the tree", i)
		}
	}
}

// TestValueLimitSharedByClients: the value limit is of a file, not of each
// app client that a template's selective read parses on its own: three
// clients of 40 values each are over a limit of 100 together, in JSON and
// in block-style YAML, and under it each.
func TestValueLimitSharedByClients(t *testing.T) {
	defer func(j, y int) { maxJSONValues, maxYAMLNodes = j, y }(maxJSONValues, maxYAMLNodes)
	maxJSONValues, maxYAMLNodes = 100, 100
	urls := func(i int) []string {
		u := make([]string, 36)
		for j := range u {
			u[j] = fmt.Sprintf("https://app%d.example.com/cb%d", i, j)
		}
		return u
	}
	var js, ys strings.Builder
	js.WriteString(`{"Resources": {`)
	ys.WriteString("Resources:\n")
	for i := range 3 {
		if i > 0 {
			js.WriteString(",")
		}
		fmt.Fprintf(&js, `"C%d": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "p", "CallbackURLs": ["%s"]}}`, i, strings.Join(urls(i), `", "`))
		fmt.Fprintf(&ys, "  C%d:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: p\n      CallbackURLs:\n        - %s\n", i, strings.Join(urls(i), "\n        - "))
	}
	js.WriteString("}}")
	for name, src := range map[string]string{"template.json": js.String(), "template.yaml": ys.String()} {
		res := Read(name, []byte(src), Options{})
		// (YAML's full parse, read when a client is over the limit, counts
		// lines and keys first: 200 of them.)
		if len(res.Findings) == 0 || res.Findings[0].Rule != "syntax" || !strings.Contains(res.Findings[0].Message, "more than 100 values") && !strings.Contains(res.Findings[0].Message, "more than 200 lines") {
			t.Errorf("%s: %d documents, findings %v; want the value limit's syntax finding", name, len(res.Docs), res.Findings)
		}
	}
	maxJSONValues, maxYAMLNodes = 150, 150
	for name, src := range map[string]string{"template.json": js.String(), "template.yaml": ys.String()} {
		if res := Read(name, []byte(src), Options{}); len(res.Docs) != 3 {
			t.Errorf("%s, limit 150: %d documents, findings %v", name, len(res.Docs), res.Findings)
		}
	}
}

// TestForeignFilesOverTheBound: a file refused for its number of values
// whose top level is none of our shapes (CDK's cdk.out/tree.json names
// AWS::Cognito::UserPoolClient, as does a large CRD beside a client) is
// unrecognized — a walk skips it — not a syntax finding; a file of ours
// over the bound still is one.
func TestForeignFilesOverTheBound(t *testing.T) {
	defer func(j, y int) { maxJSONValues, maxYAMLNodes = j, y }(maxJSONValues, maxYAMLNodes)
	maxJSONValues, maxYAMLNodes = 100, 100
	many := strings.Repeat(`{"id": "x", "cfnType": "AWS::Cognito::UserPoolClient"},`, 50)
	tree := `{"version": "tree-0.1", "tree": {"children": [` + strings.TrimSuffix(many, ",") + `]}}`
	if res := Read("tree.json", []byte(tree), Options{}); !res.Unrecognized {
		t.Errorf("tree.json: %v", res.Findings)
	}
	ours := `{"UserPoolId": "us-east-1_AbCd12345", "ClientName": "a", "CallbackURLs": [` + strings.TrimSuffix(strings.Repeat(`"https://a.example.com",`, 150), ",") + `]}`
	if res := Read("c.json", []byte(ours), Options{}); len(res.Findings) != 1 || res.Findings[0].Rule != "syntax" {
		t.Errorf("a payload over the bound: %v", res.Findings)
	}
	crd := "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n  names: [" + strings.Repeat("a, ", 150) + "]\n"
	client := "apiVersion: cognitoidentityprovider.services.k8s.aws/v1alpha1\nkind: UserPoolClient\nmetadata: {name: web}\nspec: {name: web, userPoolID: us-east-1_AbCd12345}\n"
	if res := Read("all.yaml", []byte(crd+"---\n"+client), Options{}); len(res.Docs) != 1 || len(res.Findings) != 0 {
		t.Errorf("a large CRD and a client: %d documents, %v", len(res.Docs), res.Findings)
	}
	bigClient := "apiVersion: cognitoidentityprovider.services.k8s.aws/v1alpha1\nkind: UserPoolClient\nmetadata: {name: web}\nspec:\n  callbackURLs: [" + strings.Repeat("a, ", 150) + "]\n"
	if res := Read("all.yaml", []byte(bigClient), Options{}); len(res.Findings) != 1 || res.Findings[0].Rule != "syntax" {
		t.Errorf("a client over the bound: %v", res.Findings)
	}
}
