// Package baseline is cognitolint's baseline security pack: the sec-* rules
// of docs/spec/rules.md written in Rego, with their unit tests (*_test.rego), embedded
// in the binary. Package policy loads it unless told not to.
package baseline

import "embed"

// FS holds the pack's .rego files, tests included.
//
//go:embed *.rego
var FS embed.FS
