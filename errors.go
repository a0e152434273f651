package salestime

import "errors"

// Errors returned by salestime. Each error that a function returns for bad
// input wraps one of them, with context that names the customer, rule,
// selector, row or value at fault; test for them with [errors.Is]. An error
// of an [io.Reader] or [io.Writer] that a function is given is returned
// wrapped as it is, so that errors.Is finds it too.
var (
	// ErrInvalidCustomer means a customer or a salesperson has a blank name,
	// or one that is not a name, such as one with a control character; or
	// that JSON read as a [Portfolio] is not an array of customers.
	ErrInvalidCustomer = errors.New("salestime: invalid customer")

	// ErrDuplicateCustomer means two customers of a portfolio have the same name.
	ErrDuplicateCustomer = errors.New("salestime: duplicate customer")

	// ErrInvalidRevenue means a revenue is negative or outside the bounds
	// [MaxPlaces] and [MaxIntegerDigits].
	ErrInvalidRevenue = errors.New("salestime: invalid revenue")

	// ErrInvalidShare means a share is outside [0, 1] or has more than
	// [MaxPlaces] decimal places.
	ErrInvalidShare = errors.New("salestime: invalid share")

	// ErrInvalidRule means a rule has a blank name or a factor outside (0, 1].
	ErrInvalidRule = errors.New("salestime: invalid rule")

	// ErrInvalidSelector means a selector was given an argument out of range,
	// was nil, or returned marks that do not fit the portfolio.
	ErrInvalidSelector = errors.New("salestime: invalid selector")

	// ErrInvalidCSV means tabular input, CSV or the rows of a sheet, is
	// malformed or lacks the columns a reader needs.
	ErrInvalidCSV = errors.New("salestime: invalid CSV")

	// ErrInvalidActivity means an activity has a duration that is not one,
	// is negative or is out of bounds, or a date that is not a date of the
	// calendar or is written in an order the reader was not told.
	ErrInvalidActivity = errors.New("salestime: invalid activity")

	// ErrInvalidEncoding means text input is not UTF-8, or not UTF-16
	// where a byte-order mark says it is.
	ErrInvalidEncoding = errors.New("salestime: invalid encoding")

	// ErrAmbiguousNumber means the values of a column of numbers fit two
	// number formats that read them differently, as 126.500 reads as
	// 126500 or 126.5, so that the format must be given.
	ErrAmbiguousNumber = errors.New("salestime: ambiguous number")

	// ErrBlankCell means a cell of a table is blank where other rows have
	// a value, as a report grouped by owner writes the owner on each
	// group's first row only.
	ErrBlankCell = errors.New("salestime: blank cell")

	// ErrAmbiguousName means two names differ only in case, accents or
	// white space, as "Alex Rivera" and "alex  rivera" do, so that they may
	// be one salesperson or customer written two ways.
	ErrAmbiguousName = errors.New("salestime: ambiguous name")

	// ErrInvalidOption means an option is not one the function knows, such
	// as an unknown field or number format, or a period that cannot hold a
	// plan: one that ends before it starts, or has too many days to spread
	// a plan over.
	ErrInvalidOption = errors.New("salestime: invalid option")

	// ErrInvalidBudget means a budget or step is out of range, or the budget
	// is not a whole number of steps.
	ErrInvalidBudget = errors.New("salestime: invalid budget")
)
