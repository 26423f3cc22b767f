package cognito.baseline_test

import data.cognito.baseline

test_default_write_attributes_fires_when_absent if {
	paths(baseline.warn_default_write_attributes) == {"WriteAttributes"} with input as without("WriteAttributes")
}

test_default_write_attributes_quiet_when_listed if {
	count(baseline.warn_default_write_attributes) == 0 with input as secure
	count(baseline.warn_default_write_attributes) == 0 with input as with_member("WriteAttributes", [])
}

test_default_write_attributes_quiet_when_unknown if {
	count(baseline.warn_default_write_attributes) == 0 with input as without("WriteAttributes")
		with data.cognitolint.document.unknown as ["WriteAttributes"]
}
