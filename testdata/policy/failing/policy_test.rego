package org.failing_test

import data.org.failing

test_passes if {
	"always" in failing.deny with input as {"ClientId": "x"}
}

test_fails if {
	print("deny was", failing.deny)
	count(failing.deny) == 0 with input as {"ClientId": "x"}
}
