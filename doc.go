// Package salestime tells a salesperson how to split selling time between
// their largest customers and everyone else, exactly, in decimal arithmetic.
//
// # The rule
//
// Work out what share of the business the key customers, the largest ones,
// bring. Give them half that share of selling time; the rest of the time goes
// to the other customers and to finding new ones. Where the key customers are
// new, their revenue expected this year rather than already earned, give them
// three quarters of their share instead of half.
//
// Key customers who bring 70% of turnover get 35% of the time:
//
//	share, _ := salestime.ExistingCustomerTime(decimal.RequireFromString("0.7")) // 0.35
//
// New large customers expected to bring 80% of turnover get 75% of 80%, 60%
// of the time:
//
//	share, _ := salestime.NewCustomerTime(decimal.RequireFromString("0.8")) // 0.6
//
// [Rule] holds a rule; [ExistingCustomers] and [NewCustomers] are the two
// above and [NewRule] makes others.
//
// A program describes the customers of a salesperson as a [Portfolio], picks
// its key customers with a [Selector], and calls [Allocate] for the share of
// time of each key customer. [Allocation.Plan] then splits a budget of hours,
// days or calls into whole steps:
//
//	p, err := salestime.NewPortfolio(customers...)
//	...
//	a, err := salestime.Allocate(p, salestime.TopShare(decimal.RequireFromString("0.8")))
//	...
//	plan, err := a.Plan(decimal.NewFromInt(1600), decimal.NewFromInt(1))
//
// # Choosing key customers
//
// The rule leaves open which customers are the largest. Each selector is one
// well-defined answer:
//
//   - [TopN]: the n largest customers, for a fixed number of key accounts.
//   - [TopShare]: the fewest largest customers that bring a share of the
//     revenue, such as the 80% of the Pareto rule.
//   - [MinRevenue]: every customer above a revenue line.
//   - [ABC]: class A of a computed ABC analysis, found in the data with no
//     threshold to choose.
//   - [Marked]: the customers marked key by hand in the CRM.
//
// The selectors that pick by revenue never pick a customer without revenue,
// and never split customers with equal revenue. A [Selector] is a plain
// function, so a program can write its own.
//
// # Exact sums and rounding
//
// Every number is a [decimal.Decimal]; nothing goes through floating point.
// Shares have at most [SharePlaces] decimal places: the key customers' total
// shares are the exact values rounded half to even, and the shares of single
// customers add up exactly to them. A share whose exact value has no more
// places is returned exactly: 0.7 gives 0.35, not 0.349999.
//
// A [Plan] gives every party a whole number of steps. The amounts add up
// exactly to the budget and each is within one step of its exact quota.
//
// Shares and plans round by one rule, the largest remainder (Hamilton's
// method): each part is its exact quota rounded down, and the units left
// over go one each to the parts with the largest remainders; of parts with
// equal remainders, the one with the larger quota comes first, then the
// earlier line, and the rest of a plan last. A part whose quota needs no
// rounding gets exactly its quota.
//
// Results depend only on the customers, never on the order they were given
// in, and never on the decimal package's global settings, such as
// decimal.DivisionPrecision.
//
// # Data in and out
//
// [ReadAccounts] reads the accounts, or the deals, that a CRM or a
// spreadsheet exports, from rows of text: [CSVRows] makes them of CSV text,
// with its byte-order mark, encoding and delimiter found, and a sheet of a
// workbook is another [RowReader]. [ReadActivities] reads an activity log
// and [ReadBudgets] each salesperson's budget the same way, and [ReadCSV]
// is the short form for one portfolio. [ReadOptions] names the columns,
// asks to add up the rows of one customer, and gives the number format;
// without it, the format is decided once for the whole column, from all
// its values, never value by value, and a column that could be read two
// ways is refused with [ErrAmbiguousNumber]. A number, a date, an encoding
// or an owner is never guessed. One salesperson's accounts are a [Group]
// of the [Accounts] read.
//
// Every type that holds data marshals to JSON with each decimal as a
// quoted string in plain notation, with the places it was written with,
// whatever the decimal package's global settings say; a [Portfolio] reads
// back from it, checked as [NewPortfolio] checks. [Selector], [Option] and
// [Team] hold functions and have no JSON. The parts of an allocation or a
// plan, a [Line], [PlanLine], [Class] or [Block], are written by it; on its
// own, encoding/json writes one field by field.
//
// # A sales team
//
// A [Team] plans the accounts of every owner with the owner's budget, the
// owners of budgets without accounts too, and [Summary] sums the plans up,
// with each plan's own shares and the team's weighted exactly.
//
// # Visits and capacity
//
// The rule says what the key customers get; [Allocation.VisitPlan] plans
// the rest from the bottom up, as call cycles do. A second selector picks
// class B among the other customers, the rest are class C, and each
// [Class] is visited every so many days for so long: its workload is its
// customers x visits x length, exactly. Prospecting is what the budget
// leaves; a plan whose visits need more is Short by the difference, which
// is an answer, not an error. A [Team] with B and Classes plans every
// owner so, and [Summary] adds up the workloads, the shortfall and the
// salespeople it would take.
//
// # The plan by month, quarter or week
//
// [Plan.Spread] spreads a plan over the months, quarters or ISO weeks of a
// [Period], each weighted by its working days less holidays, so that every
// amount is a whole number of steps, its quota rounded down or up, and
// both sums are exact: a party's periods add up to its amount in the plan,
// and a period's parties to its budget.
//
// [Plan.Blocks] places a plan in a calendar's working hours, week by week:
// each party's [Block]s in a week last exactly its hours in the plan
// spread by week, prospecting first each day, then the key customers,
// then the other customers, so that a program can write them to any
// calendar.
//
// # Plan against actual
//
// [NewReview] sets an activity log against a plan to date: the plan's
// amounts times the share of the period's working days, Monday to Friday,
// that have passed, in whole steps that add up exactly to the budget to
// date. Time is exact, as [time.Duration]; a name in the log that is no
// customer counts as prospecting, and is listed, with the customer it
// nearly matches where only case or accents differ. [Team.Reviews] reviews
// a team.
//
// # Errors
//
// Bad input gives an error that names what was wrong and where, and wraps
// one of the sentinels [ErrInvalidCustomer], [ErrDuplicateCustomer],
// [ErrInvalidRevenue], [ErrInvalidShare], [ErrInvalidRule],
// [ErrInvalidSelector], [ErrInvalidBudget], [ErrInvalidCSV],
// [ErrInvalidActivity], [ErrInvalidEncoding], [ErrAmbiguousNumber],
// [ErrBlankCell], [ErrAmbiguousName] and [ErrInvalidOption]; test with
// [errors.Is]. The readers report every bad row, up to 20, each as a
// [*RowError] that names its line, column and customer. Numbers must stay
// within [MaxPlaces] decimal places and [MaxIntegerDigits] integer digits,
// and a budget within [MaxSteps] steps: bounds far beyond real sales data
// that keep every call fast. Nothing panics on any input.
//
// # Concurrency
//
// [Rule], [Portfolio], [Allocation], [Plan] and [Review] are values. A Portfolio never
// changes once made and is safe for concurrent use; so are the others, as
// long as no one writes their exported fields.
//
// No call's result depends on another call, and every function is safe to
// call from many goroutines at once. The variables [ExistingCustomers] and
// [NewCustomers] are read by no function of the package: assigning to them
// changes nothing. Amounts that two plans share, such as 14.25 hours, may
// be the same decimal value; a decimal never changes, so that is safe.
package salestime
