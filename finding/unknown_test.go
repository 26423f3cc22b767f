package finding

import (
	"slices"
	"testing"
)

func TestUnknownMembers(t *testing.T) {
	u := func() *Node { return &Node{Kind: Unknown} }
	s := func(v string) *Node { return &Node{Kind: String, Str: v} }
	obj := func(kv ...any) *Node {
		n := &Node{Kind: Object}
		for i := 0; i < len(kv); i += 2 {
			n.Fields = append(n.Fields, Field{Key: kv[i].(string), Value: kv[i+1].(*Node)})
		}
		return n
	}
	arr := func(items ...*Node) *Node { return &Node{Kind: Array, Items: items} }
	for _, tc := range []struct {
		name string
		doc  Document
		want []string
	}{
		{"none", Document{Root: obj("ClientName", s("a"), "CallbackURLs", arr(s("https://a")))}, nil},
		{"nested", Document{Root: obj(
			"ClientName", u(),
			"CallbackURLs", arr(s("https://a"), u(), arr(u())),
			"TokenValidityUnits", obj("AccessToken", u(), "IdToken", s("hours")),
		)}, []string{"ClientName", "CallbackURLs[1]", "CallbackURLs[2][0]", "TokenValidityUnits.AccessToken"}},
		{"listed by the reader, inside ones not again", Document{
			Unknown: []string{"CallbackURLs", "LogoutURLs"},
			Root:    obj("CallbackURLs", arr(u(), s("x")), "LogoutURLs", u(), "ClientName", u()),
		}, []string{"CallbackURLs", "LogoutURLs", "ClientName"}},
		{"unknown root", Document{Root: u()}, []string{""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.doc.UnknownMembers(); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
