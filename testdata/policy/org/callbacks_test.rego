package org.cognito_test

import data.org.cognito

test_unapproved_callback_denied if {
	r := cognito.deny with input as {"CallbackURLs": ["https://evil.example/cb"]} with data.allowed_hosts as ["app.corp.example"] with data.limits.access_token_minutes as 60
	count(r) == 1
}

test_approved_callback_allowed if {
	r := cognito.deny with input as {"CallbackURLs": ["https://app.corp.example/cb"]} with data.allowed_hosts as ["app.corp.example"] with data.limits.access_token_minutes as 60
	count(r) == 0
}
