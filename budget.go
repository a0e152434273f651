package salestime

import (
	"io"
	"slices"

	"github.com/shopspring/decimal"
)

// A Budget is the time of one salesperson to plan.
type Budget struct {
	Owner  string          `json:"owner"`
	Amount decimal.Decimal `json:"amount"`
}

// BudgetOptions says how [ReadBudgets] and [ReadBudgetsCSV] read a table of
// budgets, one per salesperson.
type BudgetOptions struct {
	// File and Sheet name the input in errors, as in [ReadOptions].
	File, Sheet string

	// Columns maps the fields owner and budget, both required, to the
	// headers of their columns, as in [ReadOptions].
	Columns map[string]string

	// Numbers is the number format of the budgets, decided from the
	// column where it is empty, as in [ReadOptions].
	Numbers NumberFormat

	// Step, if not zero, is the step of the plans: every budget must be a
	// whole number of steps.
	Step decimal.Decimal
}

var budgetFields = []string{"owner", "budget"}

// Check returns the error that the readers return for o, wrapping
// [ErrInvalidOption], or nil if they take it.
func (o BudgetOptions) Check() error {
	_, err := newSpec(budgetFields, o.Columns, nil, o.Numbers)
	return err
}

// ReadBudgetsCSV reads budgets from CSV, as [ReadAccountsCSV] reads
// accounts, and [ReadBudgets] reads rows.
func ReadBudgetsCSV(r io.Reader, opts BudgetOptions) ([]Budget, error) {
	s, err := newSpec(budgetFields, opts.Columns, nil, opts.Numbers)
	if err != nil {
		return nil, err
	}
	rows, err := newCSVRows(r, s.matches)
	if err != nil {
		return nil, csvError(err, opts.File)
	}
	return readBudgets(rows, opts, s)
}

// ReadBudgets reads the budgets of salespeople from rows of text, one row
// per owner, in the order of the table, as [ReadAccounts] reads accounts.
//
// ReadBudgets returns no budgets and an error if:
//   - an option is not one BudgetOptions lists: [ErrInvalidOption];
//   - the table lacks a column, or a row has another number of cells than
//     the header: [ErrInvalidCSV];
//   - an owner is blank, or appears twice, or the row is a row of totals,
//     named as one ("Total", "Gesamt") with a budget above zero that is
//     exactly the sum of the others: [ErrInvalidCustomer];
//   - a budget is not a number, is negative, outside the bounds, or not a
//     whole number of steps: [ErrInvalidBudget];
//   - the number format cannot be decided: [ErrAmbiguousNumber].
//
// Every bad row is reported as a [*RowError]; a row of totals once every
// other row is good.
func ReadBudgets(rows RowReader, opts BudgetOptions) ([]Budget, error) {
	s, err := newSpec(budgetFields, opts.Columns, nil, opts.Numbers)
	if err != nil {
		return nil, err
	}
	return readBudgets(rows, opts, s)
}

func readBudgets(rows RowReader, opts BudgetOptions, s tableSpec) ([]Budget, error) {
	t := &table{rows: rows, file: opts.File, sheet: opts.Sheet}
	h, err := t.header(&s)
	if err != nil {
		return nil, err
	}
	const fieldBudgetOwner, fieldBudget = 0, 1
	type row struct {
		line   int
		owner  string
		amount amount
	}
	var list []row
	seen := map[string]int{}
	col := numberColumn{set: s.formats}
	noOwner := func([]string) string { return "" }
	err = t.each(&h, noOwner, func(cells []string, line int) {
		owner := cells[h.at[fieldBudgetOwner]]
		fail := func(field int, kind error, format string, args ...any) {
			t.fail(t.rowError(line, h.at[field]+1, h.cells, owner, kind, format, args...))
		}
		switch first, dup := seen[owner]; {
		case owner == "":
			fail(fieldBudgetOwner, ErrInvalidCustomer, "the owner is blank")
			return
		case dup:
			fail(fieldBudgetOwner, ErrInvalidCustomer, "the owner is also on line %d", first)
			return
		}
		seen[owner] = line
		a := readAmount(cells[h.at[fieldBudget]])
		switch {
		case a.text == "":
			fail(fieldBudget, ErrInvalidBudget, "the budget is blank")
		case a.fits == 0 || a.currency != "":
			fail(fieldBudget, ErrInvalidBudget, "budget %s is not a number", quoteText(a.text))
		case a.fits&s.formats == 0:
			fail(fieldBudget, ErrInvalidBudget, "budget %s is not a number in the format %s", quoteText(a.text), s.formats.plainest())
		case a.neg && !a.isZero():
			fail(fieldBudget, ErrInvalidBudget, "budget %s is negative", quoteText(a.text))
		case !col.add(a, line):
			fail(fieldBudget, ErrInvalidBudget, "budget %s does not fit the number format of the budgets before it (%s)", quoteText(a.text), col.set.names())
		default:
			list = append(list, row{line, owner, a})
		}
	})
	if err != nil {
		return nil, err
	}
	if a, line, ok := col.undecided(); ok {
		comma, _ := a.value(',') // a reads both ways
		dot, _ := a.value('.')
		owner := list[slices.IndexFunc(list, func(r row) bool { return r.line == line })].owner
		t.fail(t.rowError(line, h.at[fieldBudget]+1, h.cells, owner, ErrAmbiguousNumber,
			"budget %s is %s with a decimal comma and %s with a decimal point, "+
				"and no value of the column tells which: the number format must be given",
			quoteText(a.text), formatDecimal(comma), formatDecimal(dot)))
	}
	budgets := make([]Budget, 0, len(list))
	for _, r := range list {
		fail := func(kind error, format string, args ...any) {
			t.fail(t.rowError(r.line, h.at[fieldBudget]+1, h.cells, r.owner, kind, format, args...))
		}
		v, err := r.amount.value(col.point())
		if err == nil {
			err = checkPlaces(v)
		}
		if err != nil {
			fail(ErrInvalidBudget, "budget %v", err)
			continue
		}
		if opts.Step.Sign() != 0 {
			if _, err := countSteps(v, opts.Step); err != nil {
				fail(ErrInvalidBudget, "budget %s is not a whole number of steps of %s, or more than %d of them",
					formatDecimal(v), formatDecimal(opts.Step), int64(MaxSteps))
				continue
			}
		}
		budgets = append(budgets, Budget{Owner: r.owner, Amount: v})
	}
	if len(t.errs) == 0 { // then each budget is the one of its row in list
		var sum decimal.Decimal
		for _, b := range budgets {
			sum = sum.Add(b.Amount)
		}
		for k, b := range budgets {
			// A row of totals, as ReadAccounts refuses one (totals.go).
			if of, ok := totalName(b.Owner); ok && of == "" && b.Amount.Sign() > 0 && sum.Sub(b.Amount).Equal(b.Amount) {
				t.fail(t.rowError(list[k].line, h.at[fieldBudgetOwner]+1, h.cells, b.Owner, ErrInvalidCustomer,
					totalRowText, "budget", formatDecimal(b.Amount), "of the other rows", "owner"))
			}
		}
	}
	if err := t.err(); err != nil {
		return nil, err
	}
	return budgets, nil
}
