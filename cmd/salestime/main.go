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
// that splits a budget of hours into whole steps; with -by, the plan by
// month, quarter or week; with -actual, the time logged set against the
// plan.
//
// The flags are listed by salestime -h and in the README's table. A flag
// that does not apply to the run is refused. The exit status is 0 on
// success, 1 when the data is bad and 2 when the command is used wrongly.
package main

import (
	"bufio"
	"bytes"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"

	"github.com/salestime/salestime"
)

//go:embed sample.csv
var sample []byte

func main() {
	stop := removeOnSignal()
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// config is what the flags say.
type config struct {
	budget, step decimal.Decimal
	unit         string
	key          salestime.Selector
	format       string
	read         salestime.ReadOptions
	numbers      bool         // whether -numbers was given
	encoding     textEncoding // -encoding, or none
	sheet        string

	// The team's plans.
	keyText        string                     // -key
	keyName        string                     // the selector as ParseSelector names it
	budgetsFile    string                     // -budgets, or ""
	budgetsColumns map[string]string          // -budgets-col
	split          bool                       // -prospecting was given
	prospecting    decimal.Decimal            // its share
	summary        bool                       // -summary
	top            int                        // -top, or 0 for all
	budgets        map[string]decimal.Decimal // by owner, read from budgetsFile

	// The schedule of -by.
	by           string                     // month, quarter or week, or ""
	holidaysFile string                     // -holidays, or ""
	periods      []salestime.SchedulePeriod // made of the period and the holidays

	notes    io.Writer // standard error, for what the command says of its input
	maxInput int64     // the most bytes of an input file

	// The review of -actual.
	actual    string // the activity log, or ""
	log       salestime.ActivityOptions
	review    salestime.ReviewOptions
	tolerance decimal.Decimal
}

// A kindError is an error of the command's own about bad data: its
// message, and the sentinel of the library it is a kind of.
type kindError struct {
	msg  string
	kind error
}

func (e kindError) Error() string { return e.msg }
func (e kindError) Unwrap() error { return e.kind }

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
revenue, optionally new, key, owner and currency), from standard input with -,
or from a built-in sample with no FILE, and prints how to split selling time
between key customers and the rest.

Flags:
`

// run runs the command and returns its exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, input, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	cfg.notes = stderr
	if err != nil {
		complain(stderr, "%v\n", err)
		complain(stderr, "run 'salestime -h' for usage\n")
		return 2
	}

	var log salestime.ActivityLog
	if cfg.actual != "" {
		f, err := os.Open(cfg.actual)
		if err != nil {
			complain(stderr, "salestime: %v\n", err)
			return 1
		}
		log, err = readLog(cfg.actual, f, cfg)
		_ = f.Close() // read only
		if code := readFailed(stderr, err, "-actual-col"); code != 0 {
			return code
		}
	}
	name, r, closeInput, err := openInput(input, stdin, stderr)
	if err != nil {
		complain(stderr, "salestime: %v\n", err)
		return 1
	}
	acc, err := readAccounts(name, r, &cfg)
	closeInput()
	if code := readFailed(stderr, err, "-col"); code != 0 {
		return code
	}
	var idle []string
	if cfg.budgetsFile != "" {
		idle, err = readBudgets(&cfg, acc)
		if code := readFailed(stderr, err, "-budgets-col"); code != 0 {
			return code
		}
	}
	if cfg.actual != "" {
		return reviewAll(acc, log, cfg, stdout, stderr)
	}
	if cfg.by != "" {
		if cfg.periods, err = periodsOf(cfg); err != nil {
			complain(stderr, "%v\n", err)
			return 1
		}
	}
	// Nothing reaches standard output until the whole run has succeeded.
	all := &spool{what: "the output"}
	defer all.remove()
	out := bufio.NewWriterSize(all, 64<<10)
	w, team := out, opensWithSummary(acc, cfg)
	var sp *spool
	if team && !cfg.summary {
		// The plans wait in a spool for the summary, which needs them all.
		sp = &spool{what: "the plans"}
		defer sp.remove()
		w = bufio.NewWriterSize(sp, 64<<10)
	}
	render := newRenderer(out, w, acc, cfg)
	if r, ok := render.(interface{ remove() }); ok {
		defer r.remove() // its temporary file, on every way out
	}
	err = groups(acc, idle, func(g salestime.Group) error {
		r, err := plan(g, cfg)
		if err == nil && team {
			render.(summarizer).add(r)
		}
		if err == nil && !cfg.summary {
			err = render.group(r)
		}
		if err != nil {
			return fmt.Errorf("%w (owner %q)", err, g.Name)
		}
		return nil
	})
	if err == nil && team {
		err = render.(summarizer).summary()
	}
	if err == nil {
		err = render.end()
	}
	if err == nil && sp != nil {
		err = w.Flush()
	}
	if err == nil {
		err = out.Flush()
	}
	if err == nil {
		err = all.copyTo(stdout)
	}
	if err == nil && sp != nil {
		err = sp.copyTo(stdout)
	}
	if err != nil {
		complain(stderr, "%v\n", err)
		if errors.Is(err, salestime.ErrInvalidPeriod) && cfg.by != "" {
			complain(stderr, "salestime: spread the plans over fewer periods, as with -by month or -by quarter, or over a shorter -period\n")
		}
		return 1
	}
	return 0
}

// readFailed reports err, an error of reading an input, if there is one,
// and returns the exit status it calls for: 2 for a mistake in the command
// line, 1 for bad data; 0 for no error. colFlag is the flag that names the
// input's columns.
func readFailed(stderr io.Writer, err error, colFlag string) int {
	if ue := (usageError{}); errors.As(err, &ue) {
		complain(stderr, "%v\n", err)
		complain(stderr, "run 'salestime -h' for usage\n")
		return 2
	}
	if err != nil {
		complain(stderr, "%v\n", err)
		if h := hint(err, colFlag); h != "" {
			complain(stderr, "salestime: %s\n", h)
		}
		return 1
	}
	return 0
}

// q quotes s, a value given on the command line, for a message: cut to 64
// characters, so that a value of a million digits is not written back
// whole.
func q(s string) string {
	return strconv.Quote(cut(s, 64))
}

// complain writes a message to standard error. If that fails, there is no
// one left to tell.
func complain(stderr io.Writer, format string, args ...any) {
	_, _ = fmt.Fprintf(stderr, format, args...)
}

// hint says which flag settles a data error of an input whose columns
// colFlag names, or returns "".
func hint(err error, colFlag string) string {
	var ce *salestime.ColumnError
	var ee encodingError
	switch {
	case errors.As(err, &ce):
		flags := make([]string, len(ce.Fields))
		for i, f := range ce.Fields {
			flags[i] = colFlag + " " + f + "=HEADER"
		}
		return "say which columns to read with " + strings.Join(flags, " ") + ", each HEADER one of those above"
	case errors.Is(err, salestime.ErrAmbiguousNumber):
		return "say how the file writes numbers with -numbers, as in -numbers 1.234,56 or -numbers 1,234.56"
	case errors.As(err, new(inputSizeError)):
		var tl inputSizeError
		errors.As(err, &tl)
		return fmt.Sprintf("raise the limit with -max-input, as in -max-input %s", sizeText(tl.enough()))
	case errors.Is(err, salestime.ErrBlankCell) && colFlag == "-col":
		return "fill the owner column down with -fill-down owner, where a report writes each owner on the first row of their accounts only"
	case errors.Is(err, salestime.ErrDuplicateCustomer):
		return "to add up the rows of each customer, as in a list of deals, use -sum"
	case errors.As(err, &ee) && len(ee.suggest) > 0:
		return "name the encoding of the file with -encoding, as in -encoding " + strings.Join(ee.suggest, " or -encoding ")
	case errors.Is(err, salestime.ErrInvalidEncoding):
		return "name the encoding of the file with -encoding, as in -encoding windows-1250 or -encoding windows-1252"
	}
	return ""
}

// parseArgs reads the flags and returns them with the input argument.
func parseArgs(args []string, stderr io.Writer) (config, string, error) {
	fs := flag.NewFlagSet("salestime", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	budget := fs.String("budget", "1600", "the `time` to split: the selling hours of a year by default")
	step := fs.String("step", "1", "the `unit` of the split: 1 for whole hours, 0.25 for quarter hours")
	unit := fs.String("unit", "hours", "the `word` printed after amounts")
	key := fs.String("key", "share:0.8", "how key customers are chosen: top:N, share:S (0.8 or 80%), min:R, marked or abc")
	format := fs.String("format", "text", "the output `format`: text, json, csv or html")
	budgets := fs.String("budgets", "", "a `FILE` of budgets, one per owner: columns owner and budget (CSV or a workbook)")
	prospecting := fs.String("prospecting", "", "split the rest: the `share` of it for prospecting, as in 0.4 or 40%")
	summary := fs.Bool("summary", false, "print only the team's summary table: a row per owner, or one without an owner column")
	top := fs.String("top", "", "show the first `N` key customers of each plan, and the others in one line")
	columns := map[string]string{}
	fs.Func("col", "read `FIELD=HEADER`: the field (name, revenue, new, key, owner, currency) from the column HEADER; repeatable",
		columnFlag(columns))
	numbers := fs.String("numbers", "auto", "the number `format` of a CSV file: 1234.56, 1234,56, 1,234.56, 1.234,56, 1 234,56, 1 234.56 or 1'234.56")
	maxInput := fs.String("max-input", "1G", "the most bytes an input file may have, as in 500M or 2G")
	fillDown := fs.String("fill-down", "", "fill the blank cells of the `FIELD` (owner or name) with the value above, as a report grouped by it writes it once; owner,name for both")
	sum := fs.Bool("sum", false, "add up the revenues of rows with the same name, as in a list of deals or invoices, credit notes subtracted")
	enc := fs.String("encoding", "", "the `encoding` of a CSV file that is not UTF-8 or UTF-16, such as windows-1250 or windows-1252")
	sheet := fs.String("sheet", "", "the `sheet` of a workbook to read (default the first)")
	actual := fs.String("actual", "", "review the time spent, from an activity log `FILE`, against the plan")
	budgetsColumns := map[string]string{}
	fs.Func("budgets-col", "read `FIELD=HEADER` of the -budgets file: the field (owner, budget) from the column HEADER; repeatable",
		columnFlag(budgetsColumns))
	actualColumns := map[string]string{}
	fs.Func("actual-col", "read `FIELD=HEADER` of the activity log: the field (customer, duration, date, owner) from the column HEADER; repeatable",
		columnFlag(actualColumns))
	duration := fs.String("duration", "hours", "what a duration written as a number counts in the activity log: `hours` or minutes")
	dates := fs.String("dates", "iso", "how the activity log writes dates besides 2027-03-04: `iso`, dmy (04.03.2027) or mdy (03/04/2027)")
	period := fs.String("period", "", "the plan's period, `FROM..TO` in ISO dates, as in 2027-01-01..2027-12-31")
	until := fs.String("until", "", "the `day` of the review (default the last day of an activity in the period)")
	by := fs.String("by", "", "spread each plan over the calendar by `month`, quarter or week, over -period")
	holidays := fs.String("holidays", "", "a `FILE` of holidays for -by: ISO dates, one a line or first in each row of CSV")
	tolerance := fs.String("tolerance", "10%", "how far from the plan a line may be, as a `share`, before the review marks it")
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
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	run := runKind{review: *actual != "", schedule: *by != "", summary: *summary, format: *format}
	if err := checkFlags(given, run); err != nil {
		return config{}, "", err
	}
	var cfg config
	var err error
	if cfg.budget, err = decimal.NewFromString(*budget); err != nil {
		return config{}, "", usageError{msg: fmt.Sprintf("-budget %s is not a number", q(*budget))}
	}
	if cfg.step, err = decimal.NewFromString(*step); err != nil {
		return config{}, "", usageError{msg: fmt.Sprintf("-step %s is not a number", q(*step))}
	}
	if err := salestime.CheckBudget(cfg.budget, cfg.step); err != nil {
		return config{}, "", usageError{msg: fmt.Sprintf("-budget %s -step %s", cut(*budget, 64), cut(*step, 64)), err: err}
	}
	cfg.unit = strings.TrimSpace(*unit)
	if cfg.unit == "" {
		return config{}, "", usageError{msg: "-unit must not be blank"}
	}
	cfg.format = *format
	cfg.budgetsFile, cfg.summary = *budgets, *summary
	cfg.budgetsColumns = budgetsColumns
	if err := (salestime.BudgetOptions{Columns: budgetsColumns}).Check(); err != nil {
		return config{}, "", usageError{msg: "-budgets-col", err: err}
	}
	if *prospecting != "" {
		cfg.split = true
		if cfg.prospecting, err = parseShare(*prospecting); err != nil || cfg.prospecting.Sign() < 0 || cfg.prospecting.GreaterThan(decimal.New(1, 0)) {
			return config{}, "", usageError{msg: fmt.Sprintf("-prospecting %s is not a share from 0 to 1, as in 0.4 or 40%%", q(*prospecting))}
		}
	}
	if *top != "" {
		if cfg.top, err = strconv.Atoi(*top); err != nil || cfg.top <= 0 {
			return config{}, "", usageError{msg: fmt.Sprintf("-top %s is not a whole number above 0", q(*top))}
		}
	}
	if cfg.maxInput, err = parseSize(*maxInput); err != nil {
		return config{}, "", usageError{msg: fmt.Sprintf("-max-input %s is not a size, as in 500M or 2G", q(*maxInput))}
	}
	cfg.read.Columns, cfg.read.Sum = columns, *sum
	if *fillDown != "" {
		cfg.read.FillDown = strings.Split(*fillDown, ",")
	}
	if cfg.read.Numbers, err = salestime.ParseNumberFormat(*numbers); err != nil {
		return config{}, "", usageError{msg: "-numbers", err: err}
	}
	cfg.numbers = cfg.read.Numbers != ""
	// Without -numbers, a revenue that reads two ways waits for the file.
	cfg.keyText = *key
	if cfg.key, cfg.keyName, err = salestime.ParseSelector(*key, cfg.read.Numbers); err != nil &&
		(cfg.numbers || !errors.Is(err, salestime.ErrAmbiguousNumber)) {
		return config{}, "", usageError{msg: "-key", err: err}
	}
	if cfg.keyName == "marked" {
		cfg.read.Require = []string{"key"}
	}
	if err := (salestime.ReadOptions{Columns: columns}).Check(); err != nil {
		return config{}, "", usageError{msg: "-col", err: err}
	}
	if err := cfg.read.Check(); err != nil {
		return config{}, "", usageError{msg: "-fill-down", err: err}
	}
	if *enc != "" {
		if cfg.encoding, err = findEncoding(*enc); err != nil {
			return config{}, "", err
		}
	}
	cfg.sheet = *sheet
	if err := cfg.reviewFlags(*actual, actualColumns, *duration, *dates, *period, *until, *tolerance); err != nil {
		return config{}, "", err
	}
	if err := cfg.scheduleFlags(*by, *holidays, *period); err != nil {
		return config{}, "", err
	}
	switch len(files) {
	case 0:
		return cfg, "", nil
	case 1:
		if files[0] == "" {
			return config{}, "", usageError{msg: "the file name is empty"}
		}
		return cfg, files[0], nil
	default:
		return config{}, "", usageError{msg: fmt.Sprintf("one file at most, got %d: %q", len(files), files)}
	}
}

// columnFlag returns the function of a flag FIELD=HEADER that fills columns.
func columnFlag(columns map[string]string) func(string) error {
	return func(s string) error {
		field, header, ok := strings.Cut(s, "=")
		if !ok {
			return errors.New("want FIELD=HEADER, as in name=\"Account Name\"")
		}
		field = strings.ToLower(strings.TrimSpace(field))
		if _, dup := columns[field]; dup {
			return fmt.Errorf("the column of %s is given twice", field)
		}
		columns[field] = header
		return nil
	}
}

// reviewFlags checks the flags of the review and sets them in cfg.
func (cfg *config) reviewFlags(actual string, columns map[string]string, duration, dates, period, until, tolerance string) error {
	cfg.actual = actual
	cfg.log = salestime.ActivityOptions{Columns: columns}
	switch duration {
	case "hours":
	case "minutes":
		cfg.log.Minutes = true
	default:
		return usageError{msg: fmt.Sprintf("-duration %s is not hours or minutes", q(duration))}
	}
	switch dates {
	case "iso":
	case "dmy", "mdy":
		cfg.log.Dates = salestime.DateOrder(dates)
	default:
		return usageError{msg: fmt.Sprintf("-dates %s is not iso, dmy or mdy", q(dates))}
	}
	if err := cfg.log.Check(); err != nil {
		return usageError{msg: "-actual-col", err: err}
	}
	var err error
	if period != "" {
		if cfg.review.Period, err = salestime.ParsePeriod(period); err != nil {
			return usageError{msg: "-period", err: err}
		}
	}
	if until != "" {
		if period == "" {
			return usageError{msg: "-until is a day of the period: give the period with -period FROM..TO"}
		}
		if cfg.review.Until, err = salestime.ParseDate(until); err != nil {
			return usageError{msg: "-until", err: err}
		}
		if !cfg.review.Period.IsZero() && cfg.review.Until.Before(cfg.review.Period.From) {
			return usageError{msg: fmt.Sprintf("-until %s is before the period %s", until, cfg.review.Period)}
		}
	}
	if cfg.tolerance, err = parseShare(tolerance); err != nil || cfg.tolerance.Sign() < 0 {
		return usageError{msg: fmt.Sprintf("-tolerance %s is not a share, as in 0.1 or 10%%", q(tolerance))}
	}
	return nil
}

// scheduleFlags checks the flags of the schedule and sets them in cfg; the
// period is read with the review's.
func (cfg *config) scheduleFlags(by, holidays, period string) error {
	switch {
	case by != "" && by != "month" && by != "quarter" && by != "week":
		return usageError{msg: fmt.Sprintf("-by %s is not month, quarter or week", q(by))}
	case by != "" && period == "":
		return usageError{msg: "-by needs the dates to spread the plan over: give them with -period FROM..TO, as in -period 2027-01-01..2027-12-31"}
	}
	cfg.by, cfg.holidaysFile = by, holidays
	return nil
}

// A runKind is what a command line asks for: a plan, a schedule of -by or
// a review of -actual, or the team's summary alone, in a format.
type runKind struct {
	review, schedule, summary bool
	format                    string
}

// String names the run in an error, as in "a review in csv".
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
	return what + " in " + r.format
}

// textOrHTML reports whether the run writes text or a page.
func (r runKind) textOrHTML() bool { return r.format == "text" || r.format == "html" }

// flagRuns says, for each flag that does not apply to every run, the runs
// it applies to: given for another run, it would do nothing, and is
// refused.
var flagRuns = []struct {
	flag    string
	runs    string // the runs it applies to, as an error says them
	applies func(r runKind) bool
}{
	{"unit", "plans and schedules: a review counts hours", func(r runKind) bool { return !r.review }},
	{"prospecting", "plans and schedules: a review splits the rest by the time logged", func(r runKind) bool { return !r.review }},
	{"summary", "plans in text or html", func(r runKind) bool { return !r.review && !r.schedule && r.textOrHTML() }},
	{"top", "plans in text or html and schedules in text, which show the key customers' table",
		func(r runKind) bool {
			return !r.review && !r.summary && (r.format == "text" || r.format == "html" && !r.schedule)
		}},
	{"by", "plans in text, csv or json", func(r runKind) bool { return !r.review && !r.summary && r.format != "html" }},
	{"holidays", "schedules (-by)", func(r runKind) bool { return r.schedule }},
	{"period", "schedules (-by) and reviews (-actual)", func(r runKind) bool { return r.schedule || r.review }},
	{"actual-col", "reviews (-actual)", func(r runKind) bool { return r.review }},
	{"duration", "reviews (-actual)", func(r runKind) bool { return r.review }},
	{"dates", "reviews (-actual)", func(r runKind) bool { return r.review }},
	{"until", "reviews (-actual)", func(r runKind) bool { return r.review }},
	{"tolerance", "reviews (-actual) in text or html, which mark lines over or under", func(r runKind) bool { return r.review && r.textOrHTML() }},
}

// checkFlags returns a usage error for the first flag given that does not
// apply to the run.
func checkFlags(given map[string]bool, r runKind) error {
	if !slices.Contains([]string{"text", "json", "csv", "html"}, r.format) {
		return usageError{msg: fmt.Sprintf("-format %s is not text, json, csv or html", q(r.format))}
	}
	for _, f := range flagRuns {
		if given[f.flag] && !f.applies(r) {
			return usageError{msg: fmt.Sprintf("-%s is for %s, and this is %s", f.flag, f.runs, r)}
		}
	}
	if given["budgets-col"] && !given["budgets"] {
		return usageError{msg: "-budgets-col names the columns of the -budgets file: give it with -budgets"}
	}
	return nil
}

// parseShare reads a share written as 0.1 or 10%.
func parseShare(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	number, percent := strings.CutSuffix(s, "%")
	d, err := decimal.NewFromString(strings.TrimSpace(number))
	if err != nil || d.Exponent() < -salestime.MaxPlaces || d.Exponent() > salestime.MaxIntegerDigits {
		return decimal.Decimal{}, errors.New("not a share")
	}
	if percent {
		d = d.Shift(-2)
	}
	return d, nil
}

// openInput returns the name of the input and a reader of it, which the
// caller closes with the function returned. With no file, the input is
// standard input, as for any filter, unless it is a terminal or another
// device, such as /dev/null, or is closed, or ends before its first byte:
// then it is the sample, and where standard input ended at once, the
// command says so.
func openInput(input string, stdin io.Reader, stderr io.Writer) (string, io.Reader, func(), error) {
	nothing := func() {}
	switch input {
	case "":
		if f, ok := stdin.(*os.File); ok {
			if info, err := f.Stat(); err != nil || info.Mode()&os.ModeCharDevice != 0 {
				return "sample", bytes.NewReader(sample), nothing, nil
			}
		}
		br := bufio.NewReader(stdin)
		if _, err := br.Peek(1); errors.Is(err, io.EOF) {
			complain(stderr, "salestime: standard input is empty: showing the built-in sample\n")
			return "sample", bytes.NewReader(sample), nothing, nil
		}
		return "standard input", br, nothing, nil
	case "-":
		return "standard input", stdin, nothing, nil
	}
	f, err := os.Open(input)
	if err != nil {
		return "", nil, nil, err
	}
	return input, f, func() { _ = f.Close() }, nil // read only: closing cannot lose data
}

// zipMagic starts every zip file, and so every Excel workbook.
var zipMagic = []byte("PK\x03\x04")

// A tableReader reads a table, from CSV or from the rows of a sheet.
type tableReader struct {
	csv  func(r io.Reader) error
	rows func(rows salestime.RowReader, sheet string) error
}

// readAccounts reads the accounts of the input called name from r.
// Without -numbers, a revenue of -key is read in the number format of the
// revenues, once known: the file's, or, for a workbook, whose cells show
// numbers in the reader's locale, none.
func readAccounts(name string, r io.Reader, cfg *config) (salestime.Accounts, error) {
	var acc salestime.Accounts
	opts := cfg.read
	opts.File = name
	numbers := salestime.NumberFormat("")
	err := readTable(name, r, *cfg, cfg.sheet, tableReader{
		csv: func(r io.Reader) (err error) {
			acc, err = salestime.ReadAccountsCSV(r, opts)
			numbers = acc.Numbers
			return err
		},
		rows: func(rows salestime.RowReader, sheet string) (err error) {
			opts.Sheet = sheet
			opts.Numbers = "1234.56" // numbers as stored, in plain notation
			acc, err = salestime.ReadAccounts(rows, opts)
			return err
		},
	})
	if err == nil && !cfg.numbers {
		if cfg.key, cfg.keyName, err = salestime.ParseSelector(cfg.keyText, numbers); err != nil {
			return salestime.Accounts{}, usageError{msg: "-key, read as the file writes its revenues", err: err}
		}
	}
	return acc, err
}

// readLog reads the activity log of the input called name from r.
func readLog(name string, r io.Reader, cfg config) (salestime.ActivityLog, error) {
	var log salestime.ActivityLog
	opts := cfg.log
	opts.File, opts.Numbers = name, cfg.read.Numbers
	err := readTable(name, r, cfg, "", tableReader{
		csv: func(r io.Reader) (err error) {
			log, err = salestime.ReadActivitiesCSV(r, opts)
			return err
		},
		rows: func(rows salestime.RowReader, sheet string) (err error) {
			opts.Sheet = sheet
			opts.Numbers = "1234.56" // numbers as stored, in plain notation
			log, err = salestime.ReadActivities(rows, opts)
			return err
		},
	})
	return log, err
}

// readTable reads the input called name from r with t: as a workbook if it
// is one, from its sheet called sheet or its first, and as CSV otherwise.
func readTable(name string, r io.Reader, cfg config, sheet string, t tableReader) error {
	br := bufio.NewReaderSize(capInput(r, cfg.maxInput), hintSize)
	head, err := br.Peek(len(zipMagic))
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("salestime: %s: %w", name, err)
	}
	if bytes.Equal(head, zipMagic) {
		switch {
		case cfg.numbers:
			return usageError{msg: "-numbers is for CSV files: a workbook's numbers are read as they are stored"}
		case cfg.encoding.name != "":
			return usageError{msg: "-encoding is for CSV files: a workbook is always Unicode"}
		}
		return readWorkbook(br, name, sheet, cfg.notes, t.rows)
	}
	if sheet != "" {
		return usageError{msg: "-sheet is for workbooks, and this is not one"}
	}
	enc := cfg.encoding
	start, _ := br.Peek(hintSize)
	start = bytes.Clone(start) // for a hint, as the buffer moves on
	var text io.Reader = br
	switch {
	case enc.ascii:
		text = &checkedText{r: br, enc: enc, suggest: start, line: 1}
	case enc.code != nil:
		// Text that is UTF-8, and more than ASCII, would come out garbled.
		if utf8.Valid(start[:validPrefix(start)]) && !isASCII(start) {
			return fmt.Errorf("salestime: %s: the file is UTF-8 text, which -encoding %s would misread; leave -encoding out",
				name, enc.name)
		}
		var decode transform.Transformer = enc.code.NewDecoder()
		if enc.yen {
			// JIS X 0201, which Shift-JIS extends, has the yen sign where
			// ASCII has the backslash, and Japanese Windows shows it so.
			decode = transform.Chain(decode, runes.Map(func(r rune) rune {
				if r == '\\' {
					return '¥'
				}
				return r
			}))
		}
		text = &checkedText{r: transform.NewReader(br, decode), enc: enc, suggest: start, line: 1}
	}
	err = t.csv(text)
	if errors.Is(err, salestime.ErrInvalidEncoding) && !errors.As(err, new(encodingError)) {
		err = encodingError{err, suggestCodePages(start)}
	}
	return err
}

// validPrefix returns the length of b less a character that its end cuts.
func validPrefix(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return i
			}
			break
		}
	}
	return len(b)
}

// capInput returns a reader of r, an input, that fails once
// it passes limit bytes.
func capInput(r io.Reader, limit int64) io.Reader {
	c := &capped{r: io.LimitReader(r, limit+1), limit: limit}
	if f, ok := r.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
			c.size = info.Size()
		}
	}
	return c
}

type capped struct {
	r     io.Reader
	limit int64
	size  int64 // of a file, or 0
	read  int64
}

func (c *capped) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.read += int64(n); c.read > c.limit {
		return 0, inputSizeError{limit: c.limit, size: c.size}
	}
	return n, err
}

// inputSizeError is the error of an input larger than -max-input allows.
type inputSizeError struct {
	limit int64
	size  int64 // the input's, where known
}

// enough returns a limit that lets the input through: its size rounded
// up to a whole unit, or, where its size is not known, twice the limit.
func (e inputSizeError) enough() int64 {
	if e.size <= e.limit {
		return 2 * e.limit
	}
	for _, shift := range []int{30, 20, 10} {
		if unit := int64(1) << shift; e.size >= unit {
			return (e.size + unit - 1) / unit * unit
		}
	}
	return e.size
}

func (e inputSizeError) Error() string {
	return fmt.Sprintf("the input is larger than -max-input %s allows", sizeText(e.limit))
}

// parseSize reads a size in bytes, as in 1048576, 512K, 500M or 2G, each
// unit 1024 of the one before.
func parseSize(s string) (int64, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	shift := 0
	for i, unit := range []string{"K", "M", "G", "T"} {
		if rest, ok := strings.CutSuffix(strings.TrimSuffix(s, "B"), unit); ok {
			s, shift = rest, 10*(i+1)
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 || n > math.MaxInt64>>shift>>1 {
		return 0, errors.New("not a size")
	}
	return n << shift, nil
}

// sizeText writes a size in bytes as -max-input reads it, with its
// largest whole unit, as in 1G.
func sizeText(n int64) string {
	for _, u := range []struct {
		unit  string
		shift int
	}{{"T", 40}, {"G", 30}, {"M", 20}, {"K", 10}} {
		if n >= 1<<u.shift && n%(1<<u.shift) == 0 {
			return fmt.Sprintf("%d%s", n>>u.shift, u.unit)
		}
	}
	return strconv.FormatInt(n, 10)
}

// hintSize is how much of a CSV file the command keeps to suggest its
// code page, where it is not UTF-8.
const hintSize = 64 << 10

func isASCII(data []byte) bool {
	for _, b := range data {
		if b >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// A result is the allocation and plan of one group.
type result struct {
	owner      string
	currency   string // of the group's revenues, or ""
	portfolio  salestime.Portfolio
	allocation salestime.Allocation
	plan       salestime.Plan
	schedule   *salestime.Schedule // with -by
}

// plan allocates and plans the portfolio of g, with its owner's budget,
// and the rest split where -prospecting asks: all of it to prospecting
// where there are no customers.
func plan(g salestime.Group, cfg config) (result, error) {
	a, err := salestime.Allocate(g.Portfolio, cfg.key)
	if err != nil {
		return result{}, err
	}
	budget := cfg.budget
	if b, ok := cfg.budgets[g.Name]; ok {
		budget = b
	}
	var p salestime.Plan
	switch {
	case cfg.split && g.Portfolio.Len() == 0:
		p, err = a.SplitPlan(budget, cfg.step, decimal.New(1, 0)) // no other customers to see
	case cfg.split:
		p, err = a.SplitPlan(budget, cfg.step, cfg.prospecting)
	default:
		p, err = a.Plan(budget, cfg.step)
	}
	if err != nil {
		return result{}, err
	}
	r := result{owner: g.Name, currency: g.Currency, portfolio: g.Portfolio, allocation: a, plan: p}
	if cfg.periods != nil {
		s, err := salestime.NewSchedule(p, cfg.periods)
		if err != nil {
			return result{}, err
		}
		r.schedule = &s
	}
	return r, nil
}

// readBudgets reads the budgets of -budgets into cfg, and returns the
// owners that have a budget but no accounts. An owner of accounts without
// a budget is an error that names every such owner.
func readBudgets(cfg *config, acc salestime.Accounts) ([]string, error) {
	f, err := os.Open(cfg.budgetsFile)
	if err != nil {
		return nil, fmt.Errorf("salestime: %w", err)
	}
	defer func() { _ = f.Close() }() // read only
	var budgets []salestime.Budget
	err = readTable(cfg.budgetsFile, f, *cfg, "", tableReader{
		csv: func(r io.Reader) (err error) {
			budgets, err = salestime.ReadBudgetsCSV(r, salestime.BudgetOptions{File: cfg.budgetsFile, Columns: cfg.budgetsColumns, Numbers: cfg.read.Numbers, Step: cfg.step})
			return err
		},
		rows: func(rows salestime.RowReader, sheet string) (err error) {
			budgets, err = salestime.ReadBudgets(rows, salestime.BudgetOptions{File: cfg.budgetsFile, Columns: cfg.budgetsColumns, Sheet: sheet, Numbers: "1234.56", Step: cfg.step})
			return err
		},
	})
	if err != nil {
		return nil, err
	}
	if !acc.Owners {
		return nil, fmt.Errorf("salestime: %s: budgets are per owner, and the accounts have no owner column", cfg.budgetsFile)
	}
	cfg.budgets = make(map[string]decimal.Decimal, len(budgets))
	for _, b := range budgets {
		cfg.budgets[b.Owner] = b.Amount
	}
	var missing []string
	owners := map[string]bool{}
	for _, owner := range acc.Names() {
		owners[owner] = true
		if _, ok := cfg.budgets[owner]; !ok {
			missing = append(missing, strconv.Quote(owner))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("salestime: %s: no budget for %s %s", cfg.budgetsFile, plural(len(missing), "the owner", "the owners"), strings.Join(missing, ", "))
	}
	var idle []string
	for _, b := range budgets {
		if !owners[b.Owner] {
			idle = append(idle, b.Owner)
		}
	}
	slices.Sort(idle)
	return idle, nil
}

// groups calls f for each group of acc, and for each owner in idle, owners
// with a budget and no customers, with an empty portfolio, in byte order of
// the owners.
func groups(acc salestime.Accounts, idle []string, f func(g salestime.Group) error) error {
	for g, err := range acc.Groups() {
		if err != nil {
			return err
		}
		for len(idle) > 0 && idle[0] < g.Name {
			if err := f(salestime.Group{Name: idle[0]}); err != nil {
				return err
			}
			idle = idle[1:]
		}
		if err := f(g); err != nil {
			return err
		}
	}
	for _, owner := range idle {
		if err := f(salestime.Group{Name: owner}); err != nil {
			return err
		}
	}
	return nil
}

// reviewAll reviews the plan of each group of acc against its activities
// in log, and writes the reviews, then the team's where there are owners.
func reviewAll(acc salestime.Accounts, log salestime.ActivityLog, cfg config, stdout, stderr io.Writer) int {
	if acc.Owners && !log.Owners {
		complain(stderr, "salestime: %s: the accounts have owners and the activity log has none: "+
			"name its owner column with -actual-col owner=HEADER\n", cfg.actual)
		return 1
	}
	if !cfg.review.Period.IsZero() && cfg.review.Until.IsZero() {
		// One day for the whole team: the last of the log in the period.
		for _, a := range log.Activities {
			if cfg.review.Period.Contains(a.Date) && a.Date.After(cfg.review.Until) {
				cfg.review.Until = a.Date
			}
		}
	}
	byOwner := map[string][]salestime.Activity{}
	if acc.Owners {
		for _, a := range log.Activities {
			byOwner[a.Owner] = append(byOwner[a.Owner], a)
		}
	}
	// Nothing reaches standard output until every review is made.
	all := &spool{what: "the output"}
	defer all.remove()
	out := bufio.NewWriterSize(all, 64<<10)
	render := newReviewRenderer(out, acc, cfg)
	var team []salestime.Review
	for g, err := range acc.Groups() {
		var r result
		if err == nil {
			r, err = plan(g, cfg)
		}
		activities := log.Activities
		if acc.Owners {
			activities = byOwner[g.Name]
			delete(byOwner, g.Name)
		}
		var rv salestime.Review
		if err == nil {
			rv, err = salestime.NewReview(r.allocation, r.plan, activities, cfg.review)
		}
		if err == nil {
			err = render.review(g.Name, rv)
		}
		if err != nil {
			complain(stderr, "%v (owner %q)\n", err, g.Name)
			return 1
		}
		rv.Lines, rv.Unmatched = nil, nil // only the sums count for the team
		team = append(team, rv)
	}
	var strays []stray
	for owner, activities := range byOwner {
		s := stray{owner: owner}
		for _, a := range activities {
			s.time += a.Duration
		}
		strays = append(strays, s)
	}
	slices.SortFunc(strays, func(a, b stray) int { return strings.Compare(a.owner, b.owner) })
	err := render.end(salestime.SumReviews(team...), strays)
	if err == nil {
		err = out.Flush()
	}
	if err == nil {
		err = all.copyTo(stdout)
	}
	if err != nil {
		complain(stderr, "salestime: %v\n", err)
		return 1
	}
	return 0
}

// A stray is an owner of activities who has no accounts, and their time.
type stray struct {
	owner string
	time  time.Duration
}
