# A policy written for conftest against the raw payload: no METADATA.
package main

deny contains msg if {
	"implicit" in input.AllowedOAuthFlows
	msg := "the implicit grant is banned here"
}

warn contains msg if {
	not input.AuthSessionValidity
	msg := "set AuthSessionValidity explicitly"
}
