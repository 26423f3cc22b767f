package cognito.baseline_test

import data.cognito.baseline

paths(set) := {path_string(f.path) | some f in set}

path_string(p) := p if is_string(p)

path_string(p) := baseline.path_text(p) if is_array(p)

test_loopback_fires_on_each_list if {
	payload := object.union(secure, {
		"CallbackURLs": ["https://app.example.com/cb", "http://localhost:3000/cb", "http://127.0.0.1/cb", "http://[::1]:8080"],
		"LogoutURLs": ["HTTP://LOCALHOST/bye"],
		"DefaultRedirectURI": "http://localhost:3000/cb",
	})
	p := paths(baseline.warn_http_loopback_callback) with input as payload
	p == {"CallbackURLs[1]", "CallbackURLs[2]", "CallbackURLs[3]", "LogoutURLs[0]", "DefaultRedirectURI"}
}

test_loopback_quiet if {
	payload := with_member("CallbackURLs", ["https://localhost/cb", "https://app.example.com/cb", "http://localhost.example.com/cb", "http://127.0.0.10/cb"])
	count(baseline.warn_http_loopback_callback) == 0 with input as payload
}

test_localhost_name_fires if {
	r := baseline.warn_localhost_name with input as with_member("CallbackURLs", ["http://localhost:3000/cb", "http://127.0.0.1:3000/cb"])
	paths(r) == {"CallbackURLs[0]"}
	some f in r
	f.hint == "use \"http://127.0.0.1:3000/cb\" (or [::1])"
}

test_localhost_name_quiet_for_ip_literals if {
	count(baseline.warn_localhost_name) == 0 with input as with_member("CallbackURLs", ["http://127.0.0.1:3000/cb", "http://[::1]/cb", "https://localhostapp.com/"])
}

test_private_scheme_fires if {
	r := baseline.warn_private_scheme_not_reverse_domain with input as with_member("CallbackURLs", ["myapp://callback", "com.example.app:/cb", "exp+app://x"])
	paths(r) == {"CallbackURLs[0]", "CallbackURLs[2]"}
}

test_private_scheme_quiet_for_web_and_reverse_domain if {
	payload := with_member("CallbackURLs", ["https://app.example.com/cb", "HTTP://127.0.0.1/cb", "com.example.app:/cb", "no-scheme/at-all"])
	count(baseline.warn_private_scheme_not_reverse_domain) == 0 with input as payload
}

test_placeholder_fires if {
	payload := object.union(secure, {
		"CallbackURLs": ["https://example.com", "https://www.example.org/cb", "http://EXAMPLE.NET:8080/x", "https://app.example.com/cb"],
		"LogoutURLs": ["https://example.com/logout"],
	})
	p := paths(baseline.warn_placeholder_url) with input as payload
	p == {"CallbackURLs[0]", "CallbackURLs[1]", "CallbackURLs[2]", "LogoutURLs[0]"}
}

test_placeholder_quiet_for_subdomains_and_lookalikes if {
	payload := with_member("CallbackURLs", ["https://app.example.com/cb", "https://example.com.evil.io/", "https://myexample.com/", "https://example.co/"])
	count(baseline.warn_placeholder_url) == 0 with input as payload
}
