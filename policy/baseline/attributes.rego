package cognito.baseline

# METADATA
# title: "WriteAttributes absent: every standard attribute is user-writable"
# description: >-
#   Without WriteAttributes every standard attribute is writable by the user
#   with an access token: users can change their email or phone number, which
#   apps often trust as verified identity.
# related_resources:
# - ref: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-attribute-permissions-and-scopes
#   description: AWS developer guide, attribute permissions
# custom:
#   id: sec-default-write-attributes
#   severity: info
warn_default_write_attributes contains {
	"msg": "WriteAttributes is not set: users can change every standard attribute (email, phone_number, …)",
	"path": "WriteAttributes",
	"hint": "list only the attributes the app lets users change",
} if {
	not input.WriteAttributes
	not has_unknown("WriteAttributes")
}
