package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

// The readers of the values of flags: the library checks what it takes.

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

// parseBudget reads -budget and -step, and checks them as a plan does.
func parseBudget(budget, step string) (b, s decimal.Decimal, err error) {
	if b, err = parseDecimal(budget); err != nil {
		return b, s, fmt.Errorf("%w: budget %s is not a decimal number, as in 1600", salestime.ErrInvalidBudget, q(budget))
	}
	if s, err = parseDecimal(step); err != nil {
		return b, s, fmt.Errorf("%w: step %s is not a decimal number, as in 1 or 0.25", salestime.ErrInvalidBudget, q(step))
	}
	_, err = salestime.Allocation{}.Plan(b, s)
	return b, s, err
}

// parseDecimal reads a decimal number written in digits, with a point and a
// minus sign or not, within the library's bounds.
func parseDecimal(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "eE") || len(s) > 1000 { // far beyond the bounds: not read, as reading costs more than its length
		return decimal.Decimal{}, errors.New("not a decimal number")
	}
	d, err := decimal.NewFromString(s)
	if err != nil || d.Exponent() < -salestime.MaxPlaces {
		return decimal.Decimal{}, errors.New("not a decimal number")
	}
	return d, nil
}

// parseShare reads a share from 0 up written as 0.1 or 10%.
func parseShare(s string) (decimal.Decimal, error) {
	number, percent := strings.CutSuffix(strings.TrimSpace(s), "%")
	d, err := parseDecimal(number)
	if err != nil || d.Sign() < 0 {
		return decimal.Decimal{}, errors.New("not a share")
	}
	if percent {
		d = d.Shift(-2)
	}
	return d, nil
}

// checkReaders returns a usage error for the first flag whose options the
// readers refuse, before any file is read: each reader checks its options
// before it reads a row.
func (o *options) checkReaders() error {
	none := salestime.CSVRows(strings.NewReader(""))
	for _, c := range []struct {
		flag string
		read func() error
	}{
		{"-col", func() error {
			_, err := salestime.ReadAccounts(none, salestime.ReadOptions{Columns: o.accounts.Columns})
			return err
		}},
		{"-fill-down", func() error {
			_, err := salestime.ReadAccounts(none, salestime.ReadOptions{FillDown: o.accounts.FillDown})
			return err
		}},
		{"-budgets-col", func() error {
			_, err := salestime.ReadBudgets(none, salestime.ReadOptions{Columns: o.budgets.Columns}, decimal.Decimal{})
			return err
		}},
		{"-actual-col", func() error {
			_, err := salestime.ReadActivities(none, salestime.ReadOptions{Columns: o.actual.Columns})
			return err
		}},
	} {
		if err := c.read(); errors.Is(err, salestime.ErrInvalidOption) {
			return usageError{msg: c.flag, err: err}
		}
	}
	return nil
}
