package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
	"github.com/salestime/salestime/internal/textin"
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
	err := readTable(name, r, o, o.sheet, func(rows salestime.RowReader, sheet string) (err error) {
		acc, err = salestime.ReadAccounts(rows, forSheet(opts, sheet))
		if sheet == "" {
			numbers = acc.Numbers
		}
		return err
	})
	if err == nil && !o.numbers {
		if o.team.Key, o.keyName, err = salestime.ParseSelector(o.keyText, numbers); err != nil {
			return salestime.Accounts{}, usageError{msg: "-key, read as the file writes its revenues", err: err}
		}
		if o.bText != "" {
			if o.team.B, o.bName, err = salestime.ParseSelector(o.bText, numbers); err != nil {
				return salestime.Accounts{}, usageError{msg: "-b, read as the file writes its revenues", err: err}
			}
		}
	}
	return acc, err
}

// readActivities reads the activity log of -actual from r.
func readActivities(r io.Reader, o *options) (activities []salestime.Activity, err error) {
	err = readTable(o.actual.File, r, o, "", func(rows salestime.RowReader, sheet string) (err error) {
		activities, err = salestime.ReadActivities(rows, forSheet(o.actual, sheet))
		return err
	})
	return activities, err
}

// readBudgets reads the budgets of -budgets from r.
func readBudgets(r io.Reader, o *options) (budgets map[string]decimal.Decimal, err error) {
	err = readTable(o.budgets.File, r, o, "", func(rows salestime.RowReader, sheet string) (err error) {
		budgets, err = salestime.ReadBudgets(rows, forSheet(o.budgets, sheet), o.team.Step)
		return err
	})
	return budgets, err
}

// zipMagic starts every zip file, and so every Excel workbook.
var zipMagic = []byte("PK\x03\x04")

// forSheet returns opts for the rows of the sheet called sheet, or of CSV
// where sheet is "": a sheet's numbers are read as stored, in plain
// notation, whatever -numbers says of CSV.
func forSheet(opts salestime.ReadOptions, sheet string) salestime.ReadOptions {
	if opts.Sheet = sheet; sheet != "" {
		opts.Numbers = "1234.56"
	}
	return opts
}

// readTable reads the input called name from r with read: as a workbook if
// it is one, from its sheet called sheet or the one Excel opens on, and as
// CSV otherwise, in the encoding of -encoding. The options of the readers
// are checked with the flags (checkReaders).
func readTable(name string, r io.Reader, o *options, sheet string, read func(rows salestime.RowReader, sheet string) error) error {
	br := bufio.NewReaderSize(textin.Cap(r, o.maxInput), textin.BufferSize)
	head, err := br.Peek(len(zipMagic))
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("salestime: %s: %w", name, err)
	}
	if bytes.Equal(head, zipMagic) {
		switch {
		case o.numbers:
			return usageError{msg: "-numbers is for CSV files: a workbook's numbers are read as they are stored"}
		case o.encoding.Name != "":
			return usageError{msg: "-encoding is for CSV files: a workbook is always Unicode"}
		}
		return readWorkbook(br, name, sheet, o.notes, read)
	}
	if sheet != "" {
		return usageError{msg: "-sheet is for workbooks, and this is not one"}
	}
	text, start, err := textin.NewReader(br, o.encoding)
	if err != nil {
		return fmt.Errorf("salestime: %s: %w", name, err)
	}
	err = read(salestime.CSVRows(text), "")
	var te *textin.Error
	switch {
	case errors.As(err, &te): // the text is not in the encoding of -encoding
		return &salestime.RowError{File: name, Line: te.Line,
			Err: &textin.Error{Err: kindError{te.Err.Error(), salestime.ErrInvalidEncoding}, Suggest: te.Suggest}}
	case errors.Is(err, salestime.ErrInvalidEncoding): // nor in UTF-8, which the library reads without it
		return &textin.Error{Err: err, Suggest: textin.Suggest(start)}
	}
	return err
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
	sc := bufio.NewScanner(textin.Cap(f, maxInput))
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
	var ee *textin.Error
	var tl *textin.SizeError
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
		return fmt.Sprintf("raise the limit with -max-input, as in -max-input %s", textin.SizeText(tl.Enough()))
	case errors.Is(err, salestime.ErrBlankCell) && colFlag == "-col":
		return "fill the owner column down with -fill-down owner, where a report writes each owner on the first row of their accounts only"
	case errors.Is(err, salestime.ErrInvalidBudget) && o.run.format == "ics" && strings.Contains(err.Error(), "hours missing"):
		return "give the calendar more working hours with -hours, or less time to place with -budget"
	case errors.Is(err, salestime.ErrDuplicateCustomer):
		return "to add up the rows of each customer, as in a list of deals, use -sum"
	case errors.As(err, &ee) && len(ee.Suggest) > 0:
		return "name the encoding of the file with -encoding, as in -encoding " + strings.Join(ee.Suggest, " or -encoding ")
	case errors.Is(err, salestime.ErrInvalidEncoding):
		return "name the encoding of the file with -encoding, as in -encoding windows-1250 or -encoding windows-1252"
	case errors.Is(err, salestime.ErrInvalidActivity) && o.ownersUnlogged:
		return "name the owner column of the activity log with -actual-col owner=HEADER"
	case errors.Is(err, salestime.ErrInvalidOption) && o.run.schedule:
		return "spread the plans over other periods: fewer, as with -by month or -by quarter, or another -period"
	case errors.Is(err, salestime.ErrInvalidBudget) && re == nil && o.budgets.File != "" && !o.owners:
		return "name the owner column of the accounts with -col owner=HEADER, whose owners the budgets of -budgets are for"
	case errors.Is(err, salestime.ErrInvalidBudget) && re == nil && o.budgets.File != "":
		return "give each owner of the accounts a row in " + o.budgets.File + ", the file of -budgets"
	}
	return ""
}
