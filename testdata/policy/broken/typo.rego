package org.typo

deny contains msg if {
	some url in input.CallbackUrls
	msg := url
}
