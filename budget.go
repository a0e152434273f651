package salestime

import (
	"slices"

	"github.com/shopspring/decimal"
)

var budgetFields = []string{"owner", "budget"}

// ReadBudgets reads the budgets of salespeople from rows of text, such as
// [CSVRows] or a sheet's, as [ReadAccounts] reads accounts: one row per
// owner, of the fields owner and budget, both required. It returns the
// budget of each owner. With a step other than zero, the step of the plans
// the budgets are for, each budget must be a whole number of steps.
//
// ReadBudgets returns no budgets and an error if:
//   - an option is not one ReadOptions lists: [ErrInvalidOption];
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
func ReadBudgets(rows RowReader, opts ReadOptions, step decimal.Decimal) (map[string]decimal.Decimal, error) {
	s, err := newSpec(budgetFields, opts.Columns, opts.Require, opts.Numbers)
	if err != nil {
		return nil, err
	}
	return readBudgets(rows, opts, s, step)
}

func readBudgets(rows RowReader, opts ReadOptions, s tableSpec, step decimal.Decimal) (map[string]decimal.Decimal, error) {
	t := newTable(rows, opts, &s)
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
	type budget struct {
		owner  string
		amount decimal.Decimal
	}
	budgets := make([]budget, 0, len(list))
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
		if step.Sign() != 0 {
			if _, err := countSteps(v, step); err != nil {
				fail(ErrInvalidBudget, "budget %s is not a whole number of steps of %s, or more than %d of them",
					formatDecimal(v), formatDecimal(step), int64(MaxSteps))
				continue
			}
		}
		budgets = append(budgets, budget{r.owner, v})
	}
	if len(t.errs) == 0 { // then each budget is the one of its row in list
		var sum decimal.Decimal
		for _, b := range budgets {
			sum = sum.Add(b.amount)
		}
		for k, b := range budgets {
			// A row of totals, as ReadAccounts refuses one (totals.go).
			if of, ok := totalName(b.owner); ok && of == "" && b.amount.Sign() > 0 && sum.Sub(b.amount).Equal(b.amount) {
				t.fail(t.rowError(list[k].line, h.at[fieldBudgetOwner]+1, h.cells, b.owner, ErrInvalidCustomer,
					totalRowText, "budget", formatDecimal(b.amount), "of the other rows", "owner"))
			}
		}
	}
	if err := t.err(); err != nil {
		return nil, err
	}
	out := make(map[string]decimal.Decimal, len(budgets))
	for _, b := range budgets {
		out[b.owner] = b.amount
	}
	return out, nil
}
