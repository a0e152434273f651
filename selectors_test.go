package salestime_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

func TestSelectors(t *testing.T) {
	// 40 + 25 + 15 + 10 + 6 + 4 = 100, and two customers without revenue.
	plain := []salestime.Customer{
		c("a", "40"), c("b", "25"), c("c", "15"), c("d", "10"), c("e", "6"), c("f", "4"), c("z1", "0"), c("z2", "0"),
	}
	ties := []salestime.Customer{c("a", "30"), c("b", "20"), c("c", "20"), c("d", "20"), c("e", "10")}
	marked := []salestime.Customer{
		c("a", "50"), {Name: "b", Revenue: d("30"), Key: true}, c("c", "20"), {Name: "z", Key: true},
	}
	zero := []salestime.Customer{c("x", "0"), c("y", "0")}
	tests := []struct {
		name      string
		customers []salestime.Customer
		key       salestime.Selector
		want      []string
	}{
		{"TopN(0)", plain, salestime.TopN(0), []string{}},
		{"TopN(1)", plain, salestime.TopN(1), []string{"a"}},
		{"TopN(3)", plain, salestime.TopN(3), []string{"a", "b", "c"}},
		{"TopN beyond revenue", plain, salestime.TopN(100), []string{"a", "b", "c", "d", "e", "f"}},
		{"TopN keeps ties", ties, salestime.TopN(2), []string{"a", "b", "c", "d"}},
		{"TopN tie at the end only", ties, salestime.TopN(4), []string{"a", "b", "c", "d"}},
		{"TopN no revenue", zero, salestime.TopN(2), []string{}},
		{"TopShare(1)", plain, salestime.TopShare(d("1")), []string{"a", "b", "c", "d", "e", "f"}},
		{"TopShare(0.8)", plain, salestime.TopShare(d("0.8")), []string{"a", "b", "c"}},
		{"TopShare exactly reached", plain, salestime.TopShare(d("0.65")), []string{"a", "b"}},
		{"TopShare just crossed", plain, salestime.TopShare(d("0.650000000000000001")), []string{"a", "b", "c"}},
		{"TopShare small", plain, salestime.TopShare(d("0.000000000000000001")), []string{"a"}},
		{"TopShare keeps ties", ties, salestime.TopShare(d("0.4")), []string{"a", "b", "c", "d"}},
		{"TopShare no revenue", zero, salestime.TopShare(d("0.8")), []string{}},
		{"MinRevenue(15)", plain, salestime.MinRevenue(d("15")), []string{"a", "b", "c"}},
		{"MinRevenue(15.01)", plain, salestime.MinRevenue(d("15.01")), []string{"a", "b"}},
		{"MinRevenue(0) skips zero revenue", plain, salestime.MinRevenue(d("0")), []string{"a", "b", "c", "d", "e", "f"}},
		{"MinRevenue above all", plain, salestime.MinRevenue(d("1000")), []string{}},
		{"MinRevenue no revenue", zero, salestime.MinRevenue(d("0")), []string{}},
		{"Marked", marked, salestime.Marked(), []string{"b", "z"}},
		{"Marked none", plain, salestime.Marked(), []string{}},
		{"ABC", plain, salestime.ABC(), []string{"a", "b"}},
		{"ABC keeps ties", ties, salestime.ABC(), []string{"a", "b", "c", "d"}},
		{"ABC one customer", []salestime.Customer{c("only", "5"), c("zero", "0")}, salestime.ABC(), []string{"only"}},
		{"ABC equal customers", []salestime.Customer{c("a", "1"), c("b", "1"), c("c", "1")}, salestime.ABC(), []string{"a", "b", "c"}},
		// One whale: the Pareto point is 1, the break-even point too.
		{"ABC one large", []salestime.Customer{c("w", "1000"), c("a", "1"), c("b", "1"), c("c", "1")}, salestime.ABC(), []string{"w"}},
		{"ABC no revenue", zero, salestime.ABC(), []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := keyNames(t, portfolio(t, tt.customers...), tt.key)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("key customers mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSelectorErrors(t *testing.T) {
	userErr := errors.New("CRM not reachable")
	tests := []struct {
		name string
		key  salestime.Selector
		want error
	}{
		{"TopN(-1)", salestime.TopN(-1), salestime.ErrInvalidSelector},
		{"TopShare(0)", salestime.TopShare(d("0")), salestime.ErrInvalidSelector},
		{"TopShare(zero value)", salestime.TopShare(decimal.Decimal{}), salestime.ErrInvalidSelector},
		{"TopShare(-0.5)", salestime.TopShare(d("-0.5")), salestime.ErrInvalidSelector},
		{"TopShare(1.01)", salestime.TopShare(d("1.01")), salestime.ErrInvalidSelector},
		{"TopShare too many places", salestime.TopShare(d("0.1234567890123456789")), salestime.ErrInvalidSelector},
		{"TopShare huge", salestime.TopShare(decimal.New(1, 2147483647)), salestime.ErrInvalidSelector},
		{"MinRevenue(-1)", salestime.MinRevenue(d("-1")), salestime.ErrInvalidSelector},
		{"MinRevenue huge", salestime.MinRevenue(decimal.New(1, 2147483647)), salestime.ErrInvalidSelector},
		{"nil", nil, salestime.ErrInvalidSelector},
		{"too few marks", func(salestime.Portfolio) ([]bool, error) { return []bool{true}, nil }, salestime.ErrInvalidSelector},
		{"too many marks", func(p salestime.Portfolio) ([]bool, error) { return make([]bool, p.Len()+1), nil }, salestime.ErrInvalidSelector},
		{"own error", func(salestime.Portfolio) ([]bool, error) { return nil, userErr }, userErr},
	}
	p := portfolio(t, c("a", "3"), c("b", "2"))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := salestime.Allocate(p, tt.key)
			if !errors.Is(err, tt.want) {
				t.Errorf("Allocate(p, %s) = _, %v, want error %v", tt.name, err, tt.want)
			}
			if len(a.Lines) != 0 {
				t.Errorf("Allocate(p, %s) returned %d lines with its error, want none", tt.name, len(a.Lines))
			}
		})
	}
}

func TestParseSelector(t *testing.T) {
	p := portfolio(t, c("A", "700"), c("B", "200"), salestime.Customer{Name: "C", Revenue: d("100"), Key: true})
	tests := []struct {
		in   string
		name string
		keys []string
	}{
		{"top:2", "top:2", []string{"A", "B"}},
		{" TOP : 1 ", "top:1", []string{"A"}},
		{"share:0.8", "share:0.8", []string{"A", "B"}},
		{"share:70%", "share:70%", []string{"A"}},
		{"share: 100 %", "share:100 %", []string{"A", "B", "C"}},
		{"min:200", "min:200", []string{"A", "B"}},
		{"marked", "marked", []string{"C"}},
		{"ABC", "abc", []string{"A"}},
	}
	for _, tt := range tests {
		sel, name, err := salestime.ParseSelector(tt.in, "")
		if err != nil || name != tt.name {
			t.Errorf("ParseSelector(%q) = _, %q, %v, want %q, nil", tt.in, name, err, tt.name)
			continue
		}
		if diff := cmp.Diff(tt.keys, keyNames(t, p, sel)); diff != "" {
			t.Errorf("ParseSelector(%q) picks (-want +got):\n%s", tt.in, diff)
		}
	}
	for _, in := range []string{"", "biggest", "top", "top:x", "top:-1", "share:lots", "share:0", "share:120%", "share:1e99999",
		"min:", "min:-3", "min:1e40", "marked:1", "abc:3", "share:0.8%%"} {
		if sel, _, err := salestime.ParseSelector(in, ""); !errors.Is(err, salestime.ErrInvalidSelector) || sel != nil {
			t.Errorf("ParseSelector(%q) = %v, want error %v", in, err, salestime.ErrInvalidSelector)
		}
	}
}

// A revenue on the command line is read as the file writes its revenues,
// or, where the file does not say, refused if it reads two ways.
func TestParseSelectorNumbers(t *testing.T) {
	p := portfolio(t, c("A", "150000"), c("B", "100000"), c("C", "100.5"), c("D", "99"))
	tests := []struct {
		in      string
		numbers string
		keys    []string
	}{
		{"min:100.000", "1.234,56", []string{"A", "B"}},
		{"min:100.000", "1234,56", []string{"A", "B"}}, // grouped or not, as the reader takes them
		{"min:100.000", "1,234.56", []string{"A", "B", "C"}},
		{"min:100,000", "1,234.56", []string{"A", "B"}},
		{"min:100 000", "1 234,56", []string{"A", "B"}},
		{"min:100,5", "1.234,56", []string{"A", "B", "C"}},
		{"min:100000", "", []string{"A", "B"}},
		{"min:100.5", "", []string{"A", "B", "C"}},
		{"min:1.000.000", "", nil},
	}
	for _, tt := range tests {
		sel, _, err := salestime.ParseSelector(tt.in, tt.numbers)
		if err != nil {
			t.Errorf("ParseSelector(%q, %q) = %v", tt.in, tt.numbers, err)
			continue
		}
		if diff := cmp.Diff(tt.keys, keyNames(t, p, sel), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("ParseSelector(%q, %q) picks (-want +got):\n%s", tt.in, tt.numbers, diff)
		}
	}
	errs := []struct {
		in      string
		numbers string
		want    error
		message string
	}{
		{"min:100.000", "", salestime.ErrAmbiguousNumber,
			`salestime: invalid selector: "min:100.000": "100.000" is 100000 with a decimal comma and 100 with a decimal point, and the file does not say which: write it without a group mark, as 100000 or 100`},
		{"min:100.5", "1.234,56", salestime.ErrInvalidSelector, `"100.5" is not a number as the file writes them, in the format 1.234,56: write it with a decimal comma`},
		{"min:$100", "", salestime.ErrInvalidSelector, `"$100" is not a number`},
		{"min:100", "1_234", salestime.ErrInvalidOption, `number format "1_234"`},
	}
	for _, tt := range errs {
		_, _, err := salestime.ParseSelector(tt.in, tt.numbers)
		if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.message) {
			t.Errorf("ParseSelector(%q, %q) = %v, want %v saying %q", tt.in, tt.numbers, err, tt.want, tt.message)
		}
	}
}
