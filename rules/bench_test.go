package rules

import (
	"os"
	"testing"

	"github.com/cognitolint/cognitolint/input"
	"github.com/cognitolint/cognitolint/model"
)

func benchDoc(b testing.TB) input.Result {
	src, err := os.ReadFile("../testdata/bench/update-2k.json")
	if err != nil {
		b.Fatal(err)
	}
	res := input.Read("update-2k.json", src, input.Options{})
	if len(res.Docs) != 1 {
		b.Fatal("no document")
	}
	return res
}

// BenchmarkCheckDocument: every built-in rule on an already parsed ~2 KB
// Update payload (decode into the request, model constraints, semantic
// rules, positions of the findings).
func BenchmarkCheckDocument(b *testing.B) {
	doc := benchDoc(b).Docs[0]
	b.ReportAllocs()
	for b.Loop() {
		Check(doc, Options{})
	}
}

// BenchmarkCheckRequest: every built-in rule on a decoded, typed request.
func BenchmarkCheckRequest(b *testing.B) {
	s := func(v string) *string { return &v }
	i := func(v int64) *int64 { return &v }
	t := true
	req := &model.Request{
		UserPoolId: s("us-east-1_AbCd12345"), ClientId: s("4example5client6id7"), ClientName: s("portal"),
		RefreshTokenValidity: i(30), AccessTokenValidity: i(60), IdTokenValidity: i(60),
		TokenValidityUnits:         &model.TokenValidityUnits{AccessToken: s("minutes"), IdToken: s("minutes"), RefreshToken: s("days")},
		ReadAttributes:             []string{"email", "email_verified", "name", "custom:plan"},
		WriteAttributes:            []string{"email", "name", "custom:plan"},
		ExplicitAuthFlows:          []string{"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"},
		SupportedIdentityProviders: []string{"COGNITO", "Google"},
		CallbackURLs:               []string{"https://portal.acme-corp.io/cb", "http://localhost:3000/cb", "http://app.acme-corp.io/cb"},
		LogoutURLs:                 []string{"https://portal.acme-corp.io/out"},
		DefaultRedirectURI:         s("https://portal.acme-corp.io/cb"),
		AllowedOAuthFlows:          []string{"code"}, AllowedOAuthScopes: []string{"openid", "email", "api/read"},
		AllowedOAuthFlowsUserPoolClient: &t, PreventUserExistenceErrors: s("ENABLED"), EnableTokenRevocation: &t,
	}
	b.ReportAllocs()
	for b.Loop() {
		CheckRequest(req, model.OpUpdate, Options{})
	}
}

// BenchmarkReadAndCheck: from ~2 KB of JSON bytes to findings with
// positions.
func BenchmarkReadAndCheck(b *testing.B) {
	src, err := os.ReadFile("../testdata/bench/update-2k.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		res := input.Read("update-2k.json", src, input.Options{})
		for _, d := range res.Docs {
			Check(d, Options{})
		}
	}
}

// BenchmarkCheckDocumentContext is BenchmarkCheckDocument with every
// context given (current client, pool, resource servers, IdPs), so that
// the context checks run.
func BenchmarkCheckDocumentContext(b *testing.B) {
	doc := benchDoc(b).Docs[0]
	ctx := &Context{Current: secCur, Pool: litePool, ResourceServers: servers, IdentityProviders: idps}
	b.ReportAllocs()
	for b.Loop() {
		Check(doc, Options{Given: ctx})
	}
}
