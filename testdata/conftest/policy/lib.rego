package lib.urls

host(url) := h if {
	rest := split(url, "://")[1]
	h := split(split(rest, "/")[0], ":")[0]
}

loopback(url) if host(url) in {"localhost", "127.0.0.1"}
