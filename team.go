package salestime

import (
	"cmp"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/salestime/salestime/internal/exact"
	"github.com/shopspring/decimal"
)

// A Team plans the accounts of a sales team, one plan per owner, and
// reviews each plan against the time its owner logged. It is plain
// configuration: set the fields, then call [Team.Plans] or [Team.Reviews].
type Team struct {
	// Key chooses each owner's key customers, as [Allocate] takes it.
	Key Selector

	// Rules are further options of [Allocate], such as [WithRules].
	Rules []Option

	// Budget is each owner's budget where Budgets is nil, and Step the step
	// of every split, as [Allocation.Plan] takes them.
	Budget, Step decimal.Decimal

	// Budgets, if not nil, holds the budget of each owner, as
	// [ReadBudgets] reads it: every owner of accounts must have one, and
	// an owner with a budget and no accounts is planned with an empty
	// portfolio, all of the budget going to the rest.
	Budgets map[string]decimal.Decimal

	// Split reports whether the plans split the rest between the other
	// customers and prospecting, Prospecting's share of it going to
	// prospecting, as [Allocation.SplitPlan] does; the plan of an owner
	// without customers gives all of the rest to prospecting.
	Split       bool
	Prospecting decimal.Decimal

	// B and Classes, if either is set, plan the rest by visits, as
	// [Allocation.VisitPlan] does with b and the classes, over the days of
	// Period, or 52 weeks (364 days) where Period is zero. Split must then
	// be false.
	B       Selector
	Classes []Class

	// Period is the plans' period: where By is "month", "quarter" or
	// "week", [Team.Plans] spreads each plan over it, with Holidays, as
	// [Plan.Spread] does; and [Team.Reviews] reads it as [NewReview] does.
	Period   Period
	By       string
	Holidays []time.Time
}

// Plans returns an iterator over the groups of acc, each planned: its
// owner's allocation and plan, spread over the calendar where t.By says
// so. The groups come in byte order of the owners, as [Accounts.Groups]
// yields them, with the owners of Budgets who have no accounts among
// them.
//
// The iterator yields an error, and stops, if:
//   - Budgets is not nil and the accounts have no owner column, an owner of
//     accounts has no budget (the error names every such owner), or a
//     budget is not one [Allocation.Plan] takes: [ErrInvalidBudget];
//   - By is set and the period cannot be spread over: [ErrInvalidOption];
//   - B or Classes is set, and Split is too, the period is not one
//     [ParsePeriod] reads, or the classes are not ones
//     [Allocation.VisitPlan] takes: [ErrInvalidOption], before the first
//     group;
//   - an owner's allocation or plan fails: that error, naming the owner.
func (t Team) Plans(acc Accounts) iter.Seq2[Group, error] {
	return t.plans(acc, true)
}

// plans is Plans, with the owners of budgets who have no accounts where
// idle is set.
func (t Team) plans(acc Accounts, idle bool) iter.Seq2[Group, error] {
	return func(yield func(Group, error) bool) {
		owners, err := t.idleOwners(acc)
		if !idle {
			owners = nil
		}
		var periods []spreadPeriod // the calendar of every plan, made once, before the first plan and without one
		if err == nil && t.By != "" {
			periods, err = t.Period.split(t.By, t.Holidays)
		}
		if err == nil && t.byVisits() {
			err = t.checkVisits()
		}
		if err != nil {
			yield(Group{}, err)
			return
		}
		for g := range withIdle(acc, owners) {
			if err := t.planOf(&g, periods); err != nil {
				yield(Group{}, fmt.Errorf("%w (owner %s)", err, quoteText(g.Name)))
				return
			}
			if !yield(g, nil) {
				return
			}
		}
	}
}

// byVisits reports whether t plans the rest by visits.
func (t Team) byVisits() bool {
	return t.B != nil || t.Classes != nil
}

// checkVisits checks the options of t's plans by visits once, before the
// first plan, as VisitPlan checks them, with the budget of an owner who
// has none where the budgets are each owner's.
func (t Team) checkVisits() error {
	if t.Split {
		return fmt.Errorf("%w: a plan splits the rest by a share or by visits, not both", ErrInvalidOption)
	}
	if !t.Period.isZero() {
		if err := t.Period.check(); err != nil {
			return err
		}
	}
	budget := t.Budget
	if t.Budgets != nil {
		budget = decimal.Decimal{}
	}
	_, err := Allocation{}.VisitPlan(budget, t.Step, t.B, t.Period.days(), t.Classes...)
	return err
}

// idleOwners checks the budgets of t against the owners of acc, and returns the
// owners of budgets who have no accounts, in byte order.
func (t Team) idleOwners(acc Accounts) ([]string, error) {
	if t.Budgets == nil {
		return nil, nil
	}
	if !acc.Owners && acc.store != nil {
		return nil, fmt.Errorf("%w: budgets are per owner, and the accounts have no owner column", ErrInvalidBudget)
	}
	owners := acc.names()
	var missing []string
	for _, owner := range owners {
		if _, ok := t.Budgets[owner]; !ok {
			missing = append(missing, quoteText(owner))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: no budget for %s %s", ErrInvalidBudget, plural(len(missing), "the owner", "the owners"), strings.Join(missing, ", "))
	}
	var idle []string
	for _, owner := range slices.Sorted(maps.Keys(t.Budgets)) {
		if _, found := slices.BinarySearch(owners, owner); !found {
			idle = append(idle, owner)
		}
	}
	return idle, nil
}

// withIdle returns an iterator over the groups of acc and, with empty
// portfolios, the owners in idle, in byte order of the owners.
func withIdle(acc Accounts, idle []string) iter.Seq[Group] {
	return func(yield func(Group) bool) {
		for g := range acc.Groups() {
			for len(idle) > 0 && idle[0] < g.Name {
				if !yield(Group{Name: idle[0]}) {
					return
				}
				idle = idle[1:]
			}
			if !yield(g) {
				return
			}
		}
		for _, owner := range idle {
			if !yield(Group{Name: owner}) {
				return
			}
		}
	}
}

// planOf sets the allocation and plan of g, spread over periods where
// there are any.
func (t Team) planOf(g *Group, periods []spreadPeriod) error {
	a, err := Allocate(g.Portfolio, t.Key, t.Rules...)
	if err != nil {
		return err
	}
	budget := t.Budget
	if t.Budgets != nil {
		budget = t.Budgets[g.Name]
	}
	var p Plan
	switch {
	case t.byVisits():
		p, err = a.VisitPlan(budget, t.Step, t.B, t.Period.days(), t.Classes...)
	case t.Split && g.Portfolio.Len() == 0:
		p, err = a.SplitPlan(budget, t.Step, one) // no other customers to see
	case t.Split:
		p, err = a.SplitPlan(budget, t.Step, t.Prospecting)
	default:
		p, err = a.Plan(budget, t.Step)
	}
	if err == nil && periods != nil {
		p, err = p.spread(t.Period, periods)
	}
	if err != nil {
		return err
	}
	g.Allocation, g.Plan = a, p
	return nil
}

// Reviews returns an iterator over the groups of acc, each planned as
// [Team.Plans] plans it, though not spread over the calendar, and with
// the review of its plan against its owner's activities as
// [NewReview] makes it. Where the accounts have no owner column, every
// activity is the one group's.
//
// With a period, until is the day of every review: the zero time is the
// last date of an activity in the period, of any owner, or the period's
// end. After the groups come the owners of activities who have no
// accounts, a budget or not, in byte order: each as a group with the zero
// Allocation and Plan, whose review holds the time they logged against no
// plan.
//
// The iterator yields the errors of Plans and of NewReview, and stops; and
// one wrapping [ErrInvalidActivity] if the accounts have owners and the
// activities have none.
func (t Team) Reviews(acc Accounts, activities []Activity, until time.Time) iter.Seq2[Group, error] {
	return func(yield func(Group, error) bool) {
		if acc.Owners && len(activities) > 0 && !slices.ContainsFunc(activities, func(a Activity) bool { return a.Owner != "" }) {
			yield(Group{}, fmt.Errorf("%w: the accounts have owners and the activities have none", ErrInvalidActivity))
			return
		}
		if !t.Period.isZero() && until.IsZero() {
			until = reviewDay(t.Period, until, activities) // one day for the whole team
		}
		byOwner := map[string][]Activity{}
		if acc.Owners {
			for _, a := range activities {
				byOwner[a.Owner] = append(byOwner[a.Owner], a)
			}
		}
		t.By = "" // a review sets the whole plan against the time
		review := func(g Group, activities []Activity) (Group, error) {
			r, err := NewReview(g.Allocation, g.Plan, activities, t.Period, until)
			if err != nil {
				return Group{}, fmt.Errorf("%w (owner %s)", err, quoteText(g.Name))
			}
			g.Review = &r
			return g, nil
		}
		for g, err := range t.plans(acc, false) {
			if err == nil {
				owned := activities
				if acc.Owners {
					owned = byOwner[g.Name]
					delete(byOwner, g.Name)
				}
				g, err = review(g, owned)
			}
			if !yield(g, err) || err != nil {
				return
			}
		}
		for _, owner := range slices.Sorted(maps.Keys(byOwner)) {
			g, err := review(Group{Name: owner}, byOwner[owner])
			if !yield(g, err) || err != nil {
				return
			}
		}
	}
}

// addVisits adds the workloads and shortfall of p, a plan that VisitPlan
// makes, to s.
func (s *Summary) addVisits(p Plan) {
	s.visits = true
	b, c := p.workloads()
	s.B, s.C, s.Short = addDecimal(s.B, b), addDecimal(s.C, c), addDecimal(s.Short, p.Short)
	s.Utilization, s.Headcount = decimal.Decimal{}, decimal.Decimal{}
	if s.Budget.Sign() > 0 {
		s.Utilization = exact.Share(s.Key.Add(s.B).Add(s.C), s.Budget)
		s.Headcount = exact.Share(s.Short.Mul(decimal.NewFromInt(int64(s.Groups))), s.Budget)
	}
}

// addDecimal returns x + y, and x itself where y is zero, as the rest of
// a plan not split is in Other and Prospecting.
func addDecimal(x, y decimal.Decimal) decimal.Decimal {
	if y.IsZero() {
		return x
	}
	return x.Add(y)
}

// A Summary sums up the plans of a team, or the plan of one salesperson:
// [Summary.Add] adds each group. Its counts and amounts are exact sums. The
// shares of one group are its allocation's own; those of several are
// weighted by revenue and by budget, exactly, and rounded half to even to
// [SharePlaces] places. The zero Summary sums up no group.
type Summary struct {
	// Groups is the number of plans added.
	Groups int

	// Customers and KeyCustomers count the customers of the plans, and
	// their key customers.
	Customers, KeyCustomers int

	// Currency is the currency of the revenues, as [Group.Currency] names
	// it, where they have one. Mixed reports whether they are in several
	// currencies, which do not add up: then Revenue, KeyRevenue and
	// KeyRevenueShare are zero.
	Currency string
	Mixed    bool

	// Revenue is the revenue of the customers, and KeyRevenue that of the
	// key customers; KeyRevenueShare is KeyRevenue / Revenue.
	Revenue, KeyRevenue decimal.Decimal
	KeyRevenueShare     decimal.Decimal

	// Budget is the sum of the budgets, and Key, Rest, Other and
	// Prospecting the sums of the plans' amounts for each party.
	Budget, Key, Rest, Other, Prospecting decimal.Decimal

	// KeyTimeShare is the share of the budget that the rule gives the key
	// customers: of several plans, the sum of each one's share times its
	// budget, over Budget.
	KeyTimeShare decimal.Decimal

	// Of plans that [Allocation.VisitPlan] makes: B and C are the sums of
	// the workloads of the classes B and C, and Short the sum of the
	// plans' shortfalls; Utilization is Key + B + C over Budget, and
	// Headcount is Short over the average budget, Budget / Groups: the
	// salespeople the shortfall would take. Both are rounded half to even
	// to [SharePlaces] places, and zero for a zero budget.
	B, C, Short            decimal.Decimal
	Utilization, Headcount decimal.Decimal

	// Review is the sum of the groups' reviews, with the ratios and shares
	// of the sums, and no lines, unmatched names or period; nil where no
	// group added has a review. Unplanned is the time logged by owners who
	// have no plan, as [Team.Reviews] yields them, which Review leaves out.
	Review    *Review
	Unplanned time.Duration

	keyTime decimal.Decimal // the sum of each plan's key time share times its budget
	visits  bool            // a plan added was made by VisitPlan
}

// Add adds the plan of g, and its review, to s: an allocation that
// [Allocate] made and a plan of it, as a [Team] makes them. A group with
// the zero Plan, an owner of activities that [Team.Reviews] yields without
// a plan, adds only the time it logged, to Unplanned.
func (s *Summary) Add(g Group) {
	if g.Plan.Step.Sign() == 0 {
		if g.Review != nil {
			s.Unplanned += g.Review.Logged
		}
		return
	}
	a, p := g.Allocation, g.Plan
	key := p.Budget.Sub(p.Rest)
	s.Customers += g.Portfolio.Len()
	s.KeyCustomers += len(a.Lines)
	if g.Currency != "" && s.Currency != "" && g.Currency != s.Currency {
		s.Mixed = true
	}
	s.Currency = cmp.Or(s.Currency, g.Currency)
	if s.Groups == 0 {
		// The first plan: its own figures, and no sums to make.
		s.Groups = 1
		s.Budget, s.Key, s.Rest, s.Other, s.Prospecting = p.Budget, key, p.Rest, p.Other, p.Prospecting
		s.Revenue, s.KeyRevenue = g.Portfolio.Total(), a.keyRevenue()
		s.KeyRevenueShare, s.KeyTimeShare = a.KeyRevenueShare, a.KeyTimeShare
	} else {
		if s.Groups == 1 {
			s.keyTime = s.KeyTimeShare.Mul(s.Budget) // the first plan's, put off until a second comes
		}
		s.Groups++
		s.Budget, s.Key, s.Rest = s.Budget.Add(p.Budget), s.Key.Add(key), s.Rest.Add(p.Rest)
		s.Other, s.Prospecting = addDecimal(s.Other, p.Other), addDecimal(s.Prospecting, p.Prospecting)
		s.keyTime = s.keyTime.Add(a.KeyTimeShare.Mul(p.Budget))
		s.KeyTimeShare = decimal.Decimal{}
		if s.Budget.Sign() > 0 {
			s.KeyTimeShare = exact.Share(s.keyTime, s.Budget)
		}
		if !s.Mixed { // revenues in several currencies are not added up
			s.Revenue, s.KeyRevenue = s.Revenue.Add(g.Portfolio.Total()), s.KeyRevenue.Add(a.keyRevenue())
			s.KeyRevenueShare = decimal.Decimal{}
			if s.Revenue.Sign() > 0 {
				s.KeyRevenueShare = exact.Share(s.KeyRevenue, s.Revenue)
			}
		}
	}
	if s.Mixed {
		s.Revenue, s.KeyRevenue, s.KeyRevenueShare = decimal.Decimal{}, decimal.Decimal{}, decimal.Decimal{}
	}
	if p.Classes != nil {
		s.addVisits(p)
	}
	if g.Review != nil {
		if s.Review == nil {
			s.Review = &Review{}
		}
		s.Review.add(*g.Review)
	}
}
