package contextfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cognitolint/cognitolint/rules"
)

// FuzzParse: any input parses, or fails with an *Error that has a
// position and names the shape expected; never a panic.
func FuzzParseContextFile(f *testing.F) {
	for _, file := range []string{"current.json", "pool.json", "resource-servers.json", "identity-providers.json"} {
		m, _ := filepath.Glob("../../testdata/context/*/" + file)
		for _, p := range m[:min(len(m), 2)] {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Add([]byte(`{"UserPoolClient": {"TokenValidityUnits": {"AccessToken": 1}}}`))
	f.Add([]byte(`{"Providers": [{"ProviderName": null}]}`))
	kinds := []string{rules.KindCurrent, rules.KindPool, rules.KindResourceServers, rules.KindIdentityProviders}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, kind := range kinds {
			var c rules.Context
			doc, err := Parse(&c, kind, "f.json", src)
			if err != nil {
				var ce *Error
				if !errors.As(err, &ce) || ce.Line < 1 || ce.Col < 1 || !strings.Contains(ce.Msg, "aws cognito-idp") {
					t.Fatalf("%s: error without a position or the shape expected: %#v", kind, err)
				}
				continue
			}
			if doc == nil && !strings.Contains(string(src), "null") {
				t.Fatalf("%s: parsed, but no document for policies", kind)
			}
			if PolicyData(&c, map[string]any{kind: doc}) == nil {
				t.Fatalf("%s: parsed, but nothing for policies", kind)
			}
		}
	})
}
