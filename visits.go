package salestime

import (
	"fmt"
	"time"

	"github.com/salestime/salestime/internal/exact"
	"github.com/shopspring/decimal"
)

// defaultDays is the period of a [Team]'s visits where it has none: 52
// weeks.
const defaultDays = 364

// maxVisitDays is the longest period of visits: ten years, as the longest
// [Period].
const maxVisitDays = maxPeriodYears*366 + 1

// VisitPlan is [Allocation.Plan] with the rest planned from the bottom up,
// by the visits the other customers need, as a call cycle plans them.
//
// The key customers are class A, and get the time the rule gives them, as
// in Plan. b picks class B among all the customers of the portfolio, as a
// key selector does: those it picks that are not key customers; [Marked]
// picks the customers whose [Customer.B] is set. A nil b picks no one. The
// other customers are class C. Over a period of days days, each customer
// of a class given with an Every is visited on the first day and every
// Every days after: ceil(days / Every) visits, each Length long. A class
// not given, or given without an Every, is not visited.
//
// Class A may be given with a Length of step and no Every: the key
// customers are then planned in whole visits of step, and the plan's
// Visit says so.
//
// The plan's Classes are B and C, in that order, with their customers,
// visits and workloads, and its Days are days. Other is the classes'
// workloads and Prospecting the rest of the budget; where the workloads
// are more than the rest, Other is the rest, Prospecting is zero, and
// Short is the difference: a plan that does not fit is a plan, and Short
// says by how much. Other + Short is always the workloads. Utilization is
// the key customers' time and the workloads over the budget.
//
// VisitPlan returns the errors of Plan; those of b, as [Allocate] returns
// them for a key selector; and one wrapping [ErrInvalidOption] if days is
// not from 1 to 3,661 (ten years), a class is not A, B or C or is given
// twice, class B or C has a negative Every or, with an Every, a Length that
// is not a positive whole number of steps, class A is not as above, B has
// an Every and b is nil, or the workloads are beyond [MaxIntegerDigits].
func (a Allocation) VisitPlan(budget, step decimal.Decimal, b Selector, days int, classes ...Class) (Plan, error) {
	plan, err := a.Plan(budget, step)
	if err != nil {
		return Plan{}, err
	}
	given, err := checkClasses(classes, step, b != nil, days)
	if err != nil {
		return Plan{}, err
	}
	classB, err := a.classB(b)
	if err != nil {
		return Plan{}, err
	}
	plan.Visit, plan.Days = given["A"].Length, days
	plan.Classes = []Class{{Name: "B"}, {Name: "C"}}
	j := 0 // the next key customer; a.keys are in portfolio order
	for i := range a.p.Len() {
		class := &plan.Classes[1]
		switch {
		case j < len(a.keys) && a.keys[j] == i:
			j++
			continue
		case classB[i]:
			class = &plan.Classes[0]
		}
		class.Customers = append(class.Customers, Customer{})
		a.p.customerTo(&class.Customers[len(class.Customers)-1], i)
	}
	work := decimal.Decimal{}
	for i := range plan.Classes {
		class := &plan.Classes[i]
		if c := given[class.Name]; c.Every > 0 {
			class.Every, class.Length = c.Every, c.Length
			class.Visits = (days + c.Every - 1) / c.Every
			class.Workload = c.Length.Mul(decimal.NewFromInt(int64(len(class.Customers)) * int64(class.Visits)))
			work = work.Add(class.Workload)
		}
	}
	if err := checkBounds(work, MaxIntegerDigits); err != nil {
		return Plan{}, fmt.Errorf("%w: the visits take %w", ErrInvalidOption, err)
	}
	plan.Other, plan.Prospecting = work, plan.Rest.Sub(work)
	if plan.Prospecting.Sign() < 0 {
		plan.Other, plan.Prospecting, plan.Short = plan.Rest, decimal.Decimal{}, work.Sub(plan.Rest)
	}
	if budget.Sign() > 0 {
		plan.Utilization = exact.Share(budget.Sub(plan.Rest).Add(work), budget)
	}
	return plan, nil
}

// days returns the number of days of p, or 364, 52 weeks, for the zero
// Period.
func (p Period) days() int {
	if p.isZero() {
		return defaultDays
	}
	return int(day(p.To).Sub(day(p.From))/(24*time.Hour)) + 1
}

// checkClasses checks the arguments of VisitPlan as it documents, and
// returns the classes by name.
func checkClasses(classes []Class, step decimal.Decimal, hasB bool, days int) (map[string]Class, error) {
	if days < 1 || days > maxVisitDays {
		return nil, fmt.Errorf("%w: a period of %d days, not from 1 to %d", ErrInvalidOption, days, maxVisitDays)
	}
	given := map[string]Class{}
	for _, c := range classes {
		switch _, dup := given[c.Name]; {
		case c.Name != "A" && c.Name != "B" && c.Name != "C":
			return nil, fmt.Errorf("%w: class %s is not A, B or C", ErrInvalidOption, quoteText(c.Name))
		case dup:
			return nil, fmt.Errorf("%w: class %s is given twice", ErrInvalidOption, c.Name)
		case c.Name == "A":
			if c.Every != 0 || !c.Length.Equal(step) {
				return nil, fmt.Errorf("%w: a visit of class A, the key customers, is one step, %s, with no days between visits", ErrInvalidOption, formatDecimal(step))
			}
		case c.Every < 0:
			return nil, fmt.Errorf("%w: class %s has %d days between visits", ErrInvalidOption, c.Name, c.Every)
		case c.Every == 0:
		case c.Name == "B" && !hasB:
			return nil, fmt.Errorf("%w: class B has visits and no selector picks it", ErrInvalidOption)
		default:
			if err := checkPlaces(c.Length); err != nil {
				return nil, fmt.Errorf("%w: the visit of class %s: %w", ErrInvalidOption, c.Name, err)
			}
			if c.Length.Sign() <= 0 || !c.Length.Mod(step).IsZero() {
				return nil, fmt.Errorf("%w: the length of a visit of class %s, %s, is not a positive whole number of steps of %s",
					ErrInvalidOption, c.Name, formatDecimal(c.Length), formatDecimal(step))
			}
		}
		given[c.Name] = c
	}
	return given, nil
}

// classB returns the marks of the customers of class B: those b picks,
// where Marked reads Customer.B, less the key customers.
func (a Allocation) classB(b Selector) ([]bool, error) {
	if b == nil {
		return make([]bool, a.p.Len()), nil
	}
	p := a.p
	if p.d != nil {
		d := portfolioData{names: p.d.names, marks: make([]exact.Mark, len(p.d.marks)), revenues: p.d.revenues, total: p.d.total}
		for i, m := range p.d.marks {
			d.marks[i] = m &^ exact.MarkKey
			if m&exact.MarkB != 0 {
				d.marks[i] |= exact.MarkKey
			}
		}
		p = Portfolio{d: &d}
	}
	keys, err := keyCustomers(p, b)
	if err != nil {
		return nil, err
	}
	marks := make([]bool, a.p.Len())
	for _, i := range keys {
		marks[i] = true
	}
	return marks, nil
}

// each returns the time of the visits of one customer of c: Visits x
// Length.
func (c Class) each() decimal.Decimal {
	if c.Visits == 0 {
		return decimal.Decimal{}
	}
	return c.Length.Mul(decimal.NewFromInt(int64(c.Visits)))
}

// visits returns the number of visits of amount, the time of a key
// customer in p, where p plans the key customers in visits.
func (p Plan) visits(amount decimal.Decimal) (int64, bool) {
	if p.Visit.Sign() <= 0 {
		return 0, false
	}
	q, _ := amount.QuoRem(p.Visit, 0)
	return q.IntPart(), true
}

// workloads returns the workloads of the classes B and C of p.
func (p Plan) workloads() (b, c decimal.Decimal) {
	for _, class := range p.Classes {
		switch class.Name {
		case "B":
			b = b.Add(class.Workload)
		case "C":
			c = c.Add(class.Workload)
		}
	}
	return b, c
}
