package salestime_test

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/salestime/salestime"
)

func TestTimeShare(t *testing.T) {
	third, err := salestime.NewRule("third", d("0.333"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		rule  salestime.Rule
		share decimal.Decimal
		want  decimal.Decimal
	}{
		{"worked example, existing", salestime.ExistingCustomers, d("0.70"), d("0.35")},
		{"worked example, new", salestime.NewCustomers, d("0.80"), d("0.60")},
		{"zero share", salestime.ExistingCustomers, d("0"), d("0")},
		{"zero value share", salestime.NewCustomers, decimal.Decimal{}, d("0")},
		{"whole share", salestime.NewCustomers, d("1"), d("0.75")},
		{"exact, more places", salestime.ExistingCustomers, d("0.123456789012345678"), d("0.061728394506172839")},
		{"own rule", third, d("0.5"), d("0.1665")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.rule.TimeShare(tt.share)
			if err != nil {
				t.Fatalf("%v.TimeShare(%v) returned error %v", tt.rule, tt.share, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("%v.TimeShare(%v) = %v, want %v", tt.rule, tt.share, got, tt.want)
			}
		})
	}
}

func TestTimeShareFunctions(t *testing.T) {
	tests := []struct {
		name  string
		fn    func(decimal.Decimal) (decimal.Decimal, error)
		share decimal.Decimal
		want  decimal.Decimal
	}{
		{"ExistingCustomerTime", salestime.ExistingCustomerTime, d("0.7"), d("0.35")},
		{"NewCustomerTime", salestime.NewCustomerTime, d("0.8"), d("0.6")},
		{"ExistingCustomerTime of all", salestime.ExistingCustomerTime, d("1"), d("0.5")},
		{"NewCustomerTime of none", salestime.NewCustomerTime, d("0"), d("0")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.fn(tt.share)
			if err != nil || !got.Equal(tt.want) {
				t.Errorf("%s(%v) = %v, %v, want %v, nil", tt.name, tt.share, got, err, tt.want)
			}
		})
	}
}

func TestTimeShareErrors(t *testing.T) {
	tests := []struct {
		name  string
		rule  salestime.Rule
		share decimal.Decimal
		want  error
	}{
		{"negative", salestime.ExistingCustomers, d("-0.1"), salestime.ErrInvalidShare},
		{"above one", salestime.ExistingCustomers, d("1.0001"), salestime.ErrInvalidShare},
		{"too many places", salestime.NewCustomers, d("0.1234567890123456789"), salestime.ErrInvalidShare},
		{"huge", salestime.NewCustomers, decimal.New(1, 5000), salestime.ErrInvalidShare},
		{"huge exponent", salestime.NewCustomers, decimal.New(1, 2147483647), salestime.ErrInvalidShare},
		{"tiny exponent", salestime.NewCustomers, decimal.New(1, -2147483648), salestime.ErrInvalidShare},
		{"zero rule", salestime.Rule{}, d("0.5"), salestime.ErrInvalidRule},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.rule.TimeShare(tt.share)
			if !errors.Is(err, tt.want) {
				t.Errorf("%v.TimeShare(%s) = %v, %v, want error %v", tt.rule, tt.name, got, err, tt.want)
			}
		})
	}
	if _, err := salestime.ExistingCustomerTime(d("2")); !errors.Is(err, salestime.ErrInvalidShare) {
		t.Errorf("ExistingCustomerTime(2) error = %v, want %v", err, salestime.ErrInvalidShare)
	}
	if _, err := salestime.NewCustomerTime(d("-1")); !errors.Is(err, salestime.ErrInvalidShare) {
		t.Errorf("NewCustomerTime(-1) error = %v, want %v", err, salestime.ErrInvalidShare)
	}
}

func TestNewRule(t *testing.T) {
	tests := []struct {
		name   string
		rule   string
		factor decimal.Decimal
		want   string
	}{
		{"half", "half", d("0.5"), "half (0.5)"},
		{"whole", "all of it", d("1"), "all of it (1)"},
		{"tiny", "tiny", d("0.000000000000000001"), "tiny (0.000000000000000001)"},
		{"places kept", "half", d("0.50"), "half (0.50)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := salestime.NewRule(tt.rule, tt.factor)
			if err != nil {
				t.Fatalf("NewRule(%q, %v) returned error %v", tt.rule, tt.factor, err)
			}
			if r.Name() != tt.rule || !r.Factor().Equal(tt.factor) || r.String() != tt.want {
				t.Errorf("NewRule(%q, %v) = %q (name %q, factor %v), want %q", tt.rule, tt.factor, r, r.Name(), r.Factor(), tt.want)
			}
		})
	}
}

func TestNewRuleErrors(t *testing.T) {
	tests := []struct {
		name   string
		rule   string
		factor decimal.Decimal
	}{
		{"empty name", "", d("0.5")},
		{"blank name", " \t", d("0.5")},
		{"zero factor", "zero", d("0")},
		{"zero value factor", "zero", decimal.Decimal{}},
		{"negative factor", "negative", d("-0.5")},
		{"factor above one", "more", d("1.01")},
		{"too many places", "fine", d("0.1234567890123456789")},
		{"huge factor", "huge", decimal.New(1, 2147483647)},
		{"zero factor with a huge exponent", "zero", decimal.New(0, 2147483586)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := salestime.NewRule(tt.rule, tt.factor)
			if !errors.Is(err, salestime.ErrInvalidRule) {
				t.Errorf("NewRule(%q, %s) = %v, %v, want error %v", tt.rule, tt.name, r, err, salestime.ErrInvalidRule)
			}
			if !r.Equal(salestime.Rule{}) {
				t.Errorf("NewRule(%q, %s) returned rule %v with its error, want the zero Rule", tt.rule, tt.name, r)
			}
		})
	}
}

func TestRuleZeroValue(t *testing.T) {
	var r salestime.Rule
	if r.Name() != "" || !r.Factor().IsZero() {
		t.Errorf("Rule{} has name %q and factor %v, want \"\" and 0", r.Name(), r.Factor())
	}
	if got := r.String(); got != "invalid rule" {
		t.Errorf("Rule{}.String() = %q, want %q", got, "invalid rule")
	}
	if r.Equal(salestime.ExistingCustomers) || !r.Equal(salestime.Rule{}) {
		t.Errorf("Rule{}.Equal is wrong: equal to ExistingCustomers or not to itself")
	}
}

func TestStandardRules(t *testing.T) {
	tests := []struct {
		rule   salestime.Rule
		name   string
		factor decimal.Decimal
	}{
		{salestime.ExistingCustomers, "existing customers", d("0.5")},
		{salestime.NewCustomers, "new customers", d("0.75")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.rule.Name() != tt.name || !tt.rule.Factor().Equal(tt.factor) {
				t.Errorf("rule = %v, want name %q and factor %v", tt.rule, tt.name, tt.factor)
			}
		})
	}
}
