package policy

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Namespaces and exceptions, as conftest has them (policy/engine.go of
// open-policy-agent/conftest; docs/exceptions.md).
//
// conftest runs only package main unless --namespace or --all-namespaces
// says otherwise. cognitolint has always run every package that has
// deny/violation/warn rules (docs/spec/policy.md's own example is
// `package org.cognito`), and keeps doing so when no namespace is given:
// running only main by default would silently drop every existing
// organizational policy. So:
//   - no flag, or --all-namespaces: every package runs and every package
//     is type-checked against the request shape. A package written for
//     other inputs (input.kind) is a load error whose message says to
//     select cognitolint's packages with --namespace.
//   - --namespace NS (repeatable; an exact package name or a path.Match
//     glob such as "k8s.*", as conftest's -n): only those packages run,
//     and only they and the packages they refer to are compiled and
//     type-checked. A namespace that matches no package is a load error
//     (conftest would silently check nothing).
//   - The baseline pack is not a namespace: it runs unless --no-baseline.

// selectModules returns the modules to compile: with opts.Namespaces, the
// baseline's, those of the selected packages, and every module of a
// package they refer to (data.lib.util, an import); otherwise all.
func selectModules(mods map[string]*ast.Module, byName map[string]source, opts *Options) (map[string]*ast.Module, Errors) {
	if len(opts.Namespaces) > 0 && opts.AllNamespaces {
		return nil, Errors{{Message: "--namespace and --all-namespaces exclude each other: give one"}}
	}
	for _, ns := range opts.Namespaces {
		if _, err := path.Match(ns, ""); err != nil || ns == "" {
			return nil, Errors{{Message: fmt.Sprintf("--namespace %q: not a package name or glob", ns)}}
		}
	}
	if len(opts.Namespaces) == 0 {
		return mods, nil
	}
	pkgOf := func(m *ast.Module) string { return strings.TrimPrefix(m.Package.Path.String(), "data.") }
	names := make([]string, 0, len(mods))
	for n := range mods {
		names = append(names, n)
	}
	sort.Strings(names)
	out := map[string]*ast.Module{}
	var work []*ast.Module
	add := func(n string) {
		if _, ok := out[n]; !ok {
			out[n] = mods[n]
			work = append(work, mods[n])
		}
	}
	var errs Errors
	var userPkgs []string
	for _, n := range names {
		if !byName[n].baseline && !slices.Contains(userPkgs, pkgOf(mods[n])) {
			userPkgs = append(userPkgs, pkgOf(mods[n]))
		}
	}
	for _, ns := range opts.Namespaces {
		found := false
		for _, n := range names {
			if ok, _ := path.Match(ns, pkgOf(mods[n])); ok {
				found = true
				add(n)
			}
		}
		if !found {
			errs = append(errs, Error{Message: fmt.Sprintf("--namespace %s matches no package of the policies (packages: %s)", ns, strings.Join(userPkgs, ", "))})
		}
	}
	for _, n := range names {
		if byName[n].baseline {
			add(n)
		}
	}
	// The packages the selected modules refer to, transitively.
	for len(work) > 0 {
		m := work[0]
		work = work[1:]
		var refs []ast.Ref
		for _, imp := range m.Imports {
			if r, ok := imp.Path.Value.(ast.Ref); ok {
				refs = append(refs, r)
			}
		}
		ast.WalkRefs(m, func(r ast.Ref) bool {
			refs = append(refs, r)
			return false
		})
		for _, r := range refs {
			if !r.HasPrefix(ast.DefaultRootRef) {
				continue
			}
			r = r.ConstantPrefix()
			for _, n := range names {
				p := mods[n].Package.Path
				if r.HasPrefix(p) || p.HasPrefix(r) {
					add(n)
				}
			}
		}
	}
	return out, errs
}

// hintNamespaces adds, to a type error about a member of input that the
// request shape does not have, how to leave out a package written for
// other inputs.
func hintNamespaces(errs Errors, mods map[string]*ast.Module) Errors {
	hinted := map[string]bool{}
	for i := range errs.sorted() {
		e := &errs[i]
		if !strings.Contains(e.Message, "input has no member") {
			continue
		}
		if m := mods[e.File]; m != nil {
			pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
			if !hinted[pkg] {
				hinted[pkg] = true
				e.Message += fmt.Sprintf(" (if package %s is written for other inputs, as in a shared conftest folder, run only the packages for app clients: --namespace main, or their names)", pkg)
			}
		}
	}
	return errs
}

// exceptionName is the name a conftest exception gives rule name: the
// suffix after deny_, violation_ or warn_, and "" for a bare deny,
// violation or warn (conftest's removeRulePrefix).
func exceptionName(rule string) string {
	for _, p := range []string{"deny", "violation", "warn"} {
		if rule == p {
			return ""
		}
		if s, ok := strings.CutPrefix(rule, p+"_"); ok {
			return s
		}
	}
	return rule
}

// excepted reads an exception document: a set whose elements are lists
// (or sets) of rule names, as conftest's query data.<ns>.exception[_][_]
// reads it.
func excepted(v ast.Value) map[string]bool {
	set, ok := v.(ast.Set)
	if !ok {
		return nil
	}
	out := map[string]bool{}
	set.Foreach(func(t *ast.Term) {
		add := func(x *ast.Term) {
			if s, ok := x.Value.(ast.String); ok {
				out[string(s)] = true
			}
		}
		switch c := t.Value.(type) {
		case *ast.Array:
			c.Foreach(add)
		case ast.Set:
			c.Foreach(add)
		}
	})
	return out
}
