# A policy with a bug real policies have: it takes whatever follows a
# second colon as the port, so a callback whose query holds a colon
# (?state=a:b) makes to_number fail. cognitolint reports that as a
# policy-error finding for that document (exit 2) instead of a silent pass.
package org.ports

# METADATA
# title: Callback ports below 1024 are reserved
# custom:
#   id: org-callback-port
deny contains {"msg": msg, "path": sprintf("CallbackURLs[%d]", [i])} if {
	some i, url in input.CallbackURLs
	parts := split(url, ":")
	count(parts) == 3
	port := to_number(split(parts[2], "/")[0])
	port < 1024
	msg := sprintf("callback %q uses the reserved port %d", [url, port])
}
