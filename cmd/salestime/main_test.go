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
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// binary is the command, built once for all tests.
var binary string

func TestMain(m *testing.M) {
	if path := os.Getenv(floorEnv); path != "" {
		// The test binary runs as the floor program of BenchmarkRun.
		if err := floor(path); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
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
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin) // a pipe; without, /dev/null
	}
	return runWith(t, cmd, args)
}

// runWith runs cmd, made with args, and returns its output and exit status.
func runWith(t *testing.T, cmd *exec.Cmd, args []string) (stdout, stderr string, code int) {
	t.Helper()
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

// checkRun runs salestime with args, which must succeed without a word on
// standard error, and compares its output with testdata/golden.
func checkRun(t *testing.T, golden string, args ...string) {
	t.Helper()
	stdout, stderr, code := runCommand(t, "", args...)
	if code != 0 || stderr != "" {
		t.Fatalf("salestime %q exited %d with %q", args, code, stderr)
	}
	checkGolden(t, golden, stdout)
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
		{"deals export", []string{"-col", "name=Account Name", "-col", "revenue=Amount", "-col", "owner=Opportunity Owner", "-sum",
			"-key", "top:2", "testdata/deals.csv"}, "deals.golden"},
		{"German Excel", []string{"-col", "name=Kunde", "-col", "revenue=Umsatz", "-col", "new=Neu", "-encoding", "windows-1252",
			"testdata/german-cp1252.csv"}, "german.golden"},
		{"Excel's CSV (Macintosh)", []string{"-col", "name=Kunde", "-col", "revenue=Umsatz", "-col", "new=Neu", "-encoding", "macintosh",
			"testdata/german-mac.csv"}, "german.golden"},
		{"Polish code page", []string{"-col", "name=Klient", "-col", "revenue=Przychód", "-col", "new=Nowy", "-encoding", "cp1250",
			"-step", "0.5", "testdata/polish-cp1250.csv"}, "polish.golden"},
		{"Unicode text", []string{"testdata/unicode-text.txt"}, "unicode-text.golden"},
		{"a grouped report, filled down, with budgets", []string{"-col", "owner=Opportunity Owner", "-col", "name=Account Name", "-col", "revenue=Amount",
			"-fill-down", "owner", "-budgets", "testdata/budgets-named.csv", "-budgets-col", "owner=Verkäufer", "-budgets-col", "budget=Stunden",
			"-key", "top:2", "testdata/grouped.csv"}, "grouped.golden"},
		{"owners in currencies of their own", []string{"-key", "top:1", "testdata/currencies.csv"}, "currencies.golden"},
		{"Japanese Excel", []string{"-encoding", "cp932", "-col", "name=顧客名", "-col", "revenue=売上", "-col", "new=新規",
			"testdata/japanese-cp932.csv"}, "japanese.golden"},
		{"review", []string{"-actual", "testdata/activities.csv", "-actual-col", "customer=Account Name",
			"-period", "2027-01-01..2027-12-31", "-until", "2027-03-31"}, "review.golden"},
		{"review of a team", []string{"-actual", "testdata/team-activities.csv", "-actual-col", "customer=Customer",
			"-actual-col", "duration=Hours", "-dates", "dmy", "-period", "2027-01-01..2027-06-30", "-key", "top:1", "testdata/owners.csv"}, "review-team.golden"},
		{"review without a period", []string{"-actual", "testdata/activities.csv", "-actual-col", "customer=Account Name", "-tolerance", "50%"},
			"review-whole.golden"},
		{"review of a team on a page, each against their budget", []string{"-format", "html", "-actual", "testdata/team-activities.csv", "-actual-col", "customer=Customer",
			"-actual-col", "duration=Hours", "-dates", "dmy", "-period", "2027-01-01..2027-06-30", "-key", "top:1", "-budgets", "testdata/budgets.csv",
			"testdata/owners.csv"}, "review-team.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRun(t, tt.golden, tt.args...)
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
		{"no rows", "name,revenue\n", []string{"-"}, "No customers: all 1 600 hours go to prospecting.\n"},
		{"no rows with owners", "owner,name,revenue\n", []string{"-"}, "No customers.\n"},
		{"no rows with owners, JSON", "owner,name,revenue\n", []string{"-format", "json", "-"},
			"{\"unit\":\"hours\",\"selector\":\"share:0.8\",\"plans\":[\n],\n\"summary\":{\"groups\":0,\"customers\":0,\"keyCustomers\":0,\"mixed\":false," +
				"\"revenue\":\"0\",\"keyRevenue\":\"0\",\"keyRevenueShare\":\"0\",\"budget\":\"0\",\"key\":\"0\",\"rest\":\"0\",\"other\":\"0\",\"prospecting\":\"0\",\"keyTimeShare\":\"0\"}}\n"},
		{"no rows, CSV", "name,revenue\n", []string{"-format", "csv", "-"},
			"kind,rank,customer,revenue,new,rule,revenue_share,time_share,amount\nrest,,other customers and prospecting,,,,,1,1600\n"},
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

// With no file, standard input is read, from a file or a pipe, as any
// filter reads it; the sample is for a terminal or /dev/null, or a pipe
// that ends before its first byte, and then the command says so.
func TestStandardInputWithoutDash(t *testing.T) {
	fromFile, _, _ := runCommand(t, "", "testdata/semicolon.csv")
	f, err := os.Open("testdata/semicolon.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }() // read only
	cmd := exec.Command(binary)
	cmd.Stdin = f
	stdout, stderr, code := runWith(t, cmd, nil)
	if code != 0 || stderr != "" || stdout != fromFile {
		t.Errorf("salestime < semicolon.csv = %q, exit %d, stderr %q; want %q", stdout, code, stderr, fromFile)
	}

	data, err := os.ReadFile("testdata/semicolon.csv")
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code = runCommand(t, string(data)) // a pipe
	if code != 0 || stderr != "" || stdout != fromFile {
		t.Errorf("cat semicolon.csv | salestime = %q, exit %d, stderr %q; want %q", stdout, code, stderr, fromFile)
	}

	sampleOut, stderr, code := runCommand(t, "") // /dev/null
	if code != 0 || stderr != "" || !strings.HasPrefix(sampleOut, "Key customers bring 80.5% of revenue") {
		t.Errorf("salestime < /dev/null = %q, exit %d, stderr %q; want the sample's plan", sampleOut, code, stderr)
	}
	cmd = exec.Command(binary)
	cmd.Stdin = strings.NewReader("") // a pipe that ends at once
	stdout, stderr, code = runWith(t, cmd, nil)
	want := "salestime: standard input is empty: showing the built-in sample\n"
	if code != 0 || stderr != want || stdout != sampleOut {
		t.Errorf("true | salestime = %q, exit %d, stderr %q; want the sample and %q", stdout, code, stderr, want)
	}
}

// A workbook is read by its content, each cell as stored.
func TestWorkbook(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "accounts.xlsx")
	writeWorkbook(t, path)
	stdout, stderr, code := runCommand(t, "", "-col", "name=Account Name", "-step", "0.25", path)
	note := `salestime: ` + path + `: reading sheet "Accounts", the one Excel opens on, of "Accounts", "Notes"; -sheet names another` + "\n"
	if code != 0 || stderr != note {
		t.Fatalf("salestime accounts.xlsx exited %d with %q, want 0 and %q", code, stderr, note)
	}
	checkGolden(t, "workbook.golden", stdout)
	all, stderr, code := runCommand(t, "", "-col", "name=Account Name", "-key", "min:0", "-format", "csv", path)
	records, err := csv.NewReader(strings.NewReader(all)).ReadAll()
	if code != 0 || err != nil {
		t.Fatalf("salestime -format csv accounts.xlsx exited %d with %q, %v", code, stderr, err)
	}
	var got [][]string
	for _, r := range records[1 : len(records)-1] {
		got = append(got, r[2:5])
	}
	want := [][]string{
		{"Kowalski Bau", "182000", "false"}, {"Müller Stahl", "126500.5", "false"}, {"Nowak Trans", "94000", "true"},
		{"Lis i Syn", "49999.99", "false"}, {"Café Paris", "7949.5", "false"}, {"Tiny", "0.0015", "false"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("customers read from the workbook mismatch (-want +got):\n%s", diff)
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fromStdin, stderr, code := runCommand(t, string(data), "-col", "name=Account Name", "-step", "0.25", "-")
	if code != 0 || !strings.HasPrefix(stderr, "salestime: standard input: reading sheet") || fromStdin != stdout {
		t.Errorf("salestime - < accounts.xlsx = %q, exit %d, stderr %q; want the output from the file", fromStdin, code, stderr)
	}

	tests := []struct {
		name    string
		args    []string
		code    int
		message string
	}{
		{"other sheet", []string{"-sheet", "notes", path}, 1,
			`accounts.xlsx, sheet "Notes", row 1: no column "name" for the name, "revenue" for the revenue; the header has "Note"`},
		{"no such sheet", []string{"-sheet", "Sheet9", path}, 1, `the workbook has no sheet "Sheet9"; its sheets are "Accounts", "Notes"`},
		{"-numbers", []string{"-numbers", "1.234,56", path}, 2, "-numbers is for CSV files"},
		{"-encoding", []string{"-encoding", "windows-1250", path}, 2, "-encoding is for CSV files"},
		{"bad cell", []string{"-sheet", "Bad", badWorkbook(t, dir)}, 1,
			`sheet "Bad", row 3, column B "revenue", customer "B": revenue "1.234,50" is not a number in the format 1234.56`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCommand(t, "", tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.message) {
				t.Errorf("salestime %q exited %d with %q, want %d and %q", tt.args, code, stderr, tt.code, tt.message)
			}
		})
	}
}

// writeWorkbook writes a workbook of accounts to path, its numbers shown
// in a format of their own, with an empty row and a second sheet.
func writeWorkbook(t *testing.T, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer func() { _ = f.Close() }() // saved, or the test has failed
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Accounts"))
	_, err := f.NewSheet("Notes")
	must(err)
	must(f.SetCellValue("Notes", "A1", "Note"))
	euros := "#,##0 \"EUR\""
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &euros})
	must(err)
	rows := [][]any{
		{"Account Name", "Revenue", "New"},
		{"Kowalski Bau", 182000, false},
		nil,
		{"Müller Stahl", 126500.5, false},
		{"Nowak Trans", 94000, true},
		{"Café Paris", 7949.5}, // no cell for New
		{"Lis i Syn", 49999.99, nil},
	}
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		must(err)
		if row != nil {
			must(f.SetSheetRow("Accounts", cell, &row))
		}
	}
	must(f.SetCellDefault("Accounts", "B8", "1.5E-3")) // a number as Excel stores a small one
	must(f.SetCellValue("Accounts", "A8", "Tiny"))
	must(f.SetCellStyle("Accounts", "B2", "B8", style))
	must(f.SaveAs(path))
}

// badWorkbook writes a workbook whose revenue is a text cell in a format of
// its own, and returns its path.
func badWorkbook(t *testing.T, dir string) string {
	t.Helper()
	f := excelize.NewFile()
	defer func() { _ = f.Close() }() // saved, or the test has failed
	path := filepath.Join(dir, "bad.xlsx")
	if err := f.SetSheetName("Sheet1", "Bad"); err != nil {
		t.Fatal(err)
	}
	for i, row := range [][]any{{"name", "revenue"}, {"A", 10}, {"B", "1.234,50"}} {
		if err := f.SetSheetRow("Bad", fmt.Sprintf("A%d", i+1), &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// outputJSON is the command's JSON, as a program reads it.
type outputJSON struct {
	Unit     string          `json:"unit"`
	Currency string          `json:"currency"`
	Selector string          `json:"selector"`
	Plans    []planJSON      `json:"plans"`
	Summary  json.RawMessage `json:"summary"`
}

// planJSON is a group's plan as the library writes it.
type planJSON struct {
	Owner              string            `json:"owner"`
	Currency           string            `json:"currency"`
	Customers          int               `json:"customers"`
	KeyCustomers       int               `json:"keyCustomers"`
	KeyRevenueShare    decimal.Decimal   `json:"keyRevenueShare"`
	KeyTimeShare       decimal.Decimal   `json:"keyTimeShare"`
	RestTimeShare      decimal.Decimal   `json:"restTimeShare"`
	Budget             decimal.Decimal   `json:"budget"`
	Step               decimal.Decimal   `json:"step"`
	KeyAmount          decimal.Decimal   `json:"keyAmount"`
	Rest               decimal.Decimal   `json:"rest"`
	Other              *decimal.Decimal  `json:"other"`
	Prospecting        *decimal.Decimal  `json:"prospecting"`
	Periods            []string          `json:"periods"`
	PeriodBudgets      []decimal.Decimal `json:"periodBudgets"`
	RestPeriods        []decimal.Decimal `json:"restPeriods"`
	OtherPeriods       []decimal.Decimal `json:"otherPeriods"`
	ProspectingPeriods []decimal.Decimal `json:"prospectingPeriods"`
	Key                []keyJSON         `json:"key"`
	Review             json.RawMessage   `json:"review"`
}

type keyJSON struct {
	Rank         int               `json:"rank"`
	Name         string            `json:"name"`
	Revenue      decimal.Decimal   `json:"revenue"`
	New          bool              `json:"new"`
	Rule         string            `json:"rule"`
	RevenueShare decimal.Decimal   `json:"revenueShare"`
	TimeShare    decimal.Decimal   `json:"timeShare"`
	Amount       decimal.Decimal   `json:"amount"`
	Periods      []decimal.Decimal `json:"periods"`
}

// The JSON has one shape, with or without owners: every plan's parties add
// up to its budget.
func TestJSON(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		owners []string
	}{
		{"one portfolio", []string{"-key", "top:1"}, []string{""}},
		{"owners", []string{"-key", "top:1", "testdata/owners.csv"}, []string{"Anna", "Bartek"}},
		{"budgets, split", []string{"-key", "top:1", "-budgets", "testdata/budgets.csv", "-prospecting", "0.4", "testdata/owners.csv"},
			[]string{"Anna", "Bartek", "Celina"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCommand(t, "", append([]string{"-format", "json"}, tt.args...)...)
			if code != 0 || stderr != "" {
				t.Fatalf("salestime -format json %q exited %d with %q", tt.args, code, stderr)
			}
			dec := json.NewDecoder(strings.NewReader(stdout))
			dec.DisallowUnknownFields()
			var got outputJSON
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("output is not the plans' JSON: %v\n%s", err, stdout)
			}
			if got.Unit != "hours" || got.Selector != "top:1" {
				t.Errorf("unit %q, selector %q, want hours and top:1", got.Unit, got.Selector)
			}
			var owners []string
			for _, p := range got.Plans {
				owners = append(owners, p.Owner)
				sum := p.Rest
				for _, k := range p.Key {
					sum = sum.Add(k.Amount)
				}
				if !sum.Equal(p.Budget) || !p.Rest.Add(p.KeyAmount).Equal(p.Budget) || len(p.Key) != p.KeyCustomers {
					t.Errorf("plan of %q: key amounts %v and rest %v do not add up to budget %v", p.Owner, p.KeyAmount, p.Rest, p.Budget)
				}
				if (p.Other != nil) != slices.Contains(tt.args, "-prospecting") || p.Other != nil && !p.Other.Add(*p.Prospecting).Equal(p.Rest) {
					t.Errorf("plan of %q: other %v and prospecting %v, rest %v", p.Owner, p.Other, p.Prospecting, p.Rest)
				}
			}
			if diff := cmp.Diff(tt.owners, owners); diff != "" {
				t.Errorf("owners mismatch (-want +got):\n%s", diff)
			}
		})
	}
	stdout, _, _ := runCommand(t, "", "-format", "json", "-key", "top:1")
	var one outputJSON
	if err := json.Unmarshal([]byte(stdout), &one); err != nil || len(one.Plans) != 1 || len(one.Plans[0].Key) != 1 ||
		one.Plans[0].Key[0].Name != "Nordwind Logistics" || one.Plans[0].Key[0].Amount.String() != "291" || one.Plans[0].Rest.String() != "1309" {
		t.Errorf("salestime -format json -key top:1 = %+v, %v; want Nordwind Logistics with 291 of 1600 hours", one, err)
	}
}

func TestCSV(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		comma rune // and with a byte-order mark where it is a semicolon
		want  [][]string
	}{
		{"single", []string{"-format", "csv", "-key", "top:2"}, ',', [][]string{
			{"kind", "rank", "customer", "revenue", "new", "rule", "revenue_share", "time_share", "amount"},
			{"key", "1", "Nordwind Logistics", "182000", "false", "existing customers", "0.364", "0.182", "291"},
			{"key", "2", "Baltic Foods", "126500", "false", "existing customers", "0.253", "0.1265", "202"},
			{"rest", "", "other customers and prospecting", "", "", "", "0.383", "0.6915", "1107"},
		}},
		{"owners, in the input's style", []string{"-format", "csv", "-key", "top:1", "-budget", "100", "testdata/owners.csv"}, ';', [][]string{
			{"owner", "kind", "rank", "customer", "revenue", "new", "rule", "revenue_share", "time_share", "amount"},
			{"Anna", "key", "1", "Kowalski Bau", "182000,00", "false", "existing customers", "0,443416303345", "0,221708151673", "22"},
			{"Anna", "rest", "", "other customers and prospecting", "", "", "", "0,556583696655", "0,778291848327", "78"},
			{"Bartek", "key", "1", "Zielona Energia", "250000,00", "true", "new customers", "0,829875518672", "0,622406639004", "62"},
			{"Bartek", "rest", "", "other customers and prospecting", "", "", "", "0,170124481328", "0,377593360996", "38"},
		}},
		{"-numbers overrides", []string{"-format", "csv", "-key", "top:1", "-budget", "100", "-numbers", "1,234.56", "-"}, ',', [][]string{
			{"kind", "rank", "customer", "revenue", "new", "rule", "revenue_share", "time_share", "amount"},
			{"key", "1", "A", "1800.00", "false", "existing customers", "0.9", "0.45", "45"},
			{"rest", "", "other customers and prospecting", "", "", "", "0.1", "0.55", "55"},
		}},
		{"split rest, budgets", []string{"-format", "csv", "-key", "top:1", "-budgets", "testdata/budgets.csv", "-prospecting", "40%", "testdata/owners.csv"}, ';', [][]string{
			{"owner", "kind", "rank", "customer", "revenue", "new", "rule", "revenue_share", "time_share", "amount"},
			{"Anna", "key", "1", "Kowalski Bau", "182000,00", "false", "existing customers", "0,443416303345", "0,221708151673", "266"},
			{"Anna", "other", "", "other customers", "", "", "", "0,556583696655", "", "560"},
			{"Anna", "prospect", "", "prospecting", "", "", "", "", "", "374"},
			{"Bartek", "key", "1", "Zielona Energia", "250000,00", "true", "new customers", "0,829875518672", "0,622406639004", "498"},
			{"Bartek", "other", "", "other customers", "", "", "", "0,170124481328", "", "181"},
			{"Bartek", "prospect", "", "prospecting", "", "", "", "", "", "121"},
			{"Celina", "other", "", "other customers", "", "", "", "", "", "0"},
			{"Celina", "prospect", "", "prospecting", "", "", "", "", "", "1600"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdin := ""
			if slices.Contains(tt.args, "-") {
				stdin = "name;revenue\nA;1,800.00\nB;200.00\n"
			}
			stdout, stderr, code := runCommand(t, stdin, tt.args...)
			if code != 0 || stderr != "" {
				t.Fatalf("salestime %v exited %d with %q", tt.args, code, stderr)
			}
			text, bom := strings.CutPrefix(stdout, "\ufeff")
			if bom != (tt.comma == ';') {
				t.Errorf("salestime %v: byte-order mark %t, want %t", tt.args, bom, tt.comma == ';')
			}
			cr := csv.NewReader(strings.NewReader(text))
			cr.Comma = tt.comma
			got, err := cr.ReadAll()
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
		{"bad revenue", []string{bad}, "", 1, `bad.csv, line 3, column 2 "revenue", customer "Beta": revenue "12x" is not a number`},
		{"missing file", []string{"testdata/missing.csv"}, "", 1, "testdata/missing.csv"},
		{"directory", []string{"testdata"}, "", 1, "testdata"},
		{"bad standard input", []string{"-"}, "name;revenue\nA;1\nA;2\n", 1,
			"salestime: standard input, line 3, customer \"A\": the name is also on line 2\n" +
				"salestime: to add up the rows of each customer, as in a list of deals, use -sum\n"},
		{"no header", []string{"-"}, "", 1, "salestime: standard input: no header row"},
		{"German thousands", []string{"-"}, "Name;Revenue\nKowalski Bau;182000\nMüller Stahl;126.500\n", 1,
			"salestime: standard input, line 3, column 2 \"Revenue\", customer \"Müller Stahl\": revenue \"126.500\" is 126500 with a decimal comma " +
				"and 126.500 with a decimal point, and no value of the column tells which: the number format must be given\n" +
				"salestime: say how the file writes numbers with -numbers, as in -numbers 1.234,56 or -numbers 1,234.56\n"},
		{"US thousands in tabs", []string{"-"}, "Name\tRevenue\nAcme\t1,250\nBeta\t3000\n", 1, `revenue "1,250" is 1.250 with a decimal comma and 1250 with a decimal point`},
		{"marked without a key column", []string{"-key", "marked", "-"}, "name,revenue\nA,1\n", 1,
			"salestime: standard input, line 1: no column \"key\" for the key; the header has \"name\", \"revenue\"\n" +
				"salestime: say which columns to read with -col key=HEADER, each HEADER one of those above\n"},
		{"Salesforce report", []string{"testdata/deals.csv"}, "", 1,
			`salestime: testdata/deals.csv, line 1: no column "name" for the name, "revenue" for the revenue; the header has "Opportunity Owner", "Account Name", `},
		{"deals without -sum", []string{"-col", "name=Account Name", "-col", "revenue=amount", "testdata/deals.csv"}, "", 1,
			`line 3, customer "Kowalski Bau": the name is also on line 2`},
		{"code page without -encoding", []string{"-col", "name=Kunde", "-col", "revenue=Umsatz", "testdata/german-cp1252.csv"}, "", 1,
			"salestime: testdata/german-cp1252.csv, line 2, column 1: the text is not UTF-8: text in a code page such as windows-1250 or windows-1252 must be decoded first\n" +
				"salestime: name the encoding of the file with -encoding, as in -encoding windows-1252 (Western European) or -encoding windows-1250 (Central European) or -encoding windows-1254 (Turkish)\n"},
		{"UTF-8 with -encoding", []string{"-encoding", "windows-1250", "testdata/semicolon.csv"}, "", 1,
			"the file is UTF-8 text, which -encoding windows-1250 would misread"},
		{"-encoding utf-8 of a code page", []string{"-encoding", "UTF8", "-col", "name=Kunde", "-col", "revenue=Umsatz", "testdata/german-cp1252.csv"}, "", 1,
			"salestime: testdata/german-cp1252.csv, line 2, column 1: the text is not UTF-8: text in a code page such as windows-1250 or windows-1252 must be decoded first\n" +
				"salestime: name the encoding of the file with -encoding, as in -encoding windows-1252 (Western European) or -encoding windows-1250 (Central European) or -encoding windows-1254 (Turkish)\n"},
		{"-encoding ascii of a code page", []string{"-encoding", "us-ascii", "-col", "name=Kunde", "-col", "revenue=Umsatz", "testdata/german-cp1252.csv"}, "", 1,
			"salestime: testdata/german-cp1252.csv, line 2: byte 2 of the line, 0xfc, is not ASCII, which -encoding us-ascii says the file is\n"},
		{"the wrong code page", []string{"-encoding", "cp932", "-col", "name=Kunde", "-col", "revenue=Umsatz", "testdata/german-cp1252.csv"}, "", 1,
			"salestime: testdata/german-cp1252.csv, line 2: the file is not cp932: it has bytes that cp932 does not write\n"},
		{"Japanese without -encoding", []string{"testdata/japanese-cp932.csv"}, "", 1,
			"salestime: name the encoding of the file with -encoding, as in -encoding shift_jis (Japanese)"},
		{"every bad row", []string{"-"}, "name,revenue,new\nA,x,\nB,1,maybe\n,2,\n", 1,
			"salestime: standard input, line 2, column 2 \"revenue\", customer \"A\": revenue \"x\" is not a number\n" +
				"salestime: standard input, line 3, column 3 \"new\", customer \"B\": new \"maybe\" is not true, false, yes, no, 1, 0, x or Excel's TRUE or FALSE\n" +
				"salestime: standard input, line 4, column 1 \"name\": the name is blank\n"},
		{"a report's total", []string{"-"}, "name,revenue\nAcme,1250.00\nBeta,3400.00\nTotal,4650.00\n", 1,
			"salestime: standard input, line 4, column 1 \"name\", customer \"Total\": the row looks like a row of totals: its revenue 4650.00 " +
				"is the sum of the other rows; remove it, or rename the customer if it is one\n"},
		{"a total of the budgets", []string{"-budgets", "testdata/budgets-total.csv", "testdata/owners.csv"}, "", 1,
			`testdata/budgets-total.csv, line 4, column 1 "Owner", customer "Total": the row looks like a row of totals: its budget 2000 is the sum of the other rows`},
		{"credit notes", []string{"-sum", "-"}, "name,revenue\nAcme,100\nAcme,(40.00)\n", 0, ""},
		{"a credit note above the sales", []string{"-sum", "-"}, "name,revenue\nAcme,100\nAcme,-140\n", 1,
			`line 3, customer "Acme": the customer's rows, the last of them this one, add up to -40, below zero`},
		{"a report under its title", []string{"-"}, "Accounts by revenue, 2026\nFiltered by: Region\n\nname;revenue\nAcme;1.250,00\n", 0, ""},
		{"not a workbook", []string{"-"}, "PK\x03\x04 and no zip", 1, "salestime: standard input: it is not a workbook: zip: not a valid zip file"},
		{"-top for CSV", []string{"-top", "2", "-format", "csv"}, "", 2, "-top is for plans in text or html and schedules in text, which show the key customers' table, and this is a plan in csv"},
		{"-top for a summary", []string{"-top", "2", "-summary"}, "", 2, "-top is for plans in text or html and schedules in text, which show the key customers' table, and this is a summary (-summary) in text"},
		{"-tolerance without a review", []string{"-tolerance", "5%"}, "", 2, "-tolerance is for reviews (-actual) in text or html, which mark lines over or under, and this is a plan in text"},
		{"-tolerance for a review in CSV", []string{"-actual", "x", "-tolerance", "5%", "-format", "csv"}, "", 2, "and this is a review (-actual) in csv"},
		{"-duration without a review", []string{"-duration", "minutes"}, "", 2, "-duration is for reviews (-actual), and this is a plan in text"},
		{"-prospecting for a review", []string{"-actual", "x", "-prospecting", "40%"}, "", 2, "-prospecting is for plans and schedules not by visits: a review splits the rest by the time logged"},
		{"-unit for a review", []string{"-actual", "x", "-unit", "days"}, "", 2, "-unit is for plans and schedules: a review counts hours"},
		{"-summary for a review", []string{"-actual", "x", "-summary"}, "", 2, "-summary is for plans in text or html, and this is a review (-actual) in text"},
		{"-budgets-col without -budgets", []string{"-budgets-col", "owner=Name"}, "", 2, "-budgets-col names the columns of the -budgets file: give it with -budgets"},
		{"bad -col", []string{"-col", "name"}, "", 2, "want FIELD=HEADER"},
		{"bad -fill-down", []string{"-fill-down", "revenue"}, "", 2, `salestime: invalid option: "revenue" cannot be filled down: only name and owner can (-fill-down)`},
		{"an owner with an escape", []string{"-"}, "owner,name,revenue\n\"ann\x1b[31m\",A,1\n", 1,
			`salestime: standard input, line 2, column 1 "owner", customer "A": owner "ann\x1b[31m": the name has the control character U+001B at byte 3`},
		{"a grouped report", []string{"-"}, "owner,name,revenue\nAnn,A,1\n,B,2\n", 1,
			"salestime: standard input, line 3, column 1 \"owner\", customer \"B\": the owner is blank, and line 2 has one: a report grouped by owner writes the owner on each group's first row only; fill the column down, or write the owner on every row\n" +
				"salestime: fill the owner column down with -fill-down owner, where a report writes each owner on the first row of their accounts only\n"},
		{"one salesperson written two ways", []string{"-"}, "owner,name,revenue\nAlex Rivera,A,1\nalex rivera,B,2\n", 1,
			"salestime: standard input, line 3, column 1 \"owner\": the owners \"Alex Rivera\" on line 2, \"alex rivera\" on line 3 differ only in case, accents or spaces: write each salesperson's name one way\n"},
		{"unknown -col field", []string{"-col", "turnover=Amount"}, "", 2, `salestime: invalid option: "turnover" is not a field; the fields are name, revenue, new, key, owner, currency, b (-col)`},
		{"-col twice", []string{"-col", "name=A", "-col", "Name=B"}, "", 2, "the column of name is given twice"},
		{"bad -numbers", []string{"-numbers", "1_234"}, "", 2, `number format "1_234" is not one of auto, 1234.56,`},
		{"bad -encoding", []string{"-encoding", "klingon"}, "", 2, `-encoding "klingon" is not an encoding`},
		{"-sheet for CSV", []string{"-sheet", "S", "testdata/owners.csv"}, "", 2, "-sheet is for workbooks"},
		{"review: bad log", []string{"-actual", "testdata/activities.csv"}, "", 1,
			`salestime: testdata/activities.csv, line 1: no column "customer" for the customer; the header has "Account Name"`},
		{"review: dates without order", []string{"-actual", "testdata/team-activities.csv", "-actual-col", "customer=Customer",
			"-actual-col", "duration=Hours", "testdata/owners.csv"}, "", 1, `testdata/team-activities.csv, line 2, column 4 "Date", customer "Kowalski Bau": date "03.02.2027"`},
		{"review: log without owners", []string{"-actual", "testdata/activities.csv", "-actual-col", "customer=Account Name", "testdata/owners.csv"}, "", 1,
			"the accounts have owners and the activities have none\nsalestime: name the owner column of the activity log with -actual-col owner=HEADER\n"},
		{"review: missing log", []string{"-actual", "testdata/none.csv"}, "", 1, "testdata/none.csv"},
		{"review: until before the period", []string{"-actual", "testdata/activities.csv", "-period", "2027-01-01..2027-12-31", "-until", "2026-01-01"}, "", 2,
			"-until 2026-01-01 is before the period 2027-01-01..2027-12-31"},
		{"review: bad period", []string{"-actual", "testdata/activities.csv", "-period", "2027-12-31..2027-01-01"}, "", 2, "the period ends on 2027-01-01, before it starts on 2027-12-31"},
		{"review: bad duration flag", []string{"-actual", "testdata/activities.csv", "-duration", "days"}, "", 2, `-duration "days" is not hours or minutes`},
		{"review: bad dates flag", []string{"-actual", "x", "-dates", "ymd"}, "", 2, `-dates "ymd" is not iso, dmy or mdy`},
		{"review: period without log", []string{"-period", "2027-01-01..2027-12-31"}, "", 2, "-period is for schedules (-by), plans by visits, calendars (-format ics) and reviews (-actual), and this is a plan in text"},
		{"review: until without log", []string{"-until", "2027-01-01"}, "", 2, "-until is for reviews (-actual), and this is a plan in text"},
		{"review: until without period", []string{"-actual", "testdata/activities.csv", "-until", "2027-01-01"}, "", 2, "-until is a day of the period: give the period with -period FROM..TO"},
		{"review: bad tolerance", []string{"-actual", "x", "-tolerance", "lots"}, "", 2, "-tolerance"},
		{"flags after the file", []string{"testdata/owners.csv", "-key", "top:1"}, "", 0, ""},
		{"unknown flag", []string{"-frobnicate"}, "", 2, "flag provided but not defined"},
		{"bad budget", []string{"-budget", "lots"}, "", 2, `budget "lots" is not a decimal number, as in 1600 (-budget lots -step 1)`},
		{"negative budget", []string{"-budget", "-5"}, "", 2, "salestime: invalid budget: budget -5 is negative (-budget -5 -step 1)\n"},
		{"budget not in steps", []string{"-budget", "10", "-step", "3"}, "", 2, "not a whole number of steps"},
		{"huge budget", []string{"-budget", "1e5000"}, "", 2, `budget "1e5000" is not a decimal number, as in 1600`},
		{"a budget of 100,000 digits", []string{"-budget", strings.Repeat("9", 100_000)}, "", 2, `is not a decimal number, as in 1600`},
		{"bad step", []string{"-step", "x"}, "", 2, `step "x" is not a decimal number, as in 1 or 0.25 (-budget 1600 -step x)`},
		{"zero step", []string{"-step", "0"}, "", 2, "step 0 is not positive"},
		{"bad key", []string{"-key", "biggest"}, "", 2, "salestime: invalid selector: \"biggest\": want top:N, share:S, min:R, marked or abc (-key)\n"},
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
		{"a cadence of 0", []string{"-key", "top:1", "-cadence", "C=0w:1h"}, "", 2, `-cadence "C=0w:1h": "0w" is not a number of weeks or days`},
		{"an unknown class", []string{"-key", "top:1", "-cadence", "D=4w:1h"}, "", 2, `class "D" is not B or C`},
		{"a class twice", []string{"-key", "top:1", "-b", "top:3", "-cadence", "B=4w:1h,b=2w:1h"}, "", 2, "class B is given twice"},
		{"a cadence that is not one", []string{"-cadence", "C:4w"}, "", 2, `"C:4w" is not CLASS=EVERY:LENGTH`},
		{"a length that is no duration", []string{"-cadence", "C=4w:1"}, "", 2, `"1" is not a length of time in hours and minutes`},
		{"seconds", []string{"-cadence", "C=4w:90s"}, "", 2, `"90s" is not a length of time`},
		{"a third of an hour", []string{"-cadence", "C=4w:20m"}, "", 2, "no exact decimal number of hours"},
		{"a visit not in steps", []string{"-cadence", "C=4w:1:30"}, "", 2, "the length of a visit of class C, 1.5, is not a positive whole number of steps of 1 (-cadence and -visit, with -step)"},
		{"class B without -b", []string{"-cadence", "B=4w:1h"}, "", 2, "-cadence gives class B visits: say which customers are class B with -b"},
		{"-b without -key", []string{"-b", "top:3"}, "", 2, "-b picks class B among the customers that are not key: say which are key with -key"},
		{"a bad -b", []string{"-key", "top:1", "-b", "top:-1"}, "", 2, "(-b)"},
		{"-visit with -step", []string{"-visit", "4h", "-step", "1"}, "", 2, "-visit is the plan's step: give -visit or -step, not both"},
		{"a bad -visit", []string{"-visit", "four hours"}, "", 2, `-visit "four hours" is not a length of time`},
		{"a budget not in visits", []string{"-visit", "3h"}, "", 2, "budget 1600 is not a whole number of steps of 3 (-budget 1600 -visit 3h)"},
		{"-prospecting with visits", []string{"-cadence", "C=4w:1h", "-prospecting", "40%"}, "", 2,
			"-prospecting is for plans and schedules not by visits: a review splits the rest by the time logged, visits by what they leave, and this is a plan by visits in text"},
		{"visits in days", []string{"-cadence", "C=4w:1h", "-unit", "days"}, "", 2, `-unit "days": a plan by visits counts hours`},
		{"visits for a review", []string{"-actual", "x", "-visit", "2h"}, "", 2, "-visit is for plans and schedules, and this is a review (-actual) in text"},
		{"a bad period of visits", []string{"-cadence", "C=4w:1h", "-period", "2027-12-31..2027-01-01"}, "", 2, "before it starts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCommand(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Fatalf("salestime %q exited %d, want %d; stderr: %s", tt.args, code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.message) || code != 0 && !strings.HasSuffix(stderr, "\n") {
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

// The README and the pages of docs show their examples and their output
// as they are.
func TestReadmeExample(t *testing.T) {
	var readme []byte
	pages, err := filepath.Glob("../../docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range append([]string{"../../README.md"}, pages...) {
		text, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		readme = append(readme, text...)
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
	examples := map[string]string{"input": in, "output": string(golden)}
	for _, name := range []string{"deals.golden", "german.golden", "workbook.golden", "review.golden",
		"plans/team-summary.text", "plans/budgets-split.csv", "plans/sample.json", "schedules/months.text",
		"plans/visits.text", "plans/visits-short.text"} {
		out, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		examples[name] = strings.TrimPrefix(string(out), "\ufeff")
	}
	for name, want := range examples {
		if !strings.Contains(string(readme), strings.TrimRight(want, "\n")) {
			t.Errorf("neither README.md nor docs show the example %s:\n%s", name, want)
		}
	}
}

// Names and owners that a spreadsheet would run as formulas, or a terminal
// as commands, are shown as text; an owner with a control character is no
// name, as a customer's is not.
func TestSafeOutput(t *testing.T) {
	in := "owner,name,revenue\n\"ann\u202e\",\"=HYPERLINK(\"\"http://x\"\")\",10\n\"bob x\",-Beta,5\n@carl,+Gamma,1\n"
	stdout, stderr, code := runCommand(t, in, "-key", "top:1", "-format", "csv", "-")
	if code != 0 {
		t.Fatalf("salestime -format csv exited %d with %q", code, stderr)
	}
	records, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	for _, r := range records[1:] {
		cells = append(cells, r[0], r[3])
	}
	want := []string{
		"'@carl", "'+Gamma", "'@carl", "other customers and prospecting",
		"ann\u202e", "'=HYPERLINK(\"http://x\")", "ann\u202e", "other customers and prospecting",
		"bob x", "'-Beta", "bob x", "other customers and prospecting",
	}
	if diff := cmp.Diff(want, cells); diff != "" {
		t.Errorf("CSV owner and customer cells mismatch (-want +got):\n%s", diff)
	}

	stdout, _, code = runCommand(t, in, "-key", "top:1", "-unit", "h\x1b[2J", "-")
	if code != 0 {
		t.Fatalf("salestime exited %d", code)
	}
	for _, want := range []string{"== ann\\u202e ==", "== bob x ==", "800 of 1 600 h\\x1b[2J.", "=HYPERLINK(\"http://x\")       10", "REST H\\x1b[2J"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("text output does not show %q:\n%s", want, stdout)
		}
	}
	if strings.ContainsAny(stdout, "\x1b\u202e\t") {
		t.Errorf("text output has a control character:\n%q", stdout)
	}
}

func TestReviewFormats(t *testing.T) {
	args := []string{"-actual", "testdata/team-activities.csv", "-actual-col", "customer=Customer", "-actual-col", "duration=Hours",
		"-dates", "dmy", "-key", "top:1", "testdata/owners.csv"}
	stdout, stderr, code := runCommand(t, "", append([]string{"-format", "csv"}, args...)...)
	if code != 0 {
		t.Fatalf("salestime -format csv exited %d: %s", code, stderr)
	}
	records, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"owner", "kind", "name", "planned", "actual", "difference"},
		{"Anna", "key", "Kowalski Bau", "355.00", "80.50", "-274.50"},
		{"Anna", "rest", "other customers and prospecting", "1245.00", "27.00", "-1218.00"},
		{"Anna", "other", "other customers", "", "12.00", ""},
		{"Anna", "prospect", "Nowa Firma", "", "15.00", ""},
		{"Anna", "unassigned", "unassigned", "", "0.00", ""},
		{"Bartek", "key", "Zielona Energia", "996.00", "30.00", "-966.00"},
		{"Bartek", "rest", "other customers and prospecting", "604.00", "58.00", "-546.00"},
		{"Bartek", "other", "other customers", "", "50.00", ""},
		{"Bartek", "unassigned", "unassigned", "", "8.00", ""},
		{"Celina", "no accounts", "", "", "5.00", ""},
	}
	if diff := cmp.Diff(want, records); diff != "" {
		t.Errorf("review CSV mismatch (-want +got):\n%s", diff)
	}

	stdout, stderr, code = runCommand(t, "", append([]string{"-format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("salestime -format json exited %d: %s", code, stderr)
	}
	var got struct {
		Plans []struct {
			Owner  string `json:"owner"`
			Review struct {
				Lines []struct {
					Name   string `json:"name"`
					Actual string `json:"actual"`
				} `json:"lines"`
				Logged string `json:"logged"`
			} `json:"review"`
		} `json:"plans"`
		Summary struct {
			Review struct {
				Logged      string `json:"logged"`
				ActualShare string `json:"actualShare"`
			} `json:"review"`
			Unplanned string `json:"unplanned"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("review JSON: %v\n%s", err, stdout)
	}
	// Celina logged time and has no accounts: her time is left out of the
	// team's review, and said to be so.
	if len(got.Plans) != 3 || got.Plans[0].Owner != "Anna" || got.Plans[0].Review.Lines[0].Actual != "80.5" ||
		got.Plans[2].Owner != "Celina" || got.Plans[2].Review.Logged != "5" ||
		got.Summary.Review.Logged != "195.5" || got.Summary.Review.ActualShare != "0.565217391304" || got.Summary.Unplanned != "5" {
		t.Errorf("review JSON = %+v", got)
	}
}

// teamArgs read the team of twenty in testdata, as a CRM exports it.
var teamArgs = []string{"-col", "owner=Account Owner", "-col", "name=Account Name", "-col", "revenue=Annual Sales",
	"-budgets", "testdata/team-budgets.csv", "-prospecting", "40%", "testdata/team.csv"}

// visitArgs plan the example of a plan by visits: key customers who bring
// 80% of revenue, class B visited every four weeks and class C every
// thirteen, for an hour, over 2027.
var visitArgs = []string{"-budget", "1600", "-key", "share:80%", "-b", "share:96%", "-cadence", "B=4w:1h,C=13w:1h",
	"-period", "2027-01-01..2027-12-31", "testdata/visits.csv"}

// Every format, with and without owners, with budgets and the rest split.
func TestFormats(t *testing.T) {
	inputs := []struct {
		name string
		args []string
	}{
		{"sample", nil},
		{"sample-top", []string{"-top", "2", "-step", "0.5"}},
		{"owners", []string{"-key", "top:1", "testdata/owners.csv"}},
		{"budgets-split", []string{"-key", "top:1", "-budgets", "testdata/budgets.csv", "-prospecting", "0.4", "testdata/owners.csv"}},
		{"team-summary", append([]string{"-summary"}, teamArgs...)},
		{"sample-summary", []string{"-summary"}},
		{"visits", visitArgs},
		{"visits-short", []string{"-budget", "600", "-key", "share:80%", "-b", "share:96%", "-cadence", "B=1w:2h,C=4w:1h", "testdata/visits.csv"}},
		{"visits-team", []string{"-budget", "800", "-visit", "2h", "-key", "top:1", "-b", "marked", "-col", "b=Class B", "-col", "owner=Owner",
			"-col", "name=Account", "-cadence", "B=2w:2h,C=13w:2h", "-period", "2027-01-01..2027-06-30", "-top", "2", "testdata/visits-team.csv"}},
	}
	for _, in := range inputs {
		for _, format := range []string{"text", "csv", "json", "html"} {
			if strings.HasSuffix(in.name, "-summary") && format != "text" || (in.name == "sample-top" || in.name == "visits-team") && (format == "csv" || format == "json") {
				continue // -summary and -top for the formats that show tables
			}
			t.Run(in.name+"."+format, func(t *testing.T) {
				checkRun(t, "plans/"+in.name+"."+format, append([]string{"-format", format}, in.args...)...)
			})
		}
	}
}

// A budgets file gives each owner a budget, or the command says what is
// wrong with it, and prints nothing.
func TestBudgets(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	tests := []struct {
		name    string
		args    []string
		code    int
		message string
	}{
		{"missing owners", []string{"-budgets", write("some.csv", "owner,budget\nCelina,1600\n")}, 1,
			"no budget for the owners \"Anna\", \"Bartek\"\nsalestime: give each owner of the accounts a row in " + filepath.Join(dir, "some.csv") + ", the file of -budgets\n"},
		{"repeated owner", []string{"-budgets", write("twice.csv", "owner,budget\nAnna,1600\nBartek,800\nAnna,10\n")}, 1,
			`twice.csv, line 4, column 1 "owner", customer "Anna": the owner is also on line 2`},
		{"negative", []string{"-budgets", write("negative.csv", "owner,budget\nAnna,-1600\nBartek,800\n")}, 1,
			`negative.csv, line 2, column 2 "budget", customer "Anna": budget "-1600" is negative`},
		{"malformed", []string{"-budgets", write("malformed.csv", "owner,budget\nAnna,1600h\nBartek,800\n")}, 1,
			`malformed.csv, line 2, column 2 "budget", customer "Anna": budget "1600h" is not a number`},
		{"not in steps", []string{"-step", "0.5", "-budgets", write("steps.csv", "owner,budget\nAnna,1600.25\nBartek,800\n")}, 1,
			`steps.csv, line 2, column 2 "budget", customer "Anna": budget 1600.25 is not a whole number of steps of 0.5`},
		{"no owner column", []string{"-budgets", "testdata/budgets.csv", "testdata/semicolon.csv"}, 1,
			"budgets are per owner, and the accounts have no owner column\n" +
				"salestime: name the owner column of the accounts with -col owner=HEADER, whose owners the budgets of -budgets are for\n"},
		{"missing file", []string{"-budgets", filepath.Join(dir, "none.csv")}, 1, "none.csv"},
		{"-prospecting above 1", []string{"-prospecting", "1.5"}, 2, `-prospecting "1.5" is not a share from 0 to 1`},
		{"-prospecting negative", []string{"-prospecting", "-10%"}, 2, `-prospecting "-10%" is not a share from 0 to 1`},
		{"-prospecting not a share", []string{"-prospecting", "some"}, 2, `-prospecting "some" is not a share`},
		{"-top zero", []string{"-top", "0"}, 2, `-top "0" is not a whole number above 0`},
		{"-top not a number", []string{"-top", "five"}, 2, `-top "five" is not a whole number above 0`},
		{"-format", []string{"-format", "pdf"}, 2, `-format "pdf" is not text, json, csv, html or ics`},
		{"-summary in CSV", []string{"-summary", "-format", "csv"}, 2, "-summary is for plans in text or html, and this is a summary (-summary) in csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if !slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, "testdata/") }) {
				args = append(args, "-key", "top:1", "testdata/owners.csv")
			}
			stdout, stderr, code := runCommand(t, "", args...)
			if code != tt.code || !strings.Contains(stderr, tt.message) || stdout != "" {
				t.Errorf("salestime %q = %q, exit %d, stderr %q; want exit %d saying %q", args, stdout, code, stderr, tt.code, tt.message)
			}
		})
	}
}

// A plan by visits that does not fit says by how much, and the two levers
// it names, a longer -cadence and a narrower -b, each make it fit.
func TestShortLevers(t *testing.T) {
	short := []string{"-budget", "600", "-key", "share:80%", "-b", "share:96%", "-cadence", "B=1w:2h,C=4w:1h", "testdata/visits.csv"}
	stdout, stderr, code := runCommand(t, "", short...)
	if code != 0 || !strings.Contains(stdout, "you are 17 hours short") || !strings.Contains(stdout, "a longer -cadence") || !strings.Contains(stdout, "(-b)") {
		t.Fatalf("salestime %q exited %d with %q, and printed:\n%s\nwant 17 hours short and the levers -cadence and -b", short, code, stderr, stdout)
	}
	for _, lever := range [][]string{{"-cadence", "B=2w:2h,C=4w:1h"}, {"-b", "share:90%"}} {
		args := slices.Concat(short, lever) // a flag given again counts as last given
		stdout, _, code := runCommand(t, "", args...)
		if code != 0 || strings.Contains(stdout, "short") || !strings.Contains(stdout, "that leaves") {
			t.Errorf("salestime %q exited %d and printed:\n%s\nwant a plan that fits", args, code, stdout)
		}
	}
}

// The plan by month, quarter or week: every row and column adds up.
func TestSchedule(t *testing.T) {
	dir := t.TempDir()
	holidays := filepath.Join(dir, "holidays.csv")
	if err := os.WriteFile(holidays, []byte("Date,Name\n2027-01-01,New Year\n2027-01-06,Epiphany\n\n2027-12-25,Christmas (a Saturday)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		golden string
	}{
		{"months", []string{"-by", "month", "-period", "2027-01-01..2027-12-31"}, "months.text"},
		{"quarters of a team, split, holidays", []string{"-by", "quarter", "-period", "2027-01-01..2027-12-31", "-holidays", holidays,
			"-key", "top:1", "-budgets", "testdata/budgets.csv", "-prospecting", "40%", "testdata/owners.csv"}, "quarters-team.text"},
		{"weeks, from mid-week, in halves, top 2", []string{"-by", "week", "-period", "2027-01-06..2027-12-31", "-step", "0.5", "-top", "2"}, "weeks.text"},
		{"months as CSV", []string{"-by", "month", "-period", "2027-01-01..2027-06-30", "-format", "csv", "-key", "top:2"}, "months.csv"},
		{"quarters as JSON, split", []string{"-by", "quarter", "-period", "2027-01-01..2027-12-31", "-format", "json", "-prospecting", "0.4",
			"-key", "top:1", "testdata/owners.csv"}, "quarters.json"},
		{"quarters by visits", append([]string{"-by", "quarter"}, visitArgs...), "visits.text"},
		{"quarters by visits as CSV", append([]string{"-by", "quarter", "-format", "csv"}, visitArgs...), "visits.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkRun(t, "schedules/"+tt.golden, tt.args...)
		})
	}

	bad := filepath.Join(dir, "bad-holidays.txt")
	if err := os.WriteFile(bad, []byte("2027-01-01\n06.01.2027\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	errs := []struct {
		name    string
		args    []string
		code    int
		message string
	}{
		{"-by without -period", []string{"-by", "month"}, 2, "-by needs the dates to spread the plan over: give them with -period FROM..TO"},
		{"bad -by", []string{"-by", "day", "-period", "2027-01-01..2027-12-31"}, 2, `-by "day" is not month, quarter or week`},
		{"period backwards", []string{"-by", "month", "-period", "2027-12-31..2027-01-01"}, 2, "the period ends on 2027-01-01, before it starts on 2027-12-31"},
		{"period too long", []string{"-by", "month", "-period", "2027-01-01..2038-01-01"}, 2, "longer than 10 years"},
		{"-by with -actual", []string{"-by", "month", "-period", "2027-01-01..2027-12-31", "-actual", "testdata/activities.csv"}, 2, "-by is for plans in text, csv or json, and this is a review (-actual) in text"},
		{"-by as html", []string{"-by", "month", "-period", "2027-01-01..2027-12-31", "-format", "html"}, 2, "-by is for plans in text, csv or json, and this is a schedule (-by) in html"},
		{"-holidays without -by", []string{"-holidays", holidays}, 2, "-holidays is for schedules (-by) and calendars (-format ics), and this is a plan in text"},
		{"bad holiday", []string{"-by", "month", "-period", "2027-01-01..2027-12-31", "-holidays", bad}, 1,
			`bad-holidays.txt, line 2: "06.01.2027" is not a date written as 2027-03-04`},
		{"missing holidays", []string{"-by", "month", "-period", "2027-01-01..2027-12-31", "-holidays", filepath.Join(dir, "none.txt")}, 1, "none.txt"},
		{"no working day", []string{"-by", "week", "-period", "2027-01-02..2027-01-03"}, 1, "the period from 2027-01-02 to 2027-01-03 has no working day, and the budget 1600 is not 0"},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCommand(t, "", tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.message) || stdout != "" {
				t.Errorf("salestime %q = %q, exit %d, stderr %q; want exit %d saying %q", tt.args, stdout, code, stderr, tt.code, tt.message)
			}
		})
	}
	if _, stderr, code := runCommand(t, "", "-by", "week", "-period", "2027-01-02..2027-01-03", "-budget", "0"); code != 0 {
		t.Errorf("a period without working days and no budget exited %d: %s", code, stderr)
	}
}

// The team's summary shows each plan's own key time share, the one its
// sentence says, not its hours rounded over its budget.
func TestSummaryAgreesWithPlans(t *testing.T) {
	stdout, stderr, code := runCommand(t, "", teamArgs...)
	if code != 0 {
		t.Fatalf("salestime %q exited %d: %s", teamArgs, code, stderr)
	}
	summary, plans, _ := strings.Cut(stdout, "\n\n")
	keyTime := map[string]string{}
	for _, line := range strings.Split(summary, "\n")[1:] {
		fields := strings.Fields(line)
		if len(fields) < 8 {
			t.Fatalf("summary row %q has %d fields", line, len(fields))
		}
		keyTime[strings.Join(fields[:len(fields)-7], " ")] = fields[len(fields)-4]
	}
	checked := 0
	for _, part := range strings.Split(plans, "== ")[1:] {
		owner, rest, _ := strings.Cut(part, " ==")
		_, sentence, ok := strings.Cut(rest, "rule")
		if !ok {
			continue // no key customers
		}
		share := sentence[strings.Index(sentence, ": ")+2 : strings.Index(sentence, " of your time")]
		if keyTime[owner] != share {
			t.Errorf("%s: the summary says %s of the time for key customers, the plan %s", owner, keyTime[owner], share)
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("checked %d plans against the summary, want 20", checked)
	}
}

// Every hint names a flag that works: the command line it hints at gets
// past the error it was given for.
func TestHintsWork(t *testing.T) {
	dir := t.TempDir()
	budgets := filepath.Join(dir, "stunden.csv")
	if err := os.WriteFile(budgets, []byte("Verkäufer;Stunden\nAnna;1 200\nBartek;800\nCelina;1 600\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	log := filepath.Join(dir, "log.csv")
	if err := os.WriteFile(log, []byte("customer;Hours\nKowalski Bau;1.500\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		stdin   string
		headers []string // for each HEADER of the hint, in order
		gone    string   // what the error said, which the hinted run no longer says
	}{
		{"accounts' columns", []string{"testdata/deals.csv"}, "", []string{"Account Name", "Amount"}, "no column"},
		{"the log's columns", []string{"-actual", "testdata/activities.csv"}, "", []string{"Account Name"}, "no column"},
		{"the budgets' columns", []string{"-budgets", budgets, "testdata/owners.csv"}, "", []string{"Verkäufer", "Stunden"}, "no column"},
		{"the key column", []string{"-key", "marked", "-"}, "name,revenue,Key Account\nA,1,x\n", []string{"Key Account"}, "no column"},
		{"a number format", []string{"-"}, "Name;Revenue\nKowalski Bau;182000\nMüller Stahl;126.500\n", nil, "no value of the column tells which"},
		{"the log's number format", []string{"-actual", log, "-actual-col", "duration=Hours", "testdata/semicolon.csv"}, "", nil, "no value of the column tells which"},
		{"deals", []string{"-"}, "name;revenue\nA;1\nA;2\n", nil, "the name is also on line"},
		{"a code page", []string{"-col", "name=Kunde", "-col", "revenue=Umsatz", "testdata/german-cp1252.csv"}, "", nil, "not UTF-8"},
		{"Japanese", []string{"-col", "name=顧客名", "-col", "revenue=売上", "testdata/japanese-cp932.csv"}, "", nil, "not UTF-8"},
		{"a grouped report", []string{"-"}, "owner,name,revenue\nAnn,A,1\n,B,2\n", nil, "the owner is blank"},
		{"a large input", []string{"-max-input", "100", "testdata/owners.csv"}, "", nil, "larger than -max-input"},
		{"the b column", []string{"-key", "top:1", "-b", "marked", "-"}, "name,revenue,Class B\nA,1,\nB,1,x\n", []string{"Class B"}, "no column"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCommand(t, tt.stdin, tt.args...)
			if code != 1 || !strings.Contains(stderr, tt.gone) {
				t.Fatalf("salestime %q exited %d with %q, want 1 and %q", tt.args, code, stderr, tt.gone)
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			hinted := hintedFlags(t, lines[len(lines)-1], tt.headers)
			args := slices.Concat(tt.args, hinted) // a flag given again counts as last given
			_, stderr, code = runCommand(t, tt.stdin, args...)
			if code == 2 || strings.Contains(stderr, tt.gone) {
				t.Errorf("salestime %q, as hinted, exited %d with %q", args, code, stderr)
			}
		})
	}
}

// hintedFlags returns the flags that a hint names, with their values, in
// its first example: HEADER replaced by headers, in order.
func hintedFlags(t *testing.T, hint string, headers []string) []string {
	t.Helper()
	first, _, _ := strings.Cut(hint, " or ")
	var args []string
	for _, m := range regexp.MustCompile(`(-[a-z][a-z-]+)(?: ([^\s(]+))?`).FindAllStringSubmatch(first, -1) {
		flag, value := m[1], strings.TrimSuffix(m[2], ",")
		switch {
		case flag == "-sum":
			args = append(args, flag)
		case value != "":
			if strings.Contains(value, "HEADER") {
				if len(headers) == 0 {
					t.Fatalf("hint %q has more HEADERs than the test", hint)
				}
				value, headers = strings.Replace(value, "HEADER", headers[0], 1), headers[1:]
			}
			args = append(args, flag, value)
		}
	}
	if len(args) == 0 {
		t.Fatalf("the hint %q names no flag", hint)
	}
	return args
}

// A revenue on the command line is read as the file writes its revenues,
// or refused where the file does not say which way it reads.
func TestThresholdInFileStyle(t *testing.T) {
	german := "Name;Revenue\nA;1.600,00\nB;150.000,00\nC;90.000,00\n"
	whole := "Name;Revenue\nA;1600\nB;150000\nC;90000\n"
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string // in the output, or the error
	}{
		{"German", german, []string{"-key", "min:100.000", "-"}, 0, "Key customers bring 62,1% of revenue"},
		{"German, a decimal point", german, []string{"-key", "min:100.5", "-"}, 2,
			`"100.5" is not a number as the file writes them, in the format 1.234,56: write it with a decimal comma`},
		{"undecided", whole, []string{"-key", "min:100.000", "-"}, 2,
			`"100.000" is 100000 with a decimal comma and 100 with a decimal point, and the file does not say which: write it without a group mark, as 100000 or 100`},
		{"undecided, without a group mark", whole, []string{"-key", "min:100000", "-"}, 0, "Key customers bring 62.1% of revenue"},
		{"as -numbers says", whole, []string{"-numbers", "1.234,56", "-key", "min:100.000", "-"}, 0, "Key customers bring 62,1% of revenue"},
		{"-numbers, another mark", whole, []string{"-numbers", "1,234.56", "-key", "min:100,5", "-"}, 2,
			`"100,5" is not a number as the file writes them, in the format 1,234.56: write it with a decimal point (-key)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCommand(t, tt.stdin, tt.args...)
			if code != tt.code || !strings.Contains(stdout+stderr, tt.want) {
				t.Errorf("salestime %q = %q, exit %d, stderr %q; want exit %d and %q", tt.args, stdout, code, stderr, tt.code, tt.want)
			}
		})
	}
}

// The README's table of flags lists every flag of the command, and no
// other.
func TestReadmeFlags(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var documented []string
	for _, m := range regexp.MustCompile("(?m)^\\| `(-[a-z-]+)").FindAllStringSubmatch(string(readme), -1) {
		documented = append(documented, m[1])
	}
	_, help, _ := runCommand(t, "", "-h")
	var flags []string
	for _, m := range regexp.MustCompile(`(?m)^  (-[a-z-]+)`).FindAllStringSubmatch(help, -1) {
		flags = append(flags, m[1])
	}
	slices.Sort(documented)
	slices.Sort(flags)
	if len(flags) < 20 {
		t.Fatalf("salestime -h lists %d flags:\n%s", len(flags), help)
	}
	if diff := cmp.Diff(flags, documented); diff != "" {
		t.Errorf("the README's flags differ from the command's (-command +README):\n%s", diff)
	}
}

// A hint is for the error it settles: time that adds up past what a
// duration holds is no log without owners.
func TestNoHintOutOfPlace(t *testing.T) {
	log := filepath.Join(t.TempDir(), "log.csv")
	if err := os.WriteFile(log, []byte("customer,duration\n"+strings.Repeat("Nordwind Logistics,10000\n", 300)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runCommand(t, "", "-actual", log)
	if want := "salestime: invalid activity: the time logged adds up to more than 2562047h47m16.854775807s (owner \"\")\n"; code != 1 || stderr != want {
		t.Errorf("salestime -actual (a log of 3,000,000 hours) exited %d with %q, want 1 and %q", code, stderr, want)
	}
}
