package salestime

import "errors"

// Errors returned by salestime. Each returned error wraps one of them, with
// context that names the customer, rule, selector or value at fault; test for
// them with [errors.Is].
var (
	// ErrInvalidCustomer means a customer has a blank name.
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

	// ErrInvalidCSV means CSV input is malformed or lacks the columns
	// [ReadCSV] needs.
	ErrInvalidCSV = errors.New("salestime: invalid CSV")

	// ErrInvalidBudget means a budget or step is out of range, or the budget
	// is not a whole number of steps.
	ErrInvalidBudget = errors.New("salestime: invalid budget")
)
