# METADATA
# custom:
#   id: leak-secret
#   severity: error
package cognito.leak

# A careless policy that prints every member's value: the secret keys
# (any spelling) must reach it as "****".
deny contains msg if {
	some k, v in input
	contains(lower(k), "sec")
	msg := sprintf("%s is %v", [k, v])
}
