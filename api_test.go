package salestime_test

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// packageDoc returns the documentation of the package, without its tests.
func packageDoc(t *testing.T) *doc.Package {
	t.Helper()
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	p, err := doc.NewFromFiles(fset, files, "github.com/salestime/salestime")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// exportedNames returns the exported names of p: its constants,
// variables, functions, types and their methods, as pkg.go.dev lists them.
func exportedNames(p *doc.Package) []string {
	var names []string
	values := func(vs []*doc.Value) {
		for _, v := range vs {
			names = append(names, v.Names...)
		}
	}
	funcs := func(fs []*doc.Func, prefix string) {
		for _, f := range fs {
			names = append(names, prefix+f.Name)
		}
	}
	values(p.Consts)
	values(p.Vars)
	funcs(p.Funcs, "")
	for _, typ := range p.Types {
		names = append(names, typ.Name)
		values(typ.Consts)
		values(typ.Vars)
		funcs(typ.Funcs, "")
		funcs(typ.Methods, typ.Name+".")
	}
	return names
}

// The API stays small enough to read: at most 90 exported names.
func TestAPISize(t *testing.T) {
	names := exportedNames(packageDoc(t))
	if len(names) > 90 {
		t.Errorf("the package exports %d names, more than 90: %s", len(names), strings.Join(names, ", "))
	}
	for _, core := range []string{"NewPortfolio", "Customer", "Portfolio", "Rule", "NewRule", "ExistingCustomers", "NewCustomers",
		"ExistingCustomerTime", "NewCustomerTime", "Rule.TimeShare", "TopN", "TopShare", "MinRevenue", "ABC", "Marked", "Selector",
		"Allocate", "Allocation", "Line", "Plan", "PlanLine", "ReadCSV", "MaxPlaces", "MaxIntegerDigits", "MaxSteps", "SharePlaces"} {
		found := false
		for _, n := range names {
			found = found || n == core
		}
		if !found {
			t.Errorf("the package no longer exports %s, a name of its first release", core)
		}
	}
}

// The package documentation names every sentinel error.
func TestDocNamesEverySentinel(t *testing.T) {
	p := packageDoc(t)
	n := 0
	for _, v := range p.Vars {
		for _, spec := range v.Decl.Specs {
			for _, name := range spec.(*ast.ValueSpec).Names {
				if !strings.HasPrefix(name.Name, "Err") {
					continue
				}
				n++
				if !strings.Contains(p.Doc, "["+name.Name+"]") {
					t.Errorf("the package documentation does not name %s", name.Name)
				}
			}
		}
	}
	if n < 10 {
		t.Errorf("found %d sentinels, want the package's", n)
	}
}
