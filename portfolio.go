package salestime

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// A Customer is one account of a salesperson. The zero Customer has a blank
// name, which [NewPortfolio] refuses.
type Customer struct {
	// Name identifies the customer, such as the account name or id in the
	// CRM. It is unique in a portfolio and must not be blank.
	Name string

	// Revenue is what the customer brings over the period, turnover or
	// margin, in any currency as long as it is the same for every customer
	// of a portfolio. For a new customer it is the revenue expected. It must
	// not be negative.
	Revenue decimal.Decimal

	// New reports whether the customer is new, its revenue expected rather
	// than earned: the new-customer rule applies to it.
	New bool

	// Key reports whether the customer was marked key by hand. Only the
	// [Marked] selector reads it.
	Key bool
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
	customers []Customer      // portfolio order
	byName    []int32         // indexes of customers in name order, for Lookup
	units     []*big.Int      // revenues as integers: Revenue = units x 10^exp
	exp       int32           // the exponent shared by units
	total     *big.Int        // the sum of units; nil in the zero Portfolio
	revenue   decimal.Decimal // the total revenue
}

// NewPortfolio returns the portfolio of the given customers.
//
// NewPortfolio returns an error, naming the first customer at fault, if:
//   - a customer's name is empty or only white space: [ErrInvalidCustomer];
//   - a revenue is negative or has more than [MaxPlaces] decimal places or
//     [MaxIntegerDigits] integer digits: [ErrInvalidRevenue];
//   - two customers have the same name: [ErrDuplicateCustomer].
//
// Names are compared byte for byte: "Acme" and "Acme " are different
// customers. No customers, or customers that all have zero revenue, make a
// valid portfolio in which all time goes to the rest.
func NewPortfolio(customers ...Customer) (Portfolio, error) {
	if len(customers) > maxCustomers {
		return Portfolio{}, fmt.Errorf("%w: %d customers, more than the %d allowed", ErrInvalidCustomer, len(customers), maxCustomers)
	}
	exp := int32(0)
	for i, c := range customers {
		if strings.TrimSpace(c.Name) == "" {
			return Portfolio{}, fmt.Errorf("%w: customers[%d] has a blank name %q", ErrInvalidCustomer, i, c.Name)
		}
		if err := checkPlaces(c.Revenue); err != nil {
			return Portfolio{}, fmt.Errorf("%w: customer %q: revenue %w", ErrInvalidRevenue, c.Name, err)
		}
		if c.Revenue.Sign() < 0 {
			return Portfolio{}, fmt.Errorf("%w: customer %q has negative revenue %s", ErrInvalidRevenue, c.Name, formatDecimal(c.Revenue))
		}
		exp = min(exp, c.Revenue.Exponent())
	}

	byName := make([]int32, len(customers))
	for i := range byName {
		byName[i] = int32(i)
	}
	slices.SortFunc(byName, func(a, b int32) int {
		return cmp.Or(strings.Compare(customers[a].Name, customers[b].Name), cmp.Compare(a, b))
	})
	// Equal names sit together in byName, in index order: the second of a
	// run is the earliest customer to repeat a name.
	dup, first := -1, -1
	for start, i := 0, 1; i <= len(byName); i++ {
		if i < len(byName) && customers[byName[i]].Name == customers[byName[start]].Name {
			continue
		}
		if i-start > 1 && (dup < 0 || int(byName[start+1]) < dup) {
			dup, first = int(byName[start+1]), int(byName[start])
		}
		start = i
	}
	if dup >= 0 {
		return Portfolio{}, fmt.Errorf("%w: customers[%d] and customers[%d] are both named %q",
			ErrDuplicateCustomer, first, dup, customers[dup].Name)
	}

	units := make([]*big.Int, len(customers))
	total := new(big.Int)
	for i, c := range customers {
		units[i] = scaled(c.Revenue, exp)
		total.Add(total, units[i])
	}
	order := make([]int32, len(customers))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(units[b].Cmp(units[a]), strings.Compare(customers[a].Name, customers[b].Name))
	})
	p := Portfolio{
		customers: make([]Customer, len(customers)),
		byName:    make([]int32, len(customers)),
		units:     make([]*big.Int, len(customers)),
		exp:       exp,
		total:     total,
		revenue:   decimal.NewFromBigInt(total, exp),
	}
	rank := make([]int32, len(customers))
	for pos, i := range order {
		p.customers[pos] = customers[i]
		p.units[pos] = units[i]
		rank[i] = int32(pos)
	}
	for pos, i := range byName {
		p.byName[pos] = rank[i]
	}
	return p, nil
}

// maxCustomers is the most customers a portfolio may have, so that every
// index fits an int32.
const maxCustomers = 1<<31 - 1

// Len returns the number of customers in p.
func (p Portfolio) Len() int {
	return len(p.customers)
}

// Total returns the total revenue of p: 0 for the empty portfolio.
func (p Portfolio) Total() decimal.Decimal {
	return p.revenue
}

// Customers returns a copy of the customers of p in portfolio order: largest
// revenue first, equal revenues by name. It returns nil for the empty
// portfolio.
func (p Portfolio) Customers() []Customer {
	return slices.Clone(p.customers)
}

// Lookup returns the customer of p with the given name, compared byte for
// byte, and reports whether there is one.
func (p Portfolio) Lookup(name string) (Customer, bool) {
	i, ok := slices.BinarySearchFunc(p.byName, name, func(pos int32, name string) int {
		return strings.Compare(p.customers[pos].Name, name)
	})
	if !ok {
		return Customer{}, false
	}
	return p.customers[p.byName[i]], true
}

// totalUnits returns the sum of p's revenue units, 0 for the zero Portfolio.
func (p Portfolio) totalUnits() *big.Int {
	if p.total == nil {
		return new(big.Int)
	}
	return p.total
}
