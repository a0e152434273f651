// Command salestime splits a salesperson's selling time between their key
// customers and everyone else, from a CSV export of accounts.
//
// Usage:
//
//	salestime [flags] [FILE | -]
//
// It reads the customers from FILE, from standard input with -, or, with no
// argument, from a small sample built into the command, and prints the
// share of time of each key customer and a plan that splits a budget of
// hours into whole steps. The CSV needs the columns name and revenue, and
// may have new, key and owner; with owner, each salesperson gets a plan of
// their own. Comma, semicolon and tab delimiters are read, and decimal
// commas in files delimited by semicolons or tabs.
//
// The flags are:
//
//	-budget N   the time to split (default 1600, the selling hours of a year)
//	-step S     the unit of the split (default 1; 0.25 for quarter hours)
//	-unit WORD  the word printed after amounts (default hours)
//	-key SEL    how key customers are chosen: top:N, share:S (0.8 or 80%),
//	            min:R, marked or abc (default share:0.8)
//	-format F   text, json or csv (default text)
//
// The exit status is 0 on success, 1 when the data is bad and 2 when the
// command is used wrongly.
package main

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

//go:embed sample.csv
var sample []byte

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// config is what the flags say.
type config struct {
	budget, step decimal.Decimal
	unit         string
	key          salestime.Selector
	format       string
}

// A usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usage = `usage: salestime [flags] [FILE | -]

Reads customers from a CSV file (columns name and revenue, optionally new,
key and owner), from standard input with -, or from a built-in sample with
no FILE, and prints how to split selling time between key customers and the
rest.

Flags:
`

// run runs the command and returns its exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, input, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		complain(stderr, "salestime: %v\n", err)
		complain(stderr, "run 'salestime -h' for usage\n")
		return 2
	}

	name, data, err := readInput(input, stdin)
	if err != nil {
		complain(stderr, "salestime: %v\n", err)
		return 1
	}
	groups, grouped, err := salestime.ReadCSVGroups(bytes.NewReader(data), "owner")
	if err == nil && !grouped {
		var p salestime.Portfolio
		p, err = salestime.ReadCSV(bytes.NewReader(data))
		groups = []salestime.Group{{Portfolio: p}}
	}
	if err != nil {
		complain(stderr, "salestime: %s: %s\n", name, strings.TrimPrefix(err.Error(), "salestime: "))
		return 1
	}

	results := make([]result, len(groups))
	for i, g := range groups {
		results[i], err = plan(g, cfg)
		if err != nil {
			complain(stderr, "salestime: %s: owner %q: %s\n", name, g.Name, strings.TrimPrefix(err.Error(), "salestime: "))
			return 1
		}
	}
	var out bytes.Buffer
	switch cfg.format {
	case "json":
		err = writeJSON(&out, results, grouped)
	case "csv":
		err = writeCSV(&out, results, grouped)
	default:
		err = writeText(&out, results, grouped, cfg)
	}
	if err == nil {
		_, err = stdout.Write(out.Bytes())
	}
	if err != nil {
		complain(stderr, "salestime: %v\n", err)
		return 1
	}
	return 0
}

// complain writes a message to standard error. If that fails, there is no
// one left to tell.
func complain(stderr io.Writer, format string, args ...any) {
	_, _ = fmt.Fprintf(stderr, format, args...)
}

// parseArgs reads the flags and returns them with the input argument.
func parseArgs(args []string, stderr io.Writer) (config, string, error) {
	fs := flag.NewFlagSet("salestime", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	budget := fs.String("budget", "1600", "the `time` to split: the selling hours of a year by default")
	step := fs.String("step", "1", "the `unit` of the split: 1 for whole hours, 0.25 for quarter hours")
	unit := fs.String("unit", "hours", "the `word` printed after amounts")
	key := fs.String("key", "share:0.8", "how key customers are chosen: top:N, share:S (0.8 or 80%), min:R, marked or abc")
	format := fs.String("format", "text", "the output `format`: text, json or csv")
	// Flags may come after the file too, as in "salestime accounts.csv -key abc".
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(stderr)
				complain(stderr, "%s", usage)
				fs.PrintDefaults()
			}
			return config{}, "", err
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	var cfg config
	var err error
	if cfg.budget, err = decimal.NewFromString(*budget); err != nil {
		return config{}, "", usageError{fmt.Sprintf("-budget %q is not a number", *budget)}
	}
	if cfg.step, err = decimal.NewFromString(*step); err != nil {
		return config{}, "", usageError{fmt.Sprintf("-step %q is not a number", *step)}
	}
	// The zero Allocation checks budget and step as any other does.
	if _, err := (salestime.Allocation{}).Plan(cfg.budget, cfg.step); err != nil {
		return config{}, "", usageError{fmt.Sprintf("-budget %s -step %s: %s", *budget, *step, strings.TrimPrefix(err.Error(), "salestime: "))}
	}
	cfg.unit = strings.TrimSpace(*unit)
	if cfg.unit == "" {
		return config{}, "", usageError{"-unit must not be blank"}
	}
	if cfg.key, err = parseKey(*key); err != nil {
		return config{}, "", err
	}
	// The empty portfolio checks the selector's arguments.
	if _, err := salestime.Allocate(salestime.Portfolio{}, cfg.key); err != nil {
		return config{}, "", usageError{fmt.Sprintf("-key %s: %s", *key, strings.TrimPrefix(err.Error(), "salestime: "))}
	}
	cfg.format = *format
	if cfg.format != "text" && cfg.format != "json" && cfg.format != "csv" {
		return config{}, "", usageError{fmt.Sprintf("-format %q is not text, json or csv", *format)}
	}
	switch len(files) {
	case 0:
		return cfg, "", nil
	case 1:
		if files[0] == "" {
			return config{}, "", usageError{"the file name is empty"}
		}
		return cfg, files[0], nil
	default:
		return config{}, "", usageError{fmt.Sprintf("one file at most, got %d: %q", len(files), files)}
	}
}

// parseKey reads the -key flag.
func parseKey(s string) (salestime.Selector, error) {
	kind, arg, hasArg := strings.Cut(s, ":")
	kind = strings.ToLower(strings.TrimSpace(kind))
	arg = strings.TrimSpace(arg)
	bad := func(want string) error {
		return usageError{fmt.Sprintf("-key %q: want %s", s, want)}
	}
	switch kind {
	case "top":
		n, err := strconv.Atoi(arg)
		if err != nil {
			return nil, bad("top:N with N a whole number, as in top:5")
		}
		return salestime.TopN(n), nil
	case "share":
		share, err := parseShare(arg)
		if err != nil {
			return nil, bad("share:S with S a share, as in share:0.8 or share:80%")
		}
		return salestime.TopShare(share), nil
	case "min":
		m, err := decimal.NewFromString(arg)
		if err != nil {
			return nil, bad("min:R with R a revenue, as in min:10000")
		}
		return salestime.MinRevenue(m), nil
	case "marked", "abc":
		if hasArg {
			return nil, bad(kind + " without an argument")
		}
		if kind == "abc" {
			return salestime.ABC(), nil
		}
		return salestime.Marked(), nil
	}
	return nil, bad("top:N, share:S, min:R, marked or abc")
}

// parseShare reads a share as a fraction, 0.8, or a percentage, 80%.
func parseShare(s string) (decimal.Decimal, error) {
	if p, ok := strings.CutSuffix(s, "%"); ok {
		v, err := decimal.NewFromString(strings.TrimSpace(p))
		if err != nil || v.Exponent() < -100 {
			return decimal.Decimal{}, errors.New("not a percentage")
		}
		return v.Shift(-2), nil
	}
	return decimal.NewFromString(s)
}

// readInput returns the name and content of the input.
func readInput(input string, stdin io.Reader) (string, []byte, error) {
	switch input {
	case "":
		return "sample", sample, nil
	case "-":
		data, err := io.ReadAll(stdin)
		if err != nil {
			return "", nil, fmt.Errorf("standard input: %w", err)
		}
		return "standard input", data, nil
	}
	data, err := os.ReadFile(input)
	return input, data, err
}

// A result is the allocation and plan of one group.
type result struct {
	owner      string
	portfolio  salestime.Portfolio
	allocation salestime.Allocation
	plan       salestime.Plan
}

func plan(g salestime.Group, cfg config) (result, error) {
	a, err := salestime.Allocate(g.Portfolio, cfg.key)
	if err != nil {
		return result{}, err
	}
	p, err := a.Plan(cfg.budget, cfg.step)
	if err != nil {
		return result{}, err
	}
	return result{owner: g.Name, portfolio: g.Portfolio, allocation: a, plan: p}, nil
}

type jsonResult struct {
	Owner      *string              `json:"owner,omitempty"`
	Allocation salestime.Allocation `json:"allocation"`
	Plan       salestime.Plan       `json:"plan"`
}

func writeJSON(w io.Writer, results []result, grouped bool) error {
	var v any
	if grouped {
		list := make([]jsonResult, len(results))
		for i, r := range results {
			list[i] = jsonResult{Owner: &r.owner, Allocation: r.allocation, Plan: r.plan}
		}
		v = list
	} else {
		v = jsonResult{Allocation: results[0].allocation, Plan: results[0].plan}
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// restName names the party that gets the time left after the key customers.
const restName = "other customers and prospecting"

func writeCSV(w io.Writer, results []result, grouped bool) error {
	cw := csv.NewWriter(w)
	header := []string{"customer", "revenue", "new", "rule", "revenue_share", "time_share", "amount"}
	if grouped {
		header = append([]string{"owner"}, header...)
	}
	records := [][]string{header}
	for _, r := range results {
		add := func(record ...string) {
			if grouped {
				record = append([]string{r.owner}, record...)
			}
			records = append(records, record)
		}
		for i, l := range r.allocation.Lines {
			add(l.Customer.Name, exact(l.Customer.Revenue), strconv.FormatBool(l.Customer.New), l.Rule.Name(),
				exact(l.RevenueShare), exact(l.TimeShare), exact(r.plan.Lines[i].Amount))
		}
		add(restName, "", "", "", exact(decimal.New(1, 0).Sub(r.allocation.KeyRevenueShare)),
			exact(r.allocation.RestTimeShare), exact(r.plan.Rest))
	}
	return cw.WriteAll(records)
}

// exact returns d in plain notation with the places it has, whatever the
// decimal package's global settings say.
func exact(d decimal.Decimal) string {
	return d.StringFixed(max(-d.Exponent(), 0))
}

// percent returns a share as a percentage with one decimal place, rounded half to even.
func percent(share decimal.Decimal) string {
	return share.Shift(2).StringFixedBank(1) + "%"
}

// barWidth is the width in characters of a bar for a share of 1.
const barWidth = 20

// bar draws a share as a bar of block characters, in eighths of a
// character.
func bar(share decimal.Decimal) string {
	eighths := share.Mul(decimal.New(8*barWidth, 0)).Round(0).IntPart()
	partial := []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}
	return strings.Repeat("█", int(eighths/8)) + partial[eighths%8]
}

func writeText(w *bytes.Buffer, results []result, grouped bool, cfg config) error {
	if len(results) == 0 {
		fmt.Fprintln(w, "No customers.")
		return nil
	}
	for i, r := range results {
		if grouped {
			if i > 0 {
				fmt.Fprintln(w)
			}
			owner := r.owner
			if owner == "" {
				owner = "(no owner)"
			}
			fmt.Fprintf(w, "== %s ==\n\n", owner)
		}
		if err := writeResult(w, r, cfg); err != nil {
			return err
		}
	}
	return nil
}

// writeResult writes the sentence, the table and the rest line of one plan.
func writeResult(w *bytes.Buffer, r result, cfg config) error {
	a, p := r.allocation, r.plan
	places := max(-cfg.step.Exponent(), 0)
	amount := func(d decimal.Decimal) string { return d.StringFixed(places) }
	switch {
	case r.portfolio.Len() == 0:
		fmt.Fprintf(w, "No customers: all %s %s go to prospecting.\n", amount(p.Budget), cfg.unit)
		return nil
	case len(a.Lines) == 0:
		fmt.Fprintf(w, "No key customers among %d: all %s %s go to %s.\n",
			r.portfolio.Len(), amount(p.Budget), cfg.unit, restName)
		return nil
	}
	keyAmount := decimal.Decimal{}
	for _, l := range p.Lines {
		keyAmount = keyAmount.Add(l.Amount)
	}
	fmt.Fprintf(w, "Key customers bring %s of revenue; %s: %s of your time, %s of %s %s.\n\n",
		percent(a.KeyRevenueShare), rules(a.Lines), percent(a.KeyTimeShare), amount(keyAmount), amount(p.Budget), cfg.unit)

	var table bytes.Buffer
	fmt.Fprintf(&table, "CUSTOMER\tREVENUE\tREVENUE SHARE\t\tRULE\tTIME SHARE\t\t%s\n", strings.ToUpper(cfg.unit))
	for i, l := range a.Lines {
		rule := "existing"
		if l.Customer.New {
			rule = "new"
		}
		fmt.Fprintf(&table, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", l.Customer.Name, exact(l.Customer.Revenue),
			percent(l.RevenueShare), bar(l.RevenueShare), rule, percent(l.TimeShare), bar(l.TimeShare), amount(p.Lines[i].Amount))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if _, err := tw.Write(table.Bytes()); err != nil {
		return err
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nOther customers and prospecting: %s of your time, %s %s.\n",
		percent(a.RestTimeShare), amount(p.Rest), cfg.unit)
	return nil
}

// rules says which rules the key customers got.
func rules(lines []salestime.Line) string {
	var existing, fresh int
	for _, l := range lines {
		if l.Customer.New {
			fresh++
		} else {
			existing++
		}
	}
	switch {
	case fresh == 0:
		return "existing-customer rule, half"
	case existing == 0:
		return "new-customer rule, three quarters"
	}
	return fmt.Sprintf("existing-customer rule, half, for %d and new-customer rule, three quarters, for %d", existing, fresh)
}
