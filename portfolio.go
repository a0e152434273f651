package salestime

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/salestime/salestime/internal/exact"
	"github.com/shopspring/decimal"
)

// A Customer is one account of a salesperson. The zero Customer has a blank
// name, which [NewPortfolio] refuses.
type Customer struct {
	// Name identifies the customer, such as the account name or id in the
	// CRM. It is unique in a portfolio, must not be blank, and has at most
	// 4,096 bytes.
	Name string `json:"name"`

	// Revenue is what the customer brings over the period, turnover or
	// margin, in any currency as long as it is the same for every customer
	// of a portfolio. For a new customer it is the revenue expected. It must
	// not be negative. In JSON it is a string.
	Revenue decimal.Decimal `json:"revenue"`

	// New reports whether the customer is new, its revenue expected rather
	// than earned: the new-customer rule applies to it.
	New bool `json:"new,omitempty"`

	// Key reports whether the customer was marked key by hand. Only the
	// [Marked] selector reads it.
	Key bool `json:"key,omitempty"`

	// B reports whether the customer was marked class B by hand. Only the
	// [Marked] selector reads it, where it picks class B in
	// [Allocation.VisitPlan].
	B bool `json:"b,omitempty"`
}

// A Portfolio is the set of customers of one salesperson, in portfolio
// order: largest revenue first, customers with equal revenue by name in byte
// order. That order depends only on the customers, never on the order they
// were given in.
//
// A Portfolio is immutable: [NewPortfolio] copies the customers it is given
// and [Portfolio.Customers] returns a copy. It is safe for concurrent use.
// The zero Portfolio is the empty one.
type Portfolio struct {
	d *portfolioData // nil in the empty portfolio
}

// portfolioData is what a Portfolio holds: its customers in portfolio
// order, field by field, so that a long portfolio is not a decimal for
// each customer; a Customer is made when one is asked for.
type portfolioData struct {
	names    []string
	marks    []exact.Mark
	revenues exact.Revenues // each at the exponent it was given with
	total    decimal.Decimal
	index    nameIndex // for Lookup
}

// marksOf returns the flags of c.
func marksOf(c *Customer) exact.Mark {
	var m exact.Mark
	if c.New {
		m |= exact.MarkNew
	}
	if c.Key {
		m |= exact.MarkKey
	}
	if c.B {
		m |= exact.MarkB
	}
	return m
}

// setCustomer sets *dst to the customer of the given name, revenue and
// flags, field by field: a block copy of a Customer's five words goes
// through the garbage collector's slower bulk write barrier.
func setCustomer(dst *Customer, name string, revenue decimal.Decimal, m exact.Mark) {
	dst.Name, dst.Revenue, dst.New, dst.Key, dst.B = name, revenue, m&exact.MarkNew != 0, m&exact.MarkKey != 0, m&exact.MarkB != 0
}

// customerTo sets *dst to the i-th customer.
func (d *portfolioData) customerTo(dst *Customer, i int) {
	setCustomer(dst, d.names[i], d.revenues.Revenue(i), d.marks[i])
}

// customer returns the i-th customer.
func (d *portfolioData) customer(i int) Customer {
	var c Customer
	d.customerTo(&c, i)
	return c
}

// maxCustomers is the most customers a portfolio may have, so that every
// index fits 31 bits.
const maxCustomers = math.MaxInt32

// NewPortfolio returns the portfolio of the given customers.
//
// NewPortfolio returns an error, naming the first customer at fault, if:
//   - a customer's name is empty, begins or ends with white space, is
//     longer than 4,096 bytes, or is not valid UTF-8 or has a control
//     character or a line break in it: [ErrInvalidCustomer];
//   - a revenue is negative or has more than [MaxPlaces] decimal places or
//     [MaxIntegerDigits] integer digits: [ErrInvalidRevenue];
//   - two customers have the same name: [ErrDuplicateCustomer]. The error
//     names the earliest customer whose name an earlier one has, and the
//     earliest customer with that name.
//
// Names and revenues are checked for every customer before names are
// compared: a bad name or revenue is reported before a duplicate, wherever
// each is.
//
// Names are compared byte for byte: "Acme" and "ACME" are different
// customers. No customers, or customers that all have zero revenue, make a
// valid portfolio in which all time goes to the rest.
func NewPortfolio(customers ...Customer) (Portfolio, error) {
	n := len(customers)
	if n == 0 {
		return Portfolio{}, nil
	}
	if n > maxCustomers {
		return Portfolio{}, fmt.Errorf("%w: %d customers, more than the %d allowed", ErrInvalidCustomer, n, maxCustomers)
	}
	d, given, units := newPortfolioData(n)
	r, total, dup, first, err := exact.Build(n,
		func(i int) decimal.Decimal { return customers[i].Revenue },
		func(i int) string { return customers[i].Name },
		func(i int) (int, error) { return checkCustomer(customers, i) },
		units,
		func(pos, i int) {
			c := &customers[i]
			d.names[pos], d.marks[pos], given[pos] = c.Name, marksOf(c), c.Revenue
		})
	if err != nil {
		return Portfolio{}, err
	}
	if dup >= 0 {
		return Portfolio{}, fmt.Errorf("%w: customers[%d] and customers[%d] are both named %s",
			ErrDuplicateCustomer, first, dup, quoteText(customers[dup].Name))
	}
	d.revenues, d.total = r, total
	d.revenues.Given = given
	return Portfolio{d}, nil
}

// newPortfolioData returns the data of a new portfolio of n > 0 customers,
// with space for their names and marks, and for their revenues as given
// and as units.
func newPortfolioData(n int) (*portfolioData, []decimal.Decimal, []uint64) {
	if n == 1 {
		// All in one allocation: a portfolio of one customer is mostly
		// its allocations (BenchmarkCliffs, n=1000000x1).
		one := &struct {
			d     portfolioData
			name  [1]string
			mark  [1]exact.Mark
			given [1]decimal.Decimal
			unit  [1]uint64
		}{}
		one.d.names, one.d.marks = one.name[:], one.mark[:]
		return &one.d, one.given[:], one.unit[:]
	}
	d := &portfolioData{names: make([]string, n), marks: make([]exact.Mark, n)}
	return d, make([]decimal.Decimal, n), make([]uint64, n)
}

// checkCustomer returns the error of customers[i] in a new portfolio, if it
// is bad, or the number of digits of its revenue's coefficient.
func checkCustomer(customers []Customer, i int) (digits int, err error) {
	c := &customers[i]
	if err := checkName(c.Name); err != nil {
		return 0, fmt.Errorf("%w: customers[%d] %s: %w", ErrInvalidCustomer, i, quoteText(c.Name), err)
	}
	digits, err = boundsDigits(c.Revenue, MaxIntegerDigits)
	if err != nil {
		return 0, fmt.Errorf("%w: customer %s: revenue %w", ErrInvalidRevenue, quoteText(c.Name), err)
	}
	if c.Revenue.Sign() < 0 {
		return 0, fmt.Errorf("%w: customer %s has negative revenue %s", ErrInvalidRevenue, quoteText(c.Name), formatDecimal(c.Revenue))
	}
	return digits, nil
}

// checkName returns an error unless name is a name NewPortfolio takes: not
// blank, at most maxNameBytes long, without white space at either end, and
// valid UTF-8 without
// control characters or line breaks. Such a name is written and read back
// by every reader and writer unchanged.
func checkName(name string) error {
	if len(name) > maxNameBytes {
		return fmt.Errorf("the name is %d bytes long, more than the %d a name may be", len(name), maxNameBytes)
	}
	if name != "" && printableASCII(name) && name[0] != ' ' && name[len(name)-1] != ' ' {
		return nil // the common case
	}
	if strings.TrimFunc(name, unicode.IsSpace) == "" {
		return errors.New("the name is blank")
	}
	for i, r := range name {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(name[i:], "\uFFFD"):
			return fmt.Errorf("the name is not valid UTF-8 at byte %d", i)
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
			return fmt.Errorf("the name has the control character %U at byte %d", r, i)
		}
	}
	first, _ := utf8.DecodeRuneInString(name)
	last, _ := utf8.DecodeLastRuneInString(name)
	if unicode.IsSpace(first) || unicode.IsSpace(last) {
		return errors.New("the name begins or ends with white space")
	}
	return nil
}

// Len returns the number of customers in p.
func (p Portfolio) Len() int {
	if p.d == nil {
		return 0
	}
	return len(p.d.names)
}

// Total returns the total revenue of p, written with as many decimal
// places as the revenue that has the most: 0 for the empty portfolio.
func (p Portfolio) Total() decimal.Decimal {
	if p.d == nil {
		return decimal.Decimal{}
	}
	return p.d.total
}

// Customers returns a copy of the customers of p in portfolio order: largest
// revenue first, equal revenues by name. Each is as it was given, its
// revenue at the exponent it was given with: 12.50 keeps its two places.
// It returns nil for the empty portfolio.
func (p Portfolio) Customers() []Customer {
	if p.d == nil {
		return nil
	}
	customers := make([]Customer, len(p.d.names))
	for i := range customers {
		p.d.customerTo(&customers[i], i)
	}
	return customers
}

// lookup returns the customer of p with the given name, compared byte for
// byte, as Customers gives it, and reports whether there is one.
func (p Portfolio) lookup(name string) (Customer, bool) {
	if p.d == nil {
		return Customer{}, false
	}
	if i, ok := p.d.index.find(p.d.names, name); ok {
		return p.d.customer(i), true
	}
	return Customer{}, false
}

// customerTo sets *dst to the i-th customer of p in portfolio order.
func (p Portfolio) customerTo(dst *Customer, i int) {
	p.d.customerTo(dst, i)
}

// namesOf returns the names of the customers of p in portfolio order, and
// marksOf their flags, without a copy; callers must not change them.
func (p Portfolio) namesOf() []string {
	if p.d == nil {
		return nil
	}
	return p.d.names
}

func (p Portfolio) marksOf() []exact.Mark {
	if p.d == nil {
		return nil
	}
	return p.d.marks
}

// revenues returns the revenues of p, for the engine; callers must not
// change them.
func (p Portfolio) revenues() *exact.Revenues {
	if p.d == nil {
		return &exact.Revenues{}
	}
	return &p.d.revenues
}
