package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"

	"github.com/salestime/salestime"
)

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

// A kindError is an error of the command's own about bad data: its
// message, and the sentinel of the library it is a kind of.
type kindError struct {
	msg  string
	kind error
}

func (e kindError) Error() string { return e.msg }
func (e kindError) Unwrap() error { return e.kind }

// readFile calls read with the file called name.
func readFile(name string, read func(r io.Reader) error) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("salestime: %w", err)
	}
	defer func() { _ = f.Close() }() // read only
	return read(f)
}

// readAccounts reads the accounts of the input called name from r.
// Without -numbers, a revenue of -key is read in the number format of the
// revenues, once known: the file's, or, for a workbook, whose cells show
// numbers in the reader's locale, none.
func readAccounts(name string, r io.Reader, o *options) (salestime.Accounts, error) {
	var acc salestime.Accounts
	opts := o.accounts
	opts.File = name
	numbers := ""
	err := readTable(name, r, o, o.sheet, "-col, -fill-down or -numbers", func(rows salestime.RowReader, sheet string) (err error) {
		if opts.Sheet = sheet; sheet != "" {
			opts.Numbers = "1234.56" // numbers as stored, in plain notation
		}
		acc, err = salestime.ReadAccounts(rows, opts)
		if sheet == "" {
			numbers = acc.Numbers
		}
		return err
	})
	if err == nil && !o.numbers {
		if o.team.Key, o.keyName, err = salestime.ParseSelector(o.keyText, numbers); err != nil {
			return salestime.Accounts{}, usageError{msg: "-key, read as the file writes its revenues", err: err}
		}
	}
	return acc, err
}

// readActivities reads the activity log of -actual from r.
func readActivities(r io.Reader, o *options) (activities []salestime.Activity, err error) {
	opts := o.actual
	err = readTable(opts.File, r, o, "", "-actual-col or -dates", func(rows salestime.RowReader, sheet string) (err error) {
		if opts.Sheet = sheet; sheet != "" {
			opts.Numbers = "1234.56"
		}
		activities, err = salestime.ReadActivities(rows, opts)
		return err
	})
	return activities, err
}

// readBudgets reads the budgets of -budgets from r.
func readBudgets(r io.Reader, o *options) (budgets map[string]decimal.Decimal, err error) {
	opts := o.budgets
	err = readTable(opts.File, r, o, "", "-budgets-col", func(rows salestime.RowReader, sheet string) (err error) {
		if opts.Sheet = sheet; sheet != "" {
			opts.Numbers = "1234.56"
		}
		budgets, err = salestime.ReadBudgets(rows, opts, o.team.Step)
		return err
	})
	return budgets, err
}

// zipMagic starts every zip file, and so every Excel workbook.
var zipMagic = []byte("PK\x03\x04")

// readTable reads the input called name from r with read: as a workbook if
// it is one, from its sheet called sheet or the one Excel opens on, and as
// CSV otherwise, in the encoding of -encoding. An option of the reader
// that is not one is a mistake in the flags that set it.
func readTable(name string, r io.Reader, o *options, sheet, flags string, read func(rows salestime.RowReader, sheet string) error) error {
	err := readRows(name, r, o, sheet, read)
	if errors.Is(err, salestime.ErrInvalidOption) {
		return usageError{msg: flags, err: err}
	}
	return err
}

func readRows(name string, r io.Reader, o *options, sheet string, read func(rows salestime.RowReader, sheet string) error) error {
	br := bufio.NewReaderSize(capInput(r, o.maxInput), hintSize)
	head, err := br.Peek(len(zipMagic))
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("salestime: %s: %w", name, err)
	}
	if bytes.Equal(head, zipMagic) {
		switch {
		case o.numbers:
			return usageError{msg: "-numbers is for CSV files: a workbook's numbers are read as they are stored"}
		case o.encoding.name != "":
			return usageError{msg: "-encoding is for CSV files: a workbook is always Unicode"}
		}
		return readWorkbook(br, name, sheet, o.notes, read)
	}
	if sheet != "" {
		return usageError{msg: "-sheet is for workbooks, and this is not one"}
	}
	enc := o.encoding
	start, _ := br.Peek(hintSize)
	start = bytes.Clone(start) // for a hint, as the buffer moves on
	var text io.Reader = br
	switch {
	case enc.ascii:
		text = &checkedText{r: br, enc: enc, suggest: start, line: 1}
	case enc.code != nil:
		// Text that is UTF-8, and more than ASCII, would come out garbled.
		if utf8.Valid(start[:validPrefix(start)]) && !isASCII(start) {
			return fmt.Errorf("salestime: %s: the file is UTF-8 text, which -encoding %s would misread; leave -encoding out", name, enc.name)
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
	err = read(salestime.CSV(text), "")
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

// capInput returns a reader of r, an input, that fails once it passes
// limit bytes.
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

// readHolidays reads a file of dates: ISO dates, one a line, or first in
// each row of a CSV file, whose first line may be a header without digits.
// Blank lines are skipped; any other line that is not a date is an error
// that names it.
func readHolidays(name string, maxInput int64) ([]time.Time, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("salestime: %w", err)
	}
	defer func() { _ = f.Close() }() // read only
	var dates []time.Time
	sc := bufio.NewScanner(capInput(f, maxInput))
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if i := strings.IndexAny(text, ",;\t"); i >= 0 {
			text = text[:i]
		}
		text = strings.Trim(strings.TrimSpace(text), `"`)
		if text == "" || line == 1 && !strings.ContainsAny(text, "0123456789") {
			continue // blank, or the header
		}
		d, err := time.Parse(time.DateOnly, text)
		if err != nil {
			return nil, fmt.Errorf("salestime: %s, line %d: %q is not a date written as 2027-03-04", name, line, text)
		}
		dates = append(dates, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("salestime: %s: %w", name, err)
	}
	return dates, nil
}

// hint says which flag settles the error of a run, or returns "".
func hint(err error, o *options) string {
	var re *salestime.RowError
	var ee encodingError
	var tl inputSizeError
	colFlag := "-col"
	if errors.As(err, &re) {
		switch re.File {
		case o.budgets.File:
			colFlag = "-budgets-col"
		case o.actual.File:
			colFlag = "-actual-col"
		}
	}
	switch {
	case re != nil && len(re.Missing) > 0:
		flags := make([]string, len(re.Missing))
		for i, f := range re.Missing {
			flags[i] = colFlag + " " + f + "=HEADER"
		}
		return "say which columns to read with " + strings.Join(flags, " ") + ", each HEADER one of those above"
	case errors.Is(err, salestime.ErrAmbiguousNumber):
		return "say how the file writes numbers with -numbers, as in -numbers 1.234,56 or -numbers 1,234.56"
	case errors.As(err, &tl):
		return fmt.Sprintf("raise the limit with -max-input, as in -max-input %s", sizeText(tl.enough()))
	case errors.Is(err, salestime.ErrBlankCell) && colFlag == "-col":
		return "fill the owner column down with -fill-down owner, where a report writes each owner on the first row of their accounts only"
	case errors.Is(err, salestime.ErrDuplicateCustomer):
		return "to add up the rows of each customer, as in a list of deals, use -sum"
	case errors.As(err, &ee) && len(ee.suggest) > 0:
		return "name the encoding of the file with -encoding, as in -encoding " + strings.Join(ee.suggest, " or -encoding ")
	case errors.Is(err, salestime.ErrInvalidEncoding):
		return "name the encoding of the file with -encoding, as in -encoding windows-1250 or -encoding windows-1252"
	case errors.Is(err, salestime.ErrInvalidActivity) && re == nil && o.actual.Columns["owner"] == "":
		return "name the owner column of the activity log with -actual-col owner=HEADER"
	case errors.Is(err, salestime.ErrInvalidOption) && o.run.schedule:
		return "spread the plans over other periods: fewer, as with -by month or -by quarter, or another -period"
	case errors.Is(err, salestime.ErrInvalidBudget) && re == nil && o.budgets.File != "":
		return "give each owner of the accounts a row in " + o.budgets.File + ", the file of -budgets"
	}
	return ""
}
