package input

import (
	"errors"
	"regexp"
	"sync"

	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// tfFunctions are the Terraform functions a configuration's values are
// evaluated with, by Terraform's names: the cty standard library that HCL's
// own tools use (github.com/zclconf/go-cty/cty/function/stdlib) and HCL's
// try/can. Terraform's own function library is internal to Terraform (not
// importable; research/formats.md §5), so a function that is in neither
// (file, templatefile, cidrsubnet, base64encode, index, …) is an unknown
// function: a value that calls it is unknown, never a guess. Functions whose
// cty behaviour differs from Terraform's are left out for the same reason:
// index (cty's is element lookup), length (cty's takes no string), replace
// (Terraform's takes a /regexp/).
var tfFunctions = sync.OnceValue(func() map[string]function.Function {
	fs := tfFunctionTable()
	for name, f := range fs {
		if name != "try" && name != "can" { // they take expressions, not values
			fs[name] = bounded(f, argChecks[name])
		}
	}
	return fs
})

// argChecks are the checks of the functions whose result can be far
// larger than their arguments, run before they are called.
var argChecks = map[string]func([]cty.Value) error{
	"format":     checkFormat,
	"formatlist": checkFormat,
	"indent":     checkIndent,
	"setproduct": checkProduct,
}

// maxValueSize bounds what one function call takes and gives, counted by
// valueSize: a few bytes of configuration must not become gigabytes
// (setproduct of three lists of 1,024; concat of a list a hundred times,
// over and over through locals).
const maxValueSize = 1 << 20

// valueSize is the size of v: the bytes of its strings and one for each
// value, counted up to limit (past it, limit+1).
func valueSize(v cty.Value, limit int) int {
	if !v.IsKnown() || v.IsNull() || v.IsMarked() {
		return 1
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return 1 + len(v.AsString())
	case t.IsListType() || t.IsSetType() || t.IsTupleType() || t.IsMapType() || t.IsObjectType():
		n := 1
		for it := v.ElementIterator(); it.Next() && n <= limit; {
			k, e := it.Element()
			if t.IsMapType() || t.IsObjectType() {
				n += valueSize(k, limit-n)
			}
			n += valueSize(e, limit-n)
		}
		return min(n, limit+1)
	}
	return 1
}

// tfFunctionTable is the function table before bounded.
func tfFunctionTable() map[string]function.Function {
	return map[string]function.Function{
		"abs":             stdlib.AbsoluteFunc,
		"can":             tryfunc.CanFunc,
		"ceil":            stdlib.CeilFunc,
		"chomp":           stdlib.ChompFunc,
		"chunklist":       stdlib.ChunklistFunc,
		"coalesce":        stdlib.CoalesceFunc,
		"coalescelist":    stdlib.CoalesceListFunc,
		"compact":         stdlib.CompactFunc,
		"concat":          stdlib.ConcatFunc,
		"contains":        stdlib.ContainsFunc,
		"csvdecode":       stdlib.CSVDecodeFunc,
		"distinct":        stdlib.DistinctFunc,
		"element":         stdlib.ElementFunc,
		"flatten":         stdlib.FlattenFunc,
		"floor":           stdlib.FloorFunc,
		"format":          stdlib.FormatFunc,
		"formatdate":      stdlib.FormatDateFunc,
		"formatlist":      stdlib.FormatListFunc,
		"indent":          stdlib.IndentFunc,
		"join":            stdlib.JoinFunc,
		"jsondecode":      stdlib.JSONDecodeFunc,
		"jsonencode":      stdlib.JSONEncodeFunc,
		"keys":            stdlib.KeysFunc,
		"log":             stdlib.LogFunc,
		"lookup":          stdlib.LookupFunc,
		"lower":           stdlib.LowerFunc,
		"max":             stdlib.MaxFunc,
		"merge":           stdlib.MergeFunc,
		"min":             stdlib.MinFunc,
		"parseint":        stdlib.ParseIntFunc,
		"pow":             stdlib.PowFunc,
		"range":           stdlib.RangeFunc,
		"regex":           stdlib.RegexFunc,
		"regexall":        stdlib.RegexAllFunc,
		"reverse":         stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc,
		"setproduct":      stdlib.SetProductFunc,
		"setsubtract":     stdlib.SetSubtractFunc,
		"setunion":        stdlib.SetUnionFunc,
		"signum":          stdlib.SignumFunc,
		"slice":           stdlib.SliceFunc,
		"sort":            stdlib.SortFunc,
		"split":           stdlib.SplitFunc,
		"strrev":          stdlib.ReverseFunc,
		"substr":          stdlib.SubstrFunc,
		"title":           stdlib.TitleFunc,
		"tobool":          stdlib.MakeToFunc(cty.Bool),
		"tolist":          stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"tomap":           stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"tonumber":        stdlib.MakeToFunc(cty.Number),
		"toset":           stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
		"tostring":        stdlib.MakeToFunc(cty.String),
		"trim":            stdlib.TrimFunc,
		"trimprefix":      stdlib.TrimPrefixFunc,
		"trimspace":       stdlib.TrimSpaceFunc,
		"trimsuffix":      stdlib.TrimSuffixFunc,
		"try":             tryfunc.TryFunc,
		"upper":           stdlib.UpperFunc,
		"values":          stdlib.ValuesFunc,
		"zipmap":          stdlib.ZipmapFunc,
	}
}

// A configuration is input: a function must not turn a few bytes of it
// into gigabytes. format's width and precision and indent's count are the
// stdlib arguments that do; they are bounded (Terraform itself would
// evaluate them, but no app client setting needs a field 1,000 wide).
const maxPad = 1000

// bounded is f with its arguments and result bounded by maxValueSize, and
// check (if any) run on its arguments first.
func bounded(f function.Function, check func([]cty.Value) error) function.Function {
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      f.Params(),
		VarParam:    f.VarParam(),
		Type:        func(args []cty.Value) (cty.Type, error) { return f.ReturnTypeForValues(args) },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			total := 0
			for _, a := range args {
				if total += valueSize(a, maxValueSize-total); total > maxValueSize {
					return cty.NilVal, errTooWide
				}
			}
			if check != nil {
				if err := check(args); err != nil {
					return cty.NilVal, err
				}
			}
			v, err := f.Call(args)
			if err == nil && valueSize(v, maxValueSize) > maxValueSize {
				return cty.NilVal, errTooWide
			}
			return v, err
		},
	})
}

// checkProduct bounds setproduct's result before it is made: the product
// of its arguments' lengths.
func checkProduct(args []cty.Value) error {
	product := 1
	for _, a := range args {
		if a.IsKnown() && !a.IsNull() && a.CanIterateElements() {
			if product *= a.LengthInt(); product > maxValueSize {
				return errTooWide
			}
		}
	}
	return nil
}

var wideVerbRe = regexp.MustCompile(`%[-+# 0]*(?:\[\d+\])?(?:\d{4,}|\d*\.\d{4,})`)

var errTooWide = errors.New("the result would be too large")

func checkFormat(args []cty.Value) error {
	if len(args) > 0 && args[0].IsKnown() && !args[0].IsNull() && args[0].Type() == cty.String &&
		wideVerbRe.MatchString(args[0].AsString()) {
		return errTooWide
	}
	return nil
}

func checkIndent(args []cty.Value) error {
	if len(args) > 0 && args[0].IsKnown() && !args[0].IsNull() && args[0].Type() == cty.Number {
		if n, _ := args[0].AsBigFloat().Int64(); n > maxPad || n < 0 {
			return errTooWide
		}
	}
	return nil
}
