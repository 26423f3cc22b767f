package input

import "testing"

func TestReadable(t *testing.T) {
	for name, want := range map[string]bool{
		"client.json":              true,
		"stack.yaml":               true,
		"stack.YML":                true,
		"main.tf":                  true,
		"stack.template":           true,
		"dir.v1/stack.template":    true,
		"stack.yaml.template":      true,
		"stack.json.template":      true,
		"ui/app.js.template":       false, // another tool's template (seen in a real repository)
		"ui/index.html.template":   false,
		"README.md":                false,
		"main.go":                  false,
		"settings.template.backup": false,
	} {
		if got := Readable(name); got != want {
			t.Errorf("Readable(%q) = %v, want %v", name, got, want)
		}
	}
}
