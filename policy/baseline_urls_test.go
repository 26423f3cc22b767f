package policy

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cognitolint/cognitolint/input"
)

// The exact tests of the redirect URL rules of the baseline pack, as
// rules.md states them. The pack clears most URLs with one cheaper
// pre-filter pattern (odd_urls in lib.rego); TestBaselineURLRulesMatchOracle
// checks, on random URLs built from the pieces that matter, that the rules
// report exactly what these tests say: the pre-filter drops nothing.
var (
	oracleLoopback  = regexp.MustCompile(`^(?i)http://(localhost|127\.0\.0\.1|\[::1\])(:[0-9]*)?([/?#].*)?$`)
	oracleLocalhost = regexp.MustCompile(`^(?i)https?://localhost(:[0-9]*)?([/?#].*)?$`)
	oraclePlace     = regexp.MustCompile(`^(?i)[a-z][a-z0-9+.-]*://([^/?#@]*@)?(www\.)?example\.(com|org|net)\.?(:[0-9]*)?([/?#].*)?$`)
	oracleScheme    = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+-]*$`)
)

// oraclePrivate: the scheme (before the first colon) is neither http(s)
// nor in reverse-domain form.
func oraclePrivate(url string) bool {
	i := strings.Index(url, ":")
	if i <= 0 || !oracleScheme.MatchString(url[:i]) {
		return false
	}
	s := strings.ToLower(url[:i])
	return s != "http" && s != "https"
}

var urlPieces = []string{
	"", "h", "t", "p", "s", "H", "S", "K", "\u017f", "\u212a", ":", "/", "//", "://", "http", "https", "HTTP",
	"HTTPS", "Https", "https://", "http://", "localhost", "LOCALHOST", "localho\u017ft", "example", "EXAMPLE",
	".", "com", "org", "net", "www.", "@", "u@", "127.0.0.1", "[::1]", ":80", "?", "#", "\n", "a", "1", "+",
	"-", "x.y", "com.example.app", "app.", "é",
}

func randomURL(r *rand.Rand) string {
	var b strings.Builder
	for range r.Intn(9) {
		b.WriteString(urlPieces[r.Intn(len(urlPieces))])
	}
	return b.String()
}

func TestBaselineURLRulesMatchOracle(t *testing.T) {
	e := load(t, Options{})
	r := rand.New(rand.NewSource(1))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for range n {
		lists := map[string][]string{}
		var want []string
		add := func(path, url string, list bool) {
			if oracleLoopback.MatchString(url) {
				want = append(want, "sec-http-loopback-callback "+path)
			}
			if oracleLocalhost.MatchString(url) {
				want = append(want, "sec-localhost-name "+path)
			}
			if oraclePrivate(url) {
				want = append(want, "sec-private-scheme-not-reverse-domain "+path)
			}
			if list && oraclePlace.MatchString(url) {
				want = append(want, "sec-placeholder-url "+path)
			}
		}
		for _, name := range []string{"CallbackURLs", "LogoutURLs"} {
			for i := range r.Intn(4) {
				u := randomURL(r)
				lists[name] = append(lists[name], u)
				add(fmt.Sprintf("%s[%d]", name, i), u, true)
			}
		}
		payload := map[string]any{"ClientName": "x", "CallbackURLs": lists["CallbackURLs"], "LogoutURLs": lists["LogoutURLs"]}
		if r.Intn(2) == 0 {
			u := randomURL(r)
			payload["DefaultRedirectURI"] = u
			add("DefaultRedirectURI", u, false)
		}
		src, err := json.Marshal(payload)
		if err != nil {
			t.Fatal(err)
		}
		res := input.Read("urls.json", src, input.Options{})
		if len(res.Docs) != 1 {
			t.Fatalf("%s: %d documents", src, len(res.Docs))
		}
		fs, err := e.Eval(context.Background(), res.Docs[0], nil)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		var got []string
		for _, f := range fs {
			switch f.Rule {
			case "sec-http-loopback-callback", "sec-localhost-name", "sec-private-scheme-not-reverse-domain", "sec-placeholder-url":
				got = append(got, f.Rule+" "+f.Path)
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("%s:\n got %q\nwant %q", src, got, want)
		}
	}
}
