package report

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// relPath returns file as a slash-separated path relative to base (the
// working directory when base is ""), or file itself (slashed) when it is
// not below base. Paths are what code scanning and CI annotations match
// against the repository, so they must be relative and stable.
func relPath(file, base string) string {
	if file == "" || file == "-" {
		return file
	}
	if !filepath.IsAbs(file) {
		return filepath.ToSlash(filepath.Clean(file))
	}
	if base == "" {
		wd, err := os.Getwd()
		if err != nil {
			return filepath.ToSlash(file)
		}
		base = wd
	}
	if rel, err := filepath.Rel(base, file); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

// fileURI returns the SARIF artifactLocation uri of a file: a relative URI
// reference for a relative path, a file: URI for an absolute one.
func fileURI(file, base string) string {
	p := relPath(file, base)
	if p == "-" {
		return "stdin"
	}
	if filepath.IsAbs(filepath.FromSlash(p)) || strings.HasPrefix(p, "/") {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive: file:///C:/x
		}
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	// url.URL escapes what a URI reference cannot hold (spaces, '%', '#',
	// '?') and guards a first element with ':' ("./a:b").
	return (&url.URL{Path: p}).String()
}
