// Command gencorpus writes a corpus of UpdateUserPoolClient payloads for
// bench/compare.sh: -n files of about 1–2 KB in -dir, varied but
// deterministic (the same -seed gives the same files).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
)

func main() {
	n := flag.Int("n", 1000, "number of files")
	dir := flag.String("dir", "corpus", "output directory")
	seed := flag.Uint64("seed", 1, "random seed")
	clean := flag.Bool("clean", false, "only payloads that pass bench/policy and the baseline pack")
	flag.Parse()
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	r := rand.New(rand.NewPCG(*seed, 0))
	pick := func(xs ...string) string {
		if *clean {
			return xs[0]
		}
		return xs[r.IntN(len(xs))]
	}
	for i := range *n {
		host := pick("app.corp.example", "admin.corp.example", "shop.corp.example", "evil.example")
		scheme := pick("https", "https", "https", "http")
		p := map[string]any{
			"UserPoolId": "us-east-1_AbCd12345",
			"ClientId":   fmt.Sprintf("client%08d", i),
			"ClientName": fmt.Sprintf("client-%d", i),

			"RefreshTokenValidity":       []int{1, 7, 30, 90, 365}[r.IntN(5)],
			"AccessTokenValidity":        []int{5, 15, 60, 120}[r.IntN(4)],
			"PreventUserExistenceErrors": "ENABLED",
			"WriteAttributes":            []string{"name", "given_name", "family_name", "locale"},
			"IdTokenValidity":            60,
			"TokenValidityUnits":         map[string]string{"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
			"ReadAttributes":             []string{"email", "email_verified", "name", "given_name", "family_name", "locale", "custom:tenant"},
			"ExplicitAuthFlows":          []string{"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", pick("ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH")},
			"SupportedIdentityProviders": []string{"COGNITO", pick("Google", "SignInWithApple", "corp-okta")},
			"CallbackURLs": []string{
				fmt.Sprintf("%s://%s/auth/callback", scheme, host),
				fmt.Sprintf("https://%s/auth/silent-renew", host),
				"com.corp.mobile:/oauth2redirect",
			},
			"LogoutURLs":                      []string{fmt.Sprintf("https://%s/signed-out", host)},
			"DefaultRedirectURI":              fmt.Sprintf("%s://%s/auth/callback", scheme, host),
			"AllowedOAuthFlows":               []string{pick("code", "code", "code", "implicit")},
			"AllowedOAuthScopes":              []string{"openid", "email", "profile", pick("https://api.corp.example/orders.read", "aws.cognito.signin.user.admin")},
			"AllowedOAuthFlowsUserPoolClient": true,
			"EnableTokenRevocation":           *clean || r.IntN(10) != 0,
			"AuthSessionValidity":             3,
		}
		if !*clean && r.IntN(3) == 0 {
			delete(p, "PreventUserExistenceErrors")
		}
		if !*clean && r.IntN(4) == 0 {
			delete(p, "WriteAttributes")
		}
		if *clean {
			p["RefreshTokenValidity"], p["AccessTokenValidity"] = 30, 60
		}
		b, _ := json.MarshalIndent(p, "", "  ")
		if err := os.WriteFile(filepath.Join(*dir, fmt.Sprintf("client-%05d.json", i)), append(b, '\n'), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
}
