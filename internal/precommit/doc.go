// Package precommit holds the end-to-end test of cognitolint's pre-commit
// hook (.pre-commit-hooks.yaml at the repository root): it runs a real
// `pre-commit run --all-files` against this checkout. It has no code.
package precommit
