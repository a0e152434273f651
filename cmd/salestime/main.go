// Command salestime splits a salesperson's selling time between their key
// customers and everyone else, from an export of accounts or deals.
//
// Usage:
//
//	salestime [flags] [FILE | -]
//
// It reads the customers from FILE, a CSV file or an Excel workbook
// (.xlsx, recognised by its content), or from standard input, with - or
// with no argument; with no argument, where standard input is a terminal
// or /dev/null, or is empty, it plans a small sample built into the
// command. It prints the share of time of each key customer and a plan
// that splits a budget of hours into whole steps; with -b, -cadence and
// -visit, the rest planned by the visits of classes B and C; with -by, the
// plan by month, quarter or week; with -format ics, the plan as time
// blocks in a calendar; with -actual, the time logged set against the
// plan. With -http ADDR, it serves all of that as a page to drop an export
// on.
//
// The flags are listed by salestime -h and in the README's table. A flag
// that does not apply to the run is refused. The exit status is 0 on
// success, 1 when the data is bad and 2 when the command is used wrongly.
package main

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
	"github.com/salestime/salestime/internal/spool"
	"github.com/salestime/salestime/internal/textin"
)

//go:embed sample.csv
var sample []byte

func main() {
	stop := spool.RemoveOnSignal()
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// options are what the command line says: the run, its inputs, how to
// read them, and the team's plans.
type options struct {
	run              runKind
	input            string // the file, or "" for standard input or the sample
	unit             string
	team             salestime.Team
	keyText, keyName string // -key, and the selector as ParseSelector names it
	bText, bName     string // -b, likewise
	accounts         salestime.ReadOptions
	budgets, actual  salestime.ReadOptions // of the files of -budgets and -actual
	holidays         string                // the file of -holidays
	until            time.Time
	tolerance        decimal.Decimal
	top              int
	numbers          bool // -numbers given
	encoding         textin.Encoding
	sheet            string
	maxInput         int64
	notes            io.Writer // standard error, for what the command says of its input
	owners           bool      // the accounts have an owner column
	ownersUnlogged   bool      // the accounts have owners, and the activities read have none
	owner, out       string    // -owner, and the directory of -out
	http             string    // the address of -http
	inputName        string    // the name of standard input in messages, where a page posted it
	day              workDay   // the working hours of -format ics
}

// A runKind is what a command line asks for: a plan, a schedule of -by, a
// review of -actual, or the team's summary alone, in a format.
type runKind struct {
	review, schedule, summary, visits bool
	format                            string
}

// String names the run in an error, as in "a review (-actual) in csv".
func (r runKind) String() string {
	what := "a plan"
	switch {
	case r.review:
		what = "a review (-actual)"
	case r.schedule:
		what = "a schedule (-by)"
	case r.summary:
		what = "a summary (-summary)"
	}
	if r.visits && !r.review {
		what += " by visits"
	}
	return what + " in " + r.format
}

// formats are the values of -format.
var formats = []string{"text", "json", "csv", "html", "ics"}

func (r runKind) textOrHTML() bool { return r.format == "text" || r.format == "html" }

func notReview(r runKind) bool   { return !r.review }
func calendarRun(r runKind) bool { return r.format == "ics" }

// A flagDef is one flag: given for a run it does not apply to, it would do
// nothing, and is refused.
type flagDef struct {
	name, value, usage string
	kind               byte                 // 's' a string, 'b' a boolean, 'c' FIELD=HEADER, repeatable
	runs               string               // the runs it applies to, as an error names them; "" for every run
	applies            func(r runKind) bool // nil for every run
}

// flagDefs are the flags, in the order -h lists them.
var flagDefs = []flagDef{
	{"budget", "1600", "the `time` to split: the selling hours of a year by default", 's', "", nil},
	{"step", "1", "the `unit` of the split: 1 for whole hours, 0.25 for quarter hours", 's', "", nil},
	{"unit", "hours", "the `word` printed after amounts", 's', "plans and schedules: a review counts hours", notReview},
	{"key", "share:0.8", "how key customers are chosen: top:N, share:S (0.8 or 80%), min:R, marked or abc", 's', "", nil},
	{"format", "text", "the output `format`: text, json, csv, html or ics (a calendar)", 's', "", nil},
	{"owner", "", "plan the accounts of one owner, the salesperson called `NAME`, alone", 's', "", nil},
	{"budgets", "", "a `FILE` of budgets, one per owner: columns owner and budget (CSV or a workbook)", 's', "", nil},
	{"prospecting", "", "split the rest: the `share` of it for prospecting, as in 0.4 or 40%", 's',
		"plans and schedules not by visits: a review splits the rest by the time logged, visits by what they leave", func(r runKind) bool { return !r.review && !r.visits }},
	{"summary", "", "print only the team's summary table: a row per owner, or one without an owner column", 'b',
		"plans in text or html", func(r runKind) bool { return !r.review && !r.schedule && r.textOrHTML() }},
	{"top", "", "show the first `N` key customers of each plan, and the others in one line", 's',
		"plans in text or html and schedules in text, which show the key customers' table",
		func(r runKind) bool {
			return !r.review && !r.summary && (r.format == "text" || r.format == "html" && !r.schedule)
		}},
	{"col", "", "read `FIELD=HEADER`: the field (name, revenue, new, key, b, owner, currency) from the column HEADER; repeatable", 'c', "", nil},
	{"numbers", "auto", "the number `format` of a CSV file: 1234.56, 1234,56, 1,234.56, 1.234,56, 1 234,56, 1 234.56 or 1'234.56", 's', "", nil},
	{"max-input", "1G", "the most bytes an input file may have, as in 500M or 2G (64M with -http)", 's', "", nil},
	{"http", "", "serve the command as a page to drop an export on, at `ADDR`, as in localhost:8080", 's', "", nil},
	{"fill-down", "", "fill the blank cells of the `FIELD` (owner or name) with the value above, as a report grouped by it writes it once; owner,name for both", 's', "", nil},
	{"sum", "", "add up the revenues of rows with the same name, as in a list of deals or invoices, credit notes subtracted", 'b', "", nil},
	{"encoding", "", "the `encoding` of a CSV file that is not UTF-8 or UTF-16, such as windows-1250 or windows-1252", 's', "", nil},
	{"sheet", "", "the `sheet` of a workbook to read (default the first)", 's', "", nil},
	{"actual", "", "review the time spent, from an activity log `FILE`, against the plan", 's', "", nil},
	{"budgets-col", "", "read `FIELD=HEADER` of the -budgets file: the field (owner, budget) from the column HEADER; repeatable", 'c', "", nil},
	{"actual-col", "", "read `FIELD=HEADER` of the activity log: the field (customer, duration, date, owner) from the column HEADER; repeatable", 'c',
		"reviews (-actual)", func(r runKind) bool { return r.review }},
	{"duration", "hours", "what a duration written as a number counts in the activity log: `hours` or minutes", 's',
		"reviews (-actual)", func(r runKind) bool { return r.review }},
	{"dates", "iso", "how the activity log writes dates besides 2027-03-04: `iso`, dmy (04.03.2027) or mdy (03/04/2027)", 's',
		"reviews (-actual)", func(r runKind) bool { return r.review }},
	{"b", "", "plan by visits: class B among the customers that are not key, as -key picks (top:N, share:S, min:R, marked)", 's', "plans and schedules", notReview},
	{"cadence", "", "plan by visits: each class visited every N weeks or days for a time, as in `B=4w:1h,C=13w:1h`", 's', "plans and schedules", notReview},
	{"visit", "", "plan by visits: the key customers in whole visits of this `length`, as in 4h or 1:30, the plan's step", 's', "plans and schedules", notReview},
	{"period", "", "the plan's period, `FROM..TO` in ISO dates, as in 2027-01-01..2027-12-31", 's',
		"schedules (-by), plans by visits, calendars (-format ics) and reviews (-actual)",
		func(r runKind) bool { return r.schedule || r.review || r.visits || r.format == "ics" }},
	{"until", "", "the `day` of the review (default the last day of an activity in the period)", 's',
		"reviews (-actual)", func(r runKind) bool { return r.review }},
	{"by", "", "spread each plan over the calendar by `month`, quarter or week, over -period", 's',
		"plans in text, csv or json", func(r runKind) bool { return !r.review && !r.summary && r.format != "html" && r.format != "ics" }},
	{"holidays", "", "a `FILE` of holidays for -by and -format ics: ISO dates, one a line or first in each row of CSV", 's',
		"schedules (-by) and calendars (-format ics)", func(r runKind) bool { return r.schedule || r.format == "ics" }},
	{"hours", "09:00-17:00", "the working `hours` of a day in the calendar", 's', "calendars (-format ics)", calendarRun},
	{"lunch", "", "a `break` in the working hours of a day in the calendar, as in 12:00-13:00", 's', "calendars (-format ics)", calendarRun},
	{"tz", "", "the time `zone` of the calendar, as in Europe/Warsaw (default the machine's)", 's', "calendars (-format ics)", calendarRun},
	{"out", "", "write each owner's calendar to a file of its own in `DIR`", 's', "calendars (-format ics)", calendarRun},
	{"tolerance", "10%", "how far from the plan a line may be, as a `share`, before the review marks it", 's',
		"reviews (-actual) in text or html, which mark lines over or under", func(r runKind) bool { return r.review && r.textOrHTML() }},
}

// A usageError is a mistake in the command line: msg says what it is, or,
// where the library found it, err says what and msg names the flags.
type usageError struct {
	msg string
	err error
}

func (e usageError) Error() string {
	if e.err != nil {
		return e.err.Error() + " (" + e.msg + ")"
	}
	return "salestime: " + e.msg
}

const usage = `usage: salestime [flags] [FILE | -]

Reads customers from a CSV file or an Excel workbook (columns name and
revenue, optionally new, key, b, owner and currency), from standard input
with -, or from a built-in sample with no FILE, and prints how to split
selling time between key customers and the rest; with -http ADDR, serves a
page to drop a file on.

Flags:
`

// parseArgs reads the command line into options.
func parseArgs(args []string, stderr io.Writer) (*options, error) {
	fs := flag.NewFlagSet("salestime", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	values, columns := map[string]string{}, map[string]map[string]string{}
	for _, f := range flagDefs {
		values[f.name] = f.value
		switch f.kind {
		case 'b':
			fs.BoolFunc(f.name, f.usage, func(string) error { values[f.name] = "true"; return nil })
		case 'c':
			columns[f.name] = map[string]string{}
			fs.Func(f.name, f.usage, columnFlag(columns[f.name]))
		default:
			fs.Func(f.name, f.usage, func(s string) error { values[f.name] = s; return nil })
			fs.Lookup(f.name).DefValue = f.value
		}
	}
	var files []string // flags may come after the file too, as in "salestime accounts.csv -key abc"
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(stderr)
				complain(stderr, "%s", usage)
				fs.PrintDefaults()
			}
			return nil, err
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	o := &options{unit: strings.TrimSpace(values["unit"]), keyText: values["key"], bText: values["b"]}
	o.run = runKind{review: values["actual"] != "", schedule: values["by"] != "", summary: values["summary"] != "", format: values["format"],
		visits: values["b"] != "" || values["cadence"] != "" || values["visit"] != ""}
	switch {
	case !slices.Contains(formats, o.run.format):
		return nil, usageError{msg: fmt.Sprintf("-format %s is not text, json, csv, html or ics", q(o.run.format))}
	case o.run.format == "ics" && o.run.review:
		return nil, usageError{msg: "-format ics is for plans: a review (-actual) is no calendar"}
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for _, f := range flagDefs {
		if given[f.name] && f.applies != nil && !f.applies(o.run) {
			return nil, usageError{msg: fmt.Sprintf("-%s is for %s, and this is %s", f.name, f.runs, o.run)}
		}
	}
	for name := range given {
		if given["http"] && name != "http" && name != "max-input" {
			return nil, usageError{msg: serveWithoutAll}
		}
	}
	if given["budgets-col"] && !given["budgets"] {
		return nil, usageError{msg: "-budgets-col names the columns of the -budgets file: give it with -budgets"}
	}
	if len(files) > 1 {
		return nil, usageError{msg: fmt.Sprintf("one file at most, got %d: %q", len(files), files)}
	}
	if len(files) == 1 && files[0] == "" {
		return nil, usageError{msg: "the file name is empty"}
	}
	if len(files) == 1 {
		o.input = files[0]
	}
	if err := o.set(values, columns, given); err != nil {
		return nil, err
	}
	return o, nil
}

// set checks the values of the flags and sets them in o; each check is
// the library's where it has one.
func (o *options) set(v map[string]string, columns map[string]map[string]string, given map[string]bool) error {
	var err error
	t := &o.team
	if err := o.setVisits(v, given); err != nil {
		return err
	}
	if t.Budget, t.Step, err = parseBudget(v["budget"], v["step"]); err != nil {
		step := "-step " + cut(v["step"], 64)
		if given["visit"] {
			step = "-visit " + cut(v["visit"], 64)
		}
		return usageError{msg: "-budget " + cut(v["budget"], 64) + " " + step, err: err}
	}
	if o.unit == "" {
		return usageError{msg: "-unit must not be blank"}
	}
	if t.Split = given["prospecting"]; t.Split {
		if t.Prospecting, err = parseShare(v["prospecting"]); err != nil || t.Prospecting.GreaterThan(decimal.New(1, 0)) {
			return usageError{msg: fmt.Sprintf("-prospecting %s is not a share from 0 to 1, as in 0.4 or 40%%", q(v["prospecting"]))}
		}
	}
	if given["top"] {
		if o.top, err = strconv.Atoi(v["top"]); err != nil || o.top <= 0 {
			return usageError{msg: fmt.Sprintf("-top %s is not a whole number above 0", q(v["top"]))}
		}
	}
	if o.maxInput, err = textin.ParseSize(v["max-input"]); err != nil {
		return usageError{msg: fmt.Sprintf("-max-input %s is not a size, as in 500M or 2G", q(v["max-input"]))}
	}
	numbers := v["numbers"]
	o.numbers = given["numbers"] && numbers != "auto"
	o.accounts = salestime.ReadOptions{Columns: columns["col"], Numbers: numbers, Sum: v["sum"] != ""}
	if v["fill-down"] != "" {
		o.accounts.FillDown = strings.Split(v["fill-down"], ",")
	}
	// Without -numbers, a revenue that reads two ways waits for the file.
	switch t.Key, o.keyName, err = salestime.ParseSelector(o.keyText, numbers); {
	case errors.Is(err, salestime.ErrInvalidOption):
		return usageError{msg: "-numbers", err: err}
	case err != nil && (o.numbers || !errors.Is(err, salestime.ErrAmbiguousNumber)):
		return usageError{msg: "-key", err: err}
	}
	switch t.B, o.bName, err = salestime.ParseSelector(o.bText, numbers); {
	case o.bText == "":
		t.B = nil
	case err != nil && (o.numbers || !errors.Is(err, salestime.ErrAmbiguousNumber)):
		return usageError{msg: "-b", err: err}
	}
	if o.keyName == "marked" {
		o.accounts.Require = []string{"key"}
	}
	if o.bName == "marked" {
		o.accounts.Require = append(o.accounts.Require, "b")
	}
	o.budgets = salestime.ReadOptions{File: v["budgets"], Columns: columns["budgets-col"], Numbers: numbers}
	o.actual = salestime.ReadOptions{File: v["actual"], Columns: columns["actual-col"], Numbers: numbers, Minutes: v["duration"] == "minutes"}
	switch d := v["dates"]; d {
	case "dmy", "mdy":
		o.actual.Dates = d
	case "iso":
	default:
		return usageError{msg: fmt.Sprintf("-dates %s is not iso, dmy or mdy", q(d))}
	}
	if v["duration"] != "hours" && v["duration"] != "minutes" {
		return usageError{msg: fmt.Sprintf("-duration %s is not hours or minutes", q(v["duration"]))}
	}
	if err := o.checkReaders(); err != nil {
		return err
	}
	if given["period"] {
		if t.Period, err = salestime.ParsePeriod(v["period"]); err != nil {
			return usageError{msg: "-period", err: err}
		}
	}
	if given["until"] {
		if !given["period"] {
			return usageError{msg: "-until is a day of the period: give the period with -period FROM..TO"}
		}
		if o.until, err = time.Parse(time.DateOnly, strings.TrimSpace(v["until"])); err != nil {
			return usageError{msg: fmt.Sprintf("-until %s is not a date written as 2027-03-04", q(v["until"]))}
		}
		if o.until.Before(t.Period.From) {
			return usageError{msg: fmt.Sprintf("-until %s is before the period %s", v["until"], v["period"])}
		}
	}
	if o.tolerance, err = parseShare(v["tolerance"]); err != nil {
		return usageError{msg: fmt.Sprintf("-tolerance %s is not a share, as in 0.1 or 10%%", q(v["tolerance"]))}
	}
	switch t.By = v["by"]; {
	case t.By != "" && t.By != "month" && t.By != "quarter" && t.By != "week":
		return usageError{msg: fmt.Sprintf("-by %s is not month, quarter or week", q(t.By))}
	case t.By != "" && !given["period"]:
		return usageError{msg: "-by needs the dates to spread the plan over: give them with -period FROM..TO, as in -period 2027-01-01..2027-12-31"}
	}
	o.holidays, o.sheet = v["holidays"], v["sheet"]
	if v["encoding"] != "" {
		if o.encoding, err = textin.Find(v["encoding"]); err != nil {
			return usageError{msg: "-encoding " + err.Error()}
		}
	}
	o.owner, o.http = v["owner"], v["http"]
	if o.http != "" && !given["max-input"] {
		o.maxInput = httpMaxInput
	}
	if err := o.setCalendar(v, given); err != nil {
		return err
	}
	if o.run.visits {
		return o.checkVisits(given)
	}
	return nil
}
