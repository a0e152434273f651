package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// binary is the command, built once for all tests.
var binary string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "salestime-test")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "salestime")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		panic("building the command: " + err.Error())
	}
	code := m.Run()
	if err := os.RemoveAll(dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	os.Exit(code)
}

// runCommand runs the command with args and stdin, and returns its output
// and exit status.
func runCommand(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		code = exitErr.ExitCode()
	case err != nil:
		t.Fatalf("running %v: %v", args, err)
	}
	return out.String(), errOut.String(), code
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file: %v (run go test -update to write it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("output differs from %s (-want +got):\n%s", path, diff)
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		golden string
	}{
		{"embedded sample", nil, "sample.golden"},
		{"top 2, days in halves", []string{"-key", "top:2", "-budget", "220", "-step", "0.5", "-unit", "days"}, "top2-days.golden"},
		{"share as a percentage", []string{"-key", "share:50%"}, "share50.golden"},
		{"minimum revenue", []string{"-key", "min:90000", "-budget", "1000", "-unit", "calls"}, "min.golden"},
		{"marked", []string{"-key=marked"}, "marked.golden"},
		{"abc", []string{"-key", "abc"}, "abc.golden"},
		{"no key customers", []string{"-key", "top:0"}, "none.golden"},
		{"semicolons and decimal commas", []string{"-step", "0.25", "testdata/semicolon.csv"}, "semicolon.golden"},
		{"owners", []string{"-key", "top:1", "testdata/owners.csv"}, "owners.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCommand(t, "", tt.args...)
			if code != 0 || stderr != "" {
				t.Fatalf("salestime %v exited %d with %q", tt.args, code, stderr)
			}
			checkGolden(t, tt.golden, stdout)
		})
	}
}

func TestNoCustomers(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"no rows", "name,revenue\n", []string{"-"}, "No customers: all 1600 hours go to prospecting.\n"},
		{"no rows with owners", "owner,name,revenue\n", []string{"-"}, "No customers.\n"},
		{"no rows with owners, JSON", "owner,name,revenue\n", []string{"-format", "json", "-"}, "[]\n"},
		{"no rows, CSV", "name,revenue\n", []string{"-format", "csv", "-"},
			"customer,revenue,new,rule,revenue_share,time_share,amount\nother customers and prospecting,,,,1,1,1600\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCommand(t, tt.stdin, tt.args...)
			if code != 0 || stderr != "" || stdout != tt.want {
				t.Errorf("salestime %q = %q, exit %d, stderr %q; want %q", tt.args, stdout, code, stderr, tt.want)
			}
		})
	}
}

func TestStandardInput(t *testing.T) {
	data, err := os.ReadFile("testdata/semicolon.csv")
	if err != nil {
		t.Fatal(err)
	}
	fromFile, _, _ := runCommand(t, "", "-format", "csv", "testdata/semicolon.csv")
	fromStdin, stderr, code := runCommand(t, string(data), "-format", "csv", "-")
	if code != 0 || stderr != "" {
		t.Fatalf("salestime - exited %d with %q", code, stderr)
	}
	if fromStdin != fromFile || fromFile == "" {
		t.Errorf("output from standard input %q, want the output from the file %q", fromStdin, fromFile)
	}
}

func TestJSON(t *testing.T) {
	type plan struct {
		Budget string `json:"budget"`
		Lines  []struct {
			Customer struct{ Name string } `json:"customer"`
			Amount   string                `json:"amount"`
		} `json:"lines"`
		Rest string `json:"rest"`
	}
	type result struct {
		Owner      *string `json:"owner"`
		Allocation struct {
			KeyTimeShare string `json:"keyTimeShare"`
		} `json:"allocation"`
		Plan plan `json:"plan"`
	}
	stdout, stderr, code := runCommand(t, "", "-format", "json", "-key", "top:1")
	if code != 0 || stderr != "" {
		t.Fatalf("salestime -format json exited %d with %q", code, stderr)
	}
	var single result
	if err := json.Unmarshal([]byte(stdout), &single); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, stdout)
	}
	if single.Owner != nil || single.Allocation.KeyTimeShare != "0.182" || single.Plan.Budget != "1600" ||
		len(single.Plan.Lines) != 1 || single.Plan.Lines[0].Customer.Name != "Nordwind Logistics" ||
		single.Plan.Lines[0].Amount != "291" || single.Plan.Rest != "1309" {
		t.Errorf("salestime -format json -key top:1 = %+v, want Nordwind Logistics with 291 of 1600 hours", single)
	}

	stdout, _, code = runCommand(t, "", "-format", "json", "-key", "top:1", "testdata/owners.csv")
	var grouped []result
	if err := json.Unmarshal([]byte(stdout), &grouped); code != 0 || err != nil {
		t.Fatalf("output with owners is not a JSON array (exit %d): %v\n%s", code, err, stdout)
	}
	var owners []string
	for _, r := range grouped {
		if r.Owner == nil {
			t.Fatalf("result without owner: %+v", r)
		}
		owners = append(owners, *r.Owner)
		sum := decimal.RequireFromString(r.Plan.Rest)
		for _, l := range r.Plan.Lines {
			sum = sum.Add(decimal.RequireFromString(l.Amount))
		}
		if !sum.Equal(decimal.RequireFromString("1600")) {
			t.Errorf("owner %s: amounts add up to %v, want 1600", *r.Owner, sum)
		}
	}
	if diff := cmp.Diff([]string{"Anna", "Bartek"}, owners); diff != "" {
		t.Errorf("owners mismatch (-want +got):\n%s", diff)
	}
}

func TestCSV(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want [][]string
	}{
		{"single", []string{"-format", "csv", "-key", "top:2"}, [][]string{
			{"customer", "revenue", "new", "rule", "revenue_share", "time_share", "amount"},
			{"Nordwind Logistics", "182000", "false", "existing customers", "0.364", "0.182", "291"},
			{"Baltic Foods", "126500", "false", "existing customers", "0.253", "0.1265", "202"},
			{"other customers and prospecting", "", "", "", "0.383", "0.6915", "1107"},
		}},
		{"owners", []string{"-format", "csv", "-key", "top:1", "-budget", "100", "testdata/owners.csv"}, [][]string{
			{"owner", "customer", "revenue", "new", "rule", "revenue_share", "time_share", "amount"},
			{"Anna", "Kowalski Bau", "182000.00", "false", "existing customers", "0.443416303345", "0.221708151673", "22"},
			{"Anna", "other customers and prospecting", "", "", "", "0.556583696655", "0.778291848327", "78"},
			{"Bartek", "Zielona Energia", "250000.00", "true", "new customers", "0.829875518672", "0.622406639004", "62"},
			{"Bartek", "other customers and prospecting", "", "", "", "0.170124481328", "0.377593360996", "38"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCommand(t, "", tt.args...)
			if code != 0 || stderr != "" {
				t.Fatalf("salestime %v exited %d with %q", tt.args, code, stderr)
			}
			got, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
			if err != nil {
				t.Fatalf("output is not CSV: %v\n%s", err, stdout)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("salestime %v mismatch (-want +got):\n%s", tt.args, diff)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("name,revenue\nAcme,100\nBeta,12x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		stdin   string
		code    int
		message string
	}{
		{"bad revenue", []string{bad}, "", 1, `bad.csv: invalid revenue: line 3, column "revenue", customer "Beta"`},
		{"missing file", []string{"testdata/missing.csv"}, "", 1, "testdata/missing.csv"},
		{"directory", []string{"testdata"}, "", 1, "testdata"},
		{"bad standard input", []string{"-"}, "name;revenue\nA;1\nA;2\n", 1, `standard input: duplicate customer: line 3: customer "A" is also on line 2`},
		{"no header", []string{"-"}, "", 1, "standard input: invalid CSV: no header row"},
		{"flags after the file", []string{"testdata/owners.csv", "-key", "top:1"}, "", 0, ""},
		{"unknown flag", []string{"-frobnicate"}, "", 2, "flag provided but not defined"},
		{"bad budget", []string{"-budget", "lots"}, "", 2, `-budget "lots" is not a number`},
		{"negative budget", []string{"-budget", "-5"}, "", 2, "budget -5 is negative"},
		{"budget not in steps", []string{"-budget", "10", "-step", "3"}, "", 2, "not a whole number of steps"},
		{"huge budget", []string{"-budget", "1e5000"}, "", 2, "more than the 30 allowed"},
		{"bad step", []string{"-step", "x"}, "", 2, `-step "x"`},
		{"zero step", []string{"-step", "0"}, "", 2, "step 0 is not positive"},
		{"bad key", []string{"-key", "biggest"}, "", 2, "top:N, share:S, min:R, marked or abc"},
		{"bad top", []string{"-key", "top:x"}, "", 2, "top:N"},
		{"negative top", []string{"-key", "top:-1"}, "", 2, "n is negative"},
		{"bad share", []string{"-key", "share:lots"}, "", 2, "share:S"},
		{"share too large", []string{"-key", "share:120%"}, "", 2, "share must be greater than 0 and at most 1"},
		{"bad min", []string{"-key", "min:"}, "", 2, "min:R"},
		{"negative min", []string{"-key", "min:-3"}, "", 2, "minimum is negative"},
		{"abc with argument", []string{"-key", "abc:3"}, "", 2, "abc without an argument"},
		{"bad format", []string{"-format", "xml"}, "", 2, `-format "xml"`},
		{"blank unit", []string{"-unit", " "}, "", 2, "-unit must not be blank"},
		{"two files", []string{"a.csv", "b.csv"}, "", 2, "one file at most"},
		{"two files around a flag", []string{"a.csv", "-key", "abc", "b.csv"}, "", 2, "one file at most"},
		{"empty file name", []string{""}, "", 2, "file name is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCommand(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Fatalf("salestime %q exited %d, want %d; stderr: %s", tt.args, code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.message) {
				t.Errorf("salestime %q stderr = %q, want it to say %q", tt.args, stderr, tt.message)
			}
			if code != 0 && stdout != "" {
				t.Errorf("salestime %q printed %q to stdout on error, want nothing", tt.args, stdout)
			}
			if code == 2 && !strings.Contains(stderr, "salestime -h") {
				t.Errorf("salestime %q stderr = %q, want a pointer to the usage", tt.args, stderr)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	stdout, stderr, code := runCommand(t, "", "-h")
	if code != 0 || stdout != "" {
		t.Errorf("salestime -h exited %d with stdout %q, want 0 and nothing", code, stdout)
	}
	for _, want := range []string{"usage: salestime [flags] [FILE | -]", "-budget", "-step", "-unit", "-key", "-format"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("salestime -h does not say %q:\n%s", want, stderr)
		}
	}
}

// The README shows the semicolon example and its output as they are.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile("testdata/semicolon.golden")
	if err != nil {
		t.Fatal(err)
	}
	input, err := os.ReadFile("testdata/semicolon.csv")
	if err != nil {
		t.Fatal(err)
	}
	in := strings.ReplaceAll(strings.TrimPrefix(string(input), "\ufeff"), "\r\n", "\n")
	for name, want := range map[string]string{"input": in, "output": string(golden)} {
		if !strings.Contains(string(readme), strings.TrimRight(want, "\n")) {
			t.Errorf("README.md does not show the example %s:\n%s", name, want)
		}
	}
}
