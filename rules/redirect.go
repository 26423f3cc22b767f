package rules

import (
	"iter"
	"strings"

	"github.com/cognitolint/cognitolint/finding"
)

// Redirect URIs: CallbackURLs, LogoutURLs and DefaultRedirectURI. The
// model's own text (CreateUserPoolClient CallbackURLs) says a redirect URI
// must be absolute, must not have a fragment, and may use http only for
// localhost, 127.0.0.1 and [::1]; AWS answers "<url> cannot use the HTTP
// protocol." otherwise. Custom app schemes (myapp://) are fine.

// hasScheme reports whether u starts with an RFC 3986 scheme and ':'.
func hasScheme(u string) bool {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// redirectURIs returns every known redirect URI of the request.
// callbacksOnly leaves out LogoutURLs.
func (p *Pass) redirectURIs(callbacksOnly bool) iter.Seq[item] {
	return func(yield func(item) bool) {
		for it := range p.known("CallbackURLs", p.Req.CallbackURLs) {
			if !yield(it) {
				return
			}
		}
		if !callbacksOnly {
			for it := range p.known("LogoutURLs", p.Req.LogoutURLs) {
				if !yield(it) {
					return
				}
			}
		}
		if p.Req.DefaultRedirectURI != nil && !p.Unknown("DefaultRedirectURI") {
			yield(item{"DefaultRedirectURI", -1, *p.Req.DefaultRedirectURI})
		}
	}
}

func init() {
	register(
		&Rule{
			ID: "redirect-uri-absolute", Severity: finding.Error, Context: ContextPayload,
			Summary:   "every callback/logout URL and DefaultRedirectURI is an absolute URI",
			Doc:       "A redirect URI must be absolute (RFC 6749 §3.1.2): it needs a scheme such as `https:` or `myapp:`. AWS's model: \"A redirect URI must: Be an absolute URI.\"",
			Reference: refCreate,
			Check: func(p *Pass) {
				for u := range p.redirectURIs(false) {
					if u.value == "" || hasScheme(u.value) {
						continue
					}
					if p.counted() {
						continue
					}
					hint := ""
					switch {
					case strings.HasPrefix(u.value, "//"):
						hint = `use "https:` + u.value + `"`
					case strings.HasPrefix(u.value, "/"):
						hint = `use "https://<your-domain>` + u.value + `"`
					case !strings.ContainsAny(u.value, " "):
						hint = `use "https://` + u.value + `"`
					}
					p.Report(u.path(), hint, "%s %s is not an absolute URI: it has no scheme", u.path(), quote(u.value))
				}
			},
		},
		&Rule{
			ID: "redirect-uri-no-fragment", Severity: finding.Error, Context: ContextPayload,
			Summary:   "no #fragment in a callback URL or DefaultRedirectURI",
			Doc:       "AWS's model: a redirect URI must \"Not include a fragment component\" (RFC 6749 §3.1.2).",
			Reference: refCreate,
			Check: func(p *Pass) {
				for u := range p.redirectURIs(true) {
					if i := strings.IndexByte(u.value, '#'); i >= 0 && !p.counted() {
						p.Report(u.path(), `use "`+u.value[:i]+`"`, "%s %s has a fragment (#%s); a redirect URI must not", u.path(), quote(u.value), u.value[i+1:])
					}
				}
			},
		},
		&Rule{
			ID: "redirect-uri-https", Severity: finding.Error, Context: ContextPayload,
			Summary:   "http only for localhost, 127.0.0.1 and [::1]; https and app schemes elsewhere",
			Doc:       "AWS rejects `http://` redirect URIs for any host but `localhost`, `127.0.0.1` and `[::1]` (any port) with `InvalidParameterException: <url> cannot use the HTTP protocol.` `https` and custom app schemes (`myapp://`) are accepted. Applies to callback, logout and default URLs.",
			Reference: refCreate,
			Check: func(p *Pass) {
				for u := range p.redirectURIs(false) {
					if !isHTTP(u.value) || isLoopback(u.value) || p.counted() {
						continue
					}
					p.Report(u.path(), `use "https`+u.value[4:]+`"`,
						"%s %s must use https: AWS accepts http only for localhost, 127.0.0.1 and [::1]", u.path(), quote(u.value))
				}
			},
		},
		&Rule{
			ID: "redirect-uri-wildcard", Severity: finding.Warning, Context: ContextPayload,
			Summary:   "`*` in a callback/logout URL never matches",
			Doc:       "The model's pattern accepts `*`, but Cognito compares `redirect_uri` exactly with the registered URLs, so a wildcard URL matches nothing (RFC 9700 §2.1: exact string matching).",
			Reference: refClientApps,
			Check: func(p *Pass) {
				for u := range p.redirectURIs(false) {
					if u.i >= 0 && strings.Contains(u.value, "*") && !p.counted() {
						p.Report(u.path(), "register each exact URL instead", "%s %s contains \"*\", but Cognito matches redirect URIs exactly: this URL never matches", u.path(), quote(u.value))
					}
				}
			},
		},
		&Rule{
			ID: "redirect-uri-duplicate", Severity: finding.Warning, Context: ContextPayload,
			Summary:   "the same URL twice in one list",
			Doc:       "A URL listed twice in `CallbackURLs` or `LogoutURLs` is pointless and usually a copy-paste slip.",
			Reference: refClientApps,
			Check: func(p *Pass) {
				p.reportDuplicates("CallbackURLs", p.Req.CallbackURLs)
				p.reportDuplicates("LogoutURLs", p.Req.LogoutURLs)
			},
		},
		&Rule{
			ID: "default-redirect-uri-in-callbacks", Severity: finding.Error, Context: ContextPayload,
			Summary:   "DefaultRedirectURI equals one entry of CallbackURLs exactly",
			Doc:       "AWS's model: DefaultRedirectURI \"Must be in the CallbackURLs list.\" The comparison is exact: a trailing slash or letter case makes a different URL.",
			Reference: refUpdate,
			Check: func(p *Pass) {
				def := p.Req.DefaultRedirectURI
				if def == nil || p.Unknown("CallbackURLs") || contains(p.Req.CallbackURLs, *def) {
					return
				}
				hint := `add "` + *def + `" to CallbackURLs`
				for _, c := range p.Req.CallbackURLs {
					if strings.EqualFold(strings.TrimSuffix(c, "/"), strings.TrimSuffix(*def, "/")) {
						hint = `did you mean "` + c + `"? The comparison is exact`
						break
					}
				}
				if len(p.Req.CallbackURLs) == 0 {
					p.Report("DefaultRedirectURI", hint, "DefaultRedirectURI %s must be one of CallbackURLs, which is empty", quote(*def))
					return
				}
				p.Report("DefaultRedirectURI", hint, "DefaultRedirectURI %s is not in CallbackURLs", quote(*def))
			},
		},
	)
}

// reportDuplicates reports each known URL of the list that repeats an
// earlier one, in linear time (a list that breaks the model's 100-URL
// bound may be long).
func (p *Pass) reportDuplicates(name string, list []string) {
	first := make(map[string]int, len(list))
	for i, v := range list {
		j, ok := first[v]
		if !ok {
			first[v] = i
			continue
		}
		cur, prev := item{name, i, v}, item{name, j, v}
		if !p.skipElem(cur) && !p.skipElem(prev) && !p.counted() {
			p.Report(cur.path(), "remove the duplicate", "%s %s repeats %s", cur.path(), quote(cur.value), prev.path())
			if list, _ := p.Doc.Lookup(name); editable(p.Doc, list) {
				if e, ok := removeItem(list, i); ok {
					p.fix("remove "+cur.path()+", a copy of "+prev.path(), e)
				}
			}
		}
	}
}

// isHTTP reports whether u uses the http scheme (any letter case).
func isHTTP(u string) bool {
	return len(u) >= 5 && strings.EqualFold(u[:5], "http:")
}

// isLoopback reports whether an http URL's host is one AWS accepts http for.
func isLoopback(u string) bool {
	host := loopbackHost(u)
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// loopbackHost returns the lower-cased host of an http(s) URL ("::1" for
// "[::1]"), or "" if it has none. It reads the authority as RFC 3986 does:
// after "//", up to the first '/', '?' or '#', without userinfo or port.
func loopbackHost(u string) string {
	i := strings.Index(u, "://")
	if i < 0 {
		return ""
	}
	auth := u[i+3:]
	if end := strings.IndexAny(auth, "/?#"); end >= 0 {
		auth = auth[:end]
	}
	if at := strings.LastIndexByte(auth, '@'); at >= 0 {
		auth = auth[at+1:]
	}
	if strings.HasPrefix(auth, "[") {
		if end := strings.IndexByte(auth, ']'); end >= 0 {
			return strings.ToLower(auth[1:end])
		}
		return ""
	}
	if colon := strings.IndexByte(auth, ':'); colon >= 0 {
		auth = auth[:colon]
	}
	return strings.ToLower(auth)
}
