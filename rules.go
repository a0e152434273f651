package salestime

import (
	"fmt"
	"strings"

	"github.com/salestime/salestime/internal/exact"
	"github.com/shopspring/decimal"
)

// A Rule turns the share of revenue that key customers bring into the share
// of selling time they get: time share = factor x revenue share.
//
// The two rules of the method are [ExistingCustomers] (factor 0.5, the half
// rule) and [NewCustomers] (factor 0.75, for customers whose revenue is
// expected this period rather than already earned). [NewRule] makes others.
//
// The zero Rule has a blank name and factor 0. It is not a valid rule:
// its [Rule.TimeShare] returns [ErrInvalidRule], and [Allocate] refuses it.
// A Rule is a value, safe for concurrent use.
type Rule struct {
	name   string
	factor decimal.Decimal
}

// ExistingCustomers is the half rule for customers whose revenue has already
// been earned: they get half their share of revenue as their share of time.
// Its name is "existing customers" and its factor 0.5. It is the default of
// [Allocate]; the package keeps its own copy, so assigning to this variable
// changes nothing.
var ExistingCustomers = existingCustomers()

// NewCustomers is the rule for new customers, whose revenue is expected this
// period: they get three quarters of their share of revenue as their share of
// time. Its name is "new customers" and its factor 0.75. It is the default of
// [Allocate]; the package keeps its own copy, so assigning to this variable
// changes nothing.
var NewCustomers = newCustomers()

// one is the decimal 1; nothing changes it.
var one = decimal.New(1, 0)

// existingCustomers and newCustomers return the two standard rules. Allocate
// uses them rather than the exported variables, so a program that assigns
// to those variables cannot change the defaults of another. The rules they
// return share their factors, which nothing changes.
func existingCustomers() Rule {
	return standardRules.existing
}

func newCustomers() Rule {
	return standardRules.new
}

var standardRules = struct{ existing, new Rule }{
	existing: Rule{name: "existing customers", factor: decimal.New(5, -1)},
	new:      Rule{name: "new customers", factor: decimal.New(75, -2)},
}

// NewRule returns a rule with the given name and factor.
//
// NewRule returns an error wrapping [ErrInvalidRule] if:
//   - name is empty or only white space;
//   - factor is not greater than 0, or greater than 1;
//   - factor has more than [MaxPlaces] decimal places.
func NewRule(name string, factor decimal.Decimal) (Rule, error) {
	r := Rule{name: name, factor: factor}
	if err := r.validate("rule"); err != nil {
		return Rule{}, err
	}
	return r, nil
}

// validate returns an error wrapping ErrInvalidRule, if r is not a rule
// that NewRule would make; what describes the rule in the message.
func (r Rule) validate(what string) error {
	if err := checkPlaces(r.factor); err != nil {
		return fmt.Errorf("%w: %s %s: factor %w", ErrInvalidRule, what, quoteText(r.name), err)
	}
	if strings.TrimSpace(r.name) == "" {
		return fmt.Errorf("%w: %s with factor %s has a blank name", ErrInvalidRule, what, formatDecimal(r.factor))
	}
	if r.factor.Sign() <= 0 || r.factor.Cmp(one) > 0 {
		return fmt.Errorf("%w: %s %s has factor %s, want greater than 0 and at most 1",
			ErrInvalidRule, what, quoteText(r.name), formatDecimal(r.factor))
	}
	return nil
}

// Name returns the name of the rule, such as "existing customers".
func (r Rule) Name() string {
	return r.name
}

// Factor returns the factor of the rule: the share of time a customer gets
// per unit of revenue share, such as 0.5 for [ExistingCustomers].
func (r Rule) Factor() decimal.Decimal {
	return r.factor
}

// TimeShare returns the share of selling time that customers bringing
// revenueShare of the revenue get under the rule: factor x revenueShare,
// exactly, without rounding. Under [ExistingCustomers], 0.7 gives 0.35.
//
// TimeShare returns an error if:
//   - the rule is not valid (the zero Rule): [ErrInvalidRule];
//   - revenueShare is less than 0 or greater than 1, or has more than
//     [MaxPlaces] decimal places: [ErrInvalidShare].
func (r Rule) TimeShare(revenueShare decimal.Decimal) (decimal.Decimal, error) {
	if err := r.validate("rule"); err != nil {
		return decimal.Decimal{}, err
	}
	if err := checkShare(revenueShare); err != nil {
		return decimal.Decimal{}, err
	}
	return r.factor.Mul(revenueShare), nil
}

// Equal reports whether r and s have the same name and equal factors:
// a factor of 0.5 equals one of 0.50.
func (r Rule) Equal(s Rule) bool {
	return r.name == s.name && r.factor.Equal(s.factor)
}

// String returns the name and factor of the rule, as in
// "existing customers (0.5)"; for the zero Rule, "invalid rule".
func (r Rule) String() string {
	if r.name == "" {
		return "invalid rule"
	}
	return r.name + " (" + formatDecimal(r.factor) + ")"
}

// ExistingCustomerTime returns the share of selling time for existing key
// customers who bring revenueShare of the revenue: half of it. It is
// [ExistingCustomers].TimeShare.
func ExistingCustomerTime(revenueShare decimal.Decimal) (decimal.Decimal, error) {
	return existingCustomers().TimeShare(revenueShare)
}

// NewCustomerTime returns the share of selling time for new key customers
// who are expected to bring expectedShare of the revenue: three quarters of
// it. It is [NewCustomers].TimeShare.
func NewCustomerTime(expectedShare decimal.Decimal) (decimal.Decimal, error) {
	return newCustomers().TimeShare(expectedShare)
}

// checkShare reports whether s is a share: a value in [0, 1] with at most
// MaxPlaces decimal places.
func checkShare(s decimal.Decimal) error {
	if err := checkPlaces(s); err != nil {
		return fmt.Errorf("%w: share %w", ErrInvalidShare, err)
	}
	if s.Sign() < 0 || !exact.AtMostOne(s) {
		return fmt.Errorf("%w: share %s is outside [0, 1]", ErrInvalidShare, formatDecimal(s))
	}
	return nil
}
