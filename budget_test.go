package salestime_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

func TestReadBudgets(t *testing.T) {
	got, err := salestime.ReadBudgets(salestime.CSVRows(strings.NewReader("Salesperson;Hours\nAnna;1 600\nBartek;1 200,50\n")), salestime.ReadOptions{
		Columns: map[string]string{"owner": "Salesperson", "budget": "Hours"},
	}, d("0.5"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]decimal.Decimal{"Anna": d("1600"), "Bartek": d("1200.50")}
	if diff := cmp.Diff(want, got, exactDecimals); diff != "" {
		t.Errorf("ReadBudgets() mismatch (-want +got):\n%s", diff)
	}
	tests := []struct {
		name    string
		in      string
		opts    salestime.ReadOptions
		want    error
		message string
	}{
		{"repeated owner", "owner,budget\nAnna,1\nAnna,2\n", salestime.ReadOptions{}, salestime.ErrInvalidCustomer, `line 3, column 1 "owner", customer "Anna": the owner is also on line 2`},
		{"blank owner", "owner,budget\n,1\n", salestime.ReadOptions{}, salestime.ErrInvalidCustomer, "the owner is blank"},
		{"negative", "owner,budget\nAnna,-5\n", salestime.ReadOptions{}, salestime.ErrInvalidBudget, `budget "-5" is negative`},
		{"malformed", "owner,budget\nAnna,lots\n", salestime.ReadOptions{}, salestime.ErrInvalidBudget, `budget "lots" is not a number`},
		{"blank", "owner,budget\nAnna,\n", salestime.ReadOptions{}, salestime.ErrInvalidBudget, "the budget is blank"},
		{"not whole steps", "owner,budget\nAnna,10.25\n", salestime.ReadOptions{Numbers: "1234.56"}, salestime.ErrInvalidBudget, "budget 10.25 is not a whole number of steps of 0.5"},
		{"ambiguous", "owner;budget\nAnna;1.600\n", salestime.ReadOptions{}, salestime.ErrAmbiguousNumber, `line 2, column 2 "budget", customer "Anna": budget "1.600" is 1600 with a decimal comma and 1.600 with a decimal point`},
		{"too many places", "owner,budget\nAnna,0.0000000000000000001\n", salestime.ReadOptions{}, salestime.ErrInvalidBudget, "19 decimal places"},
		{"no budget column", "owner,hours\nAnna,1\n", salestime.ReadOptions{}, salestime.ErrInvalidCSV, `no column "budget"`},
		{"unknown field", "owner,budget\n", salestime.ReadOptions{Columns: map[string]string{"hours": "x"}}, salestime.ErrInvalidOption, `"hours" is not a field`},
		{"a row of totals", "owner;budget\nAnna;800\nBartek;600,5\nGesamt:;1400,50\n", salestime.ReadOptions{}, salestime.ErrInvalidCustomer,
			`line 4, column 1 "owner", customer "Gesamt:": the row looks like a row of totals: its budget 1400.50 is the sum of the other rows`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := salestime.ReadBudgets(salestime.CSVRows(strings.NewReader(tt.in)), tt.opts, d("0.5"))
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.message) || got != nil {
				t.Errorf("ReadBudgets() = %v, %v, want an error %v saying %q", got, err, tt.want, tt.message)
			}
		})
	}
	// An owner called Total is one where the budgets do not add up to it.
	got, err = salestime.ReadBudgets(salestime.CSVRows(strings.NewReader("owner,budget\nTotal,800\nAnna,800\nBen,1\nSumme,0\n")), salestime.ReadOptions{}, decimal.Decimal{})
	if err != nil || len(got) != 4 {
		t.Errorf("ReadBudgets(an owner called Total) = %v, %v, want 4 budgets", got, err)
	}
	got, err = salestime.ReadBudgets(salestime.CSVRows(strings.NewReader("owner,budget\nTotal,0\nAnna,0\n")), salestime.ReadOptions{}, decimal.Decimal{})
	if err != nil || len(got) != 2 {
		t.Errorf("ReadBudgets(budgets of 0) = %v, %v, want 2 budgets", got, err)
	}
	got, err = salestime.ReadBudgets(&sheetRows{rows: [][]string{{"owner", "budget"}, {"Anna", "1600"}}}, salestime.ReadOptions{Sheet: "B", Numbers: "1234.56"}, decimal.Decimal{})
	if err != nil || len(got) != 1 || !got["Anna"].Equal(d("1600")) {
		t.Errorf("ReadBudgets() = %v, %v", got, err)
	}
	if _, err := salestime.ReadBudgets(salestime.CSVRows(strings.NewReader("owner,budget\n\"Anna,1\n")), salestime.ReadOptions{File: "b.csv"}, decimal.Decimal{}); !errors.Is(err, salestime.ErrInvalidCSV) || !strings.Contains(err.Error(), "b.csv, line 2") {
		t.Errorf("ReadBudgets(an open quote) = %v, want ErrInvalidCSV at b.csv, line 2", err)
	}
	for _, opts := range []salestime.ReadOptions{{Numbers: "x"}, {Columns: map[string]string{"hours": "x"}}} {
		if _, err := salestime.ReadBudgets(&sheetRows{}, opts, decimal.Decimal{}); !errors.Is(err, salestime.ErrInvalidOption) {
			t.Errorf("ReadBudgets(%+v) = %v, want ErrInvalidOption", opts, err)
		}
		if _, err := salestime.ReadBudgets(salestime.CSVRows(strings.NewReader("")), opts, decimal.Decimal{}); !errors.Is(err, salestime.ErrInvalidOption) {
			t.Errorf("ReadBudgets(CSV, %+v) = %v, want ErrInvalidOption", opts, err)
		}
	}
}
