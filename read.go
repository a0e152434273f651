package salestime

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"iter"
	"math"
	"slices"
	"strings"

	"github.com/salestime/salestime/internal/exact"
	"github.com/shopspring/decimal"
)

// Accounts are the customers read from a table, checked, with what the
// reader found out about the table. Their portfolios, one per owner, are
// made as [Accounts.Groups] yields them, so that a program that plans one
// salesperson at a time holds one portfolio at a time. The zero Accounts
// have no groups. Accounts are safe for concurrent use.
type Accounts struct {
	// Owners reports whether the table has an owner column.
	Owners bool

	// Currency is the currency of the revenues, as an ISO 4217 code such
	// as "EUR", or as the sign the table writes where it names several
	// currencies, such as "$"; empty if the table names none, or if
	// owners' revenues are in currencies of their own (see [Group]).
	Currency string

	// Numbers is the number format of the revenues, as [ReadOptions] names
	// formats: the one asked for, or the plainest one that the values fit;
	// empty if they fit formats with both decimal marks, as whole numbers
	// do.
	Numbers string

	// Comma is the delimiter of CSV input, and 0 for other rows.
	Comma rune

	store *accountStore // nil in the zero Accounts
}

// Groups returns an iterator over the groups: one per owner, in byte order
// of the owners, if the table has an owner column; otherwise one group with
// an empty name that holds every customer. Each group's portfolio is made
// as the iterator reaches it, from customers the reader has checked.
//
// An iterator runs once: it lets go of the rows it has read from as it
// goes, so that a long table need not be held twice. Call Groups again for
// another loop.
func (a Accounts) Groups() iter.Seq[Group] {
	return func(yield func(Group) bool) {
		st := a.store
		a.store = nil
		if st == nil {
			return
		}
		for i := range st.groups {
			name, currency, rows := st.groups[i].name, st.groups[i].currency, st.rowsOf(i)
			if i == len(st.groups)-1 {
				st = nil // the last: the rows may go before its portfolio is made
			}
			if !yield(Group{Name: name, Currency: currency, Portfolio: rows.portfolio()}) {
				return
			}
		}
	}
}

// names returns the names of the groups of a, in the order of Groups,
// without making their portfolios.
func (a Accounts) names() []string {
	if a.store == nil {
		return nil
	}
	names := make([]string, len(a.store.groups))
	for i, g := range a.store.groups {
		names[i] = g.name
	}
	return names
}

// A Group is the customers of one salesperson, the owner of their
// accounts, and, once a [Team] plans them, their allocation and plan. The
// zero Group has an empty name and the empty portfolio.
type Group struct {
	// Name is the owner, without surrounding spaces; it may be empty.
	Name string `json:"owner"`

	// Currency is the currency of the group's revenues, as
	// [Accounts.Currency] names it; empty if its rows name none. Each
	// owner's revenues are in one currency, which may be another owner's.
	Currency string `json:"currency,omitempty"`

	// Portfolio holds the customers of the group.
	Portfolio Portfolio `json:"portfolio"`

	// Allocation and Plan are those of the portfolio, once a [Team] plans
	// it; zero otherwise.
	Allocation Allocation `json:"allocation"`
	Plan       Plan       `json:"plan"`

	// Review is the review of the plan, once a Team reviews it; nil
	// otherwise.
	Review *Review `json:"review,omitempty"`
}

// ReadAccounts reads accounts from rows of text, such as the rows of a
// sheet of a workbook, as [ReadOptions] says. The first row that is not
// blank is the header, unless it lacks a column the options require and
// one of the 19 rows below it has them all, as under the title and
// filters of a report: then that row is, and the rows above it are not
// read. Blank rows are skipped. Every cell is read without surrounding
// white space.
//
// ReadAccounts returns no accounts and an error if:
//   - an option is not one of those ReadOptions lists: [ErrInvalidOption];
//   - a header names a column twice, or a row has another number of cells
//     than the header: [ErrInvalidCSV];
//   - the table lacks a column it needs: [ErrInvalidCSV], in a
//     [*RowError] whose Missing names the fields;
//   - a name or an owner is blank or not a name [NewPortfolio] takes, or
//     new or key is not one of the values ReadOptions lists:
//     [ErrInvalidCustomer];
//   - the names of customers and owners add up to about 4 GB, the most
//     the reader holds: [ErrInvalidCustomer], on the first row whose name
//     does not fit;
//   - an owner is blank where other rows have one: [ErrBlankCell];
//   - two owners, or with Sum two names of one owner, differ only in
//     case, accents or white space within them: [ErrAmbiguousName];
//   - a row is a report's row of totals, named as one ("Total", "Grand
//     Total", "Gesamtergebnis", "Acme Total") with a revenue above zero
//     that is exactly the sum of the other rows of its owner or of the
//     table, or of the rows of the customer it names: [ErrInvalidCustomer];
//   - a revenue is not a number in the format, is negative (with Sum: a
//     customer's sum is), or is outside the bounds [MaxPlaces] and
//     [MaxIntegerDigits], or the rows of one owner name two currencies:
//     [ErrInvalidRevenue];
//   - the number format cannot be decided: [ErrAmbiguousNumber];
//   - without Sum, two rows of one owner have the same name:
//     [ErrDuplicateCustomer];
//   - reading the rows fails: that error.
//
// Every bad row is reported as a [*RowError], up to 20 of them in the
// order of the table, joined with [errors.Join], and then a line that says
// how many more there are. Rows of totals are looked for once every other
// row is good, as their sums need every revenue: they are reported alone.
func ReadAccounts(rows RowReader, opts ReadOptions) (Accounts, error) {
	s, err := opts.accountSpec()
	if err != nil {
		return Accounts{}, err
	}
	return readAccounts(rows, opts, s)
}

// An accountStore holds the rows of an accounts table, checked, compactly,
// until their portfolios are made.
type accountStore struct {
	rows   chunks[storedRow]
	text   arena                   // the names of the rows, and the owners
	big    map[int]decimal.Decimal // revenues of more than 18 digits, by row
	groups []storedGroup           // in byte order of their names
	order  []int32                 // the rows, group by group, each group in table order
	sum    bool
	merged map[int]int // with sum, each row whose name an earlier row of its group has: that row
}

// A storedRow is a row of an accounts table: its revenue is coef x 10^exp,
// or in big where it has more than 18 digits. It holds no pointer, its
// name is in the store's arena, so that the collector need not look
// through a million rows, and is 24 bytes (salestime -format csv on a
// million rows of 500 owners: 5% faster, and a fifth less memory at its
// peak, than with the name a string).
type storedRow struct {
	coef     int64
	name     textRef
	line     int32
	group    int32
	pointExp int8       // the exponent with a decimal point
	commaExp int8       // the exponent with a decimal comma
	marks    exact.Mark // the customer's: new, key, b
	flags    uint8
}

// The flags of a storedRow.
const (
	rowBig      = 1 << iota // the revenue is in accountStore.big
	rowPoint                // the revenue fits a format with a decimal point
	rowComma                // the revenue fits a format with a decimal comma
	rowNoExp                // an exponent is out of the range of int8: it reads as more than MaxPlaces places
	rowDisagree             // the revenue reads differently with a decimal point and with a decimal comma
)

// A storedGroup is the rows of one owner: order[start:end].
type storedGroup struct {
	name       string
	currency   string
	start, end int32
}

// readAccounts is ReadAccounts, with the columns s says, which may read a
// field from no column: one with an empty header.
func readAccounts(rows RowReader, opts ReadOptions, s tableSpec) (Accounts, error) {
	t := newTable(rows, opts, &s)
	h, err := t.header(&s)
	if err != nil {
		return Accounts{}, err
	}
	r := accountReader{t: t, h: &h, allowed: s.formats, set: s.formats, owners: ownerIndex{hashes: map[uint64]int32{}, seed: maphash.MakeSeed()},
		store: &accountStore{sum: opts.Sum}, fill: s.fill}
	name := func(cells []string) string {
		if h.at[fieldName] < len(cells) {
			return cells[h.at[fieldName]]
		}
		return ""
	}
	if err := t.each(&h, name, r.add); err != nil {
		return Accounts{}, err
	}
	acc := Accounts{Owners: h.at[fieldOwner] >= 0, Numbers: r.set.plainest(), store: r.store}
	acc.Currency = r.finish()
	if err := t.err(); err != nil {
		return Accounts{}, err
	}
	if c, ok := rows.(*csvRows); ok {
		acc.Comma = c.comma
	}
	return acc, nil
}

// An accountReader reads the rows of an accounts table into its store.
type accountReader struct {
	t      *table
	h      *header
	store  *accountStore
	owners ownerIndex        // group of each owner
	groups chunks[groupInfo] // each group, as its owner is first met: chunks, as a million owners are a million groups

	fill      []bool      // by field: blank cells take the value above
	lastName  textRef     // with fill: the name of the row above
	lastOwner string      // and its owner
	ownerLine int32       // the first row with an owner
	ownerless []ownerless // the rows without an owner

	allowed   formatSet // the number formats asked for
	set       formatSet // the number formats every revenue so far fits
	decidedBy int32     // the line of the revenue that last narrowed set
	decider   string    // and its text
	conflict  bool      // a revenue fits none of set: the column has no one format

	ambiguous string // the first revenue that reads two ways, as written
}

// An ownerIndex finds the group of an owner by a hash of the owner's name:
// a map of a million strings spends most of its growing rehashing them,
// reading each name again (salestime -format csv on a million owners: 9%
// faster than with map[string]int32).
type ownerIndex struct {
	hashes  map[uint64]int32 // the group of each hash's first owner
	clashes map[string]int32 // the groups of later owners with a hash taken, nil until one is
	seed    maphash.Seed
}

// find returns the group of owner among groups, and whether it has one,
// and the hash of owner, for add.
func (x *ownerIndex) find(owner string, groups *chunks[groupInfo]) (int32, bool, uint64) {
	h := ownerHash(x.seed, owner)
	g, ok := x.hashes[h]
	if !ok || groups.at(int(g)).owner == owner {
		return g, ok, h
	}
	g, ok = x.clashes[owner]
	return g, ok, h
}

// add records g as the group of owner, which has none, given its hash.
func (x *ownerIndex) add(h uint64, owner string, g int32) {
	if _, taken := x.hashes[h]; !taken {
		x.hashes[h] = g
		return
	}
	if x.clashes == nil {
		x.clashes = map[string]int32{}
	}
	x.clashes[owner] = g
}

// ownerHash is the hash of ownerIndex; tests make it clash.
var ownerHash = maphash.String

// A groupInfo is what the reader knows of a group of rows while it reads:
// its owner, its first line, and its currency and where it was named. It
// is 48 bytes, as a million owners are a million of them.
type groupInfo struct {
	owner     string
	currency  string // "" for none yet
	first     int32  // the line of its first row
	line, col int32  // where the currency was named
	conflict  bool   // two currencies were found, and said so
}

// A blank is a row without an owner.
type ownerless struct {
	line int32
	name string
}

// add reads the row of cells at line, one cell per column of the header,
// into the store, or records why it is bad.
func (r *accountReader) add(cells []string, line int) {
	t, h := r.t, r.h
	name := cells[h.at[fieldName]]
	filled := false
	if r.fill[fieldName] && name == "" && r.lastName != 0 {
		name, filled = r.store.name(r.lastName), true
	}
	if err := checkName(name); err != nil {
		t.fail(t.rowError(line, h.at[fieldName]+1, h.cells, "", ErrInvalidCustomer, "%v", err))
		return
	}
	row := storedRow{name: r.lastName, line: int32(line)}
	if !filled {
		ref, ok := r.store.text.ref(name)
		if !ok {
			t.fail(t.rowError(line, h.at[fieldName]+1, h.cells, "", ErrInvalidCustomer,
				"the names of the table add up to more than the %d MB the reader holds", maxArenaBlocks*arenaBlock>>20))
			return
		}
		row.name, r.lastName = ref, ref
	}
	ok := r.owner(&row, cells)
	for _, f := range [...]struct {
		field int
		mark  exact.Mark
	}{{fieldNew, exact.MarkNew}, {fieldKey, exact.MarkKey}, {fieldB, exact.MarkB}} {
		if h.at[f.field] < 0 {
			continue
		}
		v, good := parseBool(cells[h.at[f.field]])
		if !good {
			t.fail(t.rowError(line, h.at[f.field]+1, h.cells, name, ErrInvalidCustomer,
				"%s %s is not true, false, yes, no, 1, 0, x or Excel's TRUE or FALSE", accountFields[f.field], quoteText(cells[h.at[f.field]])))
			ok = false
		}
		if v {
			row.marks |= f.mark
		}
	}
	if at := h.at[fieldCurrency]; at >= 0 {
		cur, good := readCurrency(cells[at])
		if !good {
			t.fail(t.rowError(line, at+1, h.cells, name, ErrInvalidRevenue,
				"currency %s is not an ISO 4217 code or a currency sign", quoteText(cells[at])))
			ok = false
		}
		r.checkCurrency(row, cur, at+1)
	}
	if !r.revenue(&row, cells[h.at[fieldRevenue]]) || !ok {
		return
	}
	r.store.rows.add(row)
}

// owner sets the group of row, of its owner in cells, and reports whether
// the owner is good: blank without an owner column, or a name.
func (r *accountReader) owner(row *storedRow, cells []string) bool {
	at := r.h.at[fieldOwner]
	owner := ""
	if at >= 0 {
		owner = cells[at]
		if r.fill[fieldOwner] && owner == "" {
			owner = r.lastOwner
		}
	}
	g, seen, h := r.owners.find(owner, &r.groups)
	if !seen {
		g = int32(r.groups.len())
		owner = r.store.text.clone(owner)
		r.owners.add(h, owner, g)
		r.groups.add(groupInfo{owner: owner, first: row.line})
	}
	row.group = g
	owner = r.groups.at(int(g)).owner
	switch {
	case at < 0:
	case owner == "":
		r.ownerless = append(r.ownerless, ownerless{row.line, r.store.name(row.name)})
	case !seen:
		if err := checkName(owner); err != nil {
			r.t.fail(r.t.rowError(int(row.line), at+1, r.h.cells, r.store.name(row.name), ErrInvalidCustomer, "owner %s: %v", quoteText(owner), err))
			return false
		}
		fallthrough
	default:
		r.lastOwner = owner
		if r.ownerLine == 0 {
			r.ownerLine = row.line
		}
	}
	return true
}

// revenue reads the revenue text of row, and reports whether it is good.
func (r *accountReader) revenue(row *storedRow, text string) bool {
	t, h := r.t, r.h
	col := h.at[fieldRevenue] + 1
	fail := func(kind error, format string, args ...any) bool {
		t.fail(t.rowError(int(row.line), col, h.cells, r.store.name(row.name), kind, format, args...))
		return false
	}
	a := readAmount(text)
	switch {
	case a.text == "":
		return fail(ErrInvalidRevenue, "the revenue is blank")
	case a.fits == 0 && (a.text == "-" || a.text == "–"):
		return fail(ErrInvalidRevenue, "revenue %s is a dash, which a spreadsheet's accounting format writes for zero, "+
			"and others for none: write 0 where the revenue is zero", quoteText(a.text))
	case a.fits == 0 && scientific(a.text):
		return fail(ErrInvalidRevenue, "revenue %s is in scientific notation, which a spreadsheet writes, rounded, "+
			"for a number too wide for its column: give the column a number format and export it again", quoteText(a.text))
	case a.fits == 0:
		return fail(ErrInvalidRevenue, "revenue %s is not a number", quoteText(a.text))
	case a.fits&r.allowed == 0:
		return fail(ErrInvalidRevenue, "revenue %s is not a number in the format %s", quoteText(a.text), r.allowed.plainest())
	case a.neg && !a.isZero() && !r.store.sum:
		return fail(ErrInvalidRevenue, "revenue %s is negative", quoteText(a.text))
	case r.conflict:
		return false // the column was refused already
	case a.fits&r.set == 0:
		r.conflict = true
		return fail(ErrInvalidRevenue, "revenue %s does not fit the number format that line %d, %s, shows (%s)",
			quoteText(a.text), r.decidedBy, quoteText(r.decider), r.set.names())
	case a.fits&r.set != r.set:
		r.set &= a.fits
		r.decidedBy, r.decider = row.line, a.text
	}
	r.checkCurrency(*row, a.currency, col)
	defer func() {
		if row.flags&rowDisagree != 0 && r.ambiguous == "" {
			r.ambiguous = a.text
		}
	}()
	fits := a.fits & r.allowed
	if fits&pointFormats != 0 {
		row.flags |= rowPoint
	}
	if fits&^pointFormats != 0 {
		row.flags |= rowComma
	}
	coef, pointExp, commaExp, small := a.readings()
	if small {
		row.coef = coef
		if pointExp < -127 || commaExp < -127 {
			row.flags |= rowNoExp
		} else {
			row.pointExp, row.commaExp = int8(pointExp), int8(commaExp)
		}
		if row.flags&(rowPoint|rowComma) == rowPoint|rowComma && pointExp != commaExp {
			row.flags |= rowDisagree
		}
		return true
	}
	// More than 18 digits: such a number reads one way only.
	point := byte('.')
	if fits&pointFormats == 0 {
		point = ','
	}
	v, err := a.value(point)
	if err == nil {
		err = checkPlaces(v)
	}
	if err != nil {
		return fail(ErrInvalidRevenue, "revenue %v", err)
	}
	if r.store.big == nil {
		r.store.big = map[int]decimal.Decimal{}
	}
	r.store.big[r.store.rows.len()] = v
	row.flags |= rowBig
	return true
}

// checkCurrency checks the currency code of row, read in column col,
// against the currency of the rows of its owner before it.
func (r *accountReader) checkCurrency(row storedRow, code string, col int) {
	c := r.groups.at(int(row.group))
	if code == "" || c.conflict {
		return
	}
	same, ok := sameCurrency(c.currency, code)
	if !ok {
		whose := ""
		if r.h.at[fieldOwner] >= 0 {
			whose = " of one owner"
		}
		r.t.fail(r.t.rowError(int(row.line), col, r.h.cells, r.store.name(row.name), ErrInvalidRevenue,
			"the currency is %s, and on line %d, column %d, %s: revenues%s in two currencies do not add up",
			code, c.line, c.col, c.currency, whose))
		c.conflict = true
		return
	}
	if same != c.currency {
		c.currency, c.line, c.col = same, row.line, int32(col)
	}
}

// ownerErrors records the rows without an owner where others have one,
// and the owners whose names differ only in case, accents or spaces. It
// returns the rows without an owner named as rows of totals, such as a
// report's grand total: they are judged once the totals are found.
func (r *accountReader) ownerErrors() (totals []ownerless) {
	t, h := r.t, r.h
	col := h.at[fieldOwner] + 1
	if r.ownerLine > 0 {
		for _, b := range r.ownerless {
			if _, ok := totalName(b.name); ok {
				totals = append(totals, b)
				continue
			}
			r.blankOwner(b)
		}
	}
	r.ownerless = nil
	if col == 0 {
		return
	}
	// An owner whose name is its own key, as an e-mail address or a user
	// name in lower case is, differs from every other such owner in more
	// than case, accents or spaces: it can only clash with an owner whose
	// name is not its key. So the map holds the keys of those others, and
	// is made with the first of them; the rest are looked up in it (a
	// million owners named in lower case: no map at all, salestime -format
	// csv on them 12% faster).
	//
	// The map has the first group of each key, and byKey the keys of more
	// than one: a million owners are a million keys, and few of them are
	// spelled twice.
	var first map[string]int32
	var byKey map[string][]int32
	add := func(k string, g int32) {
		if first == nil {
			first = make(map[string]int32, r.groups.len())
		}
		f, seen := first[k]
		switch {
		case !seen:
			first[k] = g
		case byKey[k] == nil:
			if byKey == nil {
				byKey = map[string][]int32{}
			}
			byKey[k] = []int32{f, g}
		default:
			byKey[k] = append(byKey[k], g)
		}
	}
	own := make([]bool, r.groups.len()) // the groups whose owner is named by its key
	for g := range r.groups.len() {
		if name := r.groups.at(g).owner; name != "" {
			k := nameKey(name)
			own[g] = k == name
			if !own[g] {
				add(k, int32(g))
			}
		}
	}
	for g := range r.groups.len() {
		if first == nil {
			break
		}
		if name := r.groups.at(g).owner; own[g] {
			if _, clash := first[name]; clash {
				add(name, int32(g))
			}
		}
	}
	for _, groups := range byKey {
		firstLine := func(g int32) int32 { return r.groups.at(int(g)).first }
		slices.SortFunc(groups, func(a, b int32) int { return cmp.Compare(firstLine(a), firstLine(b)) })
		spellings := make([]string, len(groups))
		for i, g := range groups {
			spellings[i] = fmt.Sprintf("%s on line %d", quoteText(r.groups.at(int(g)).owner), firstLine(g))
		}
		t.fail(t.rowError(int(firstLine(groups[1])), col, h.cells, "", ErrAmbiguousName,
			"the owners %s differ only in case, accents or spaces: write each salesperson's name one way",
			strings.Join(spellings, ", ")))
	}
	return totals
}

// blankOwner records the row b, whose owner is blank where others have one.
func (r *accountReader) blankOwner(b ownerless) {
	r.t.fail(r.t.rowError(int(b.line), r.h.at[fieldOwner]+1, r.h.cells, b.name, ErrBlankCell,
		"the owner is blank, and line %d has one: a report grouped by owner writes the owner on each group's first row only; "+
			"fill the column down, or write the owner on every row", r.ownerLine))
}

// finish decides the number format, checks every revenue in it, groups the
// rows by owner, and finds the names that repeat within a group. It
// returns the currency of the whole table, "" where owners' differ.
func (r *accountReader) finish() string {
	t, st := r.t, r.store
	r.owners = ownerIndex{} // read: the collector may take it before the groups are made
	blankTotals := r.ownerErrors()
	comma := r.set&pointFormats == 0
	if r.set&pointFormats != 0 && r.set&^pointFormats != 0 {
		// Both decimal marks are left: a revenue that reads differently
		// with each cannot be read.
		for i := range st.rows.len() {
			row := st.rows.at(i)
			if row.flags&rowDisagree != 0 {
				a := decimal.New(row.coef, int32(row.commaExp))
				b := decimal.New(row.coef, int32(row.pointExp))
				t.fail(t.rowError(int(row.line), r.h.at[fieldRevenue]+1, r.h.cells, st.name(row.name), ErrAmbiguousNumber,
					"revenue %s is %s with a decimal comma and %s with a decimal point, "+
						"and no value of the column tells which: the number format must be given",
					quoteText(r.ambiguous), formatDecimal(a), formatDecimal(b)))
				break
			}
		}
	}
	var totals []totalRow
	for i := range st.rows.len() {
		row := st.rows.at(i)
		if comma {
			row.pointExp = row.commaExp // the one reading, from here on
		}
		if row.flags&rowNoExp != 0 || row.flags&rowBig == 0 && -int(row.pointExp) > MaxPlaces {
			t.fail(t.rowError(int(row.line), r.h.at[fieldRevenue]+1, r.h.cells, st.name(row.name), ErrInvalidRevenue,
				"revenue has more than the %d decimal places allowed", MaxPlaces))
		}
		if of, ok := totalName(st.name(row.name)); ok {
			totals = append(totals, totalRow{row: i, of: of})
		}
	}
	if r.groups.len() == 0 && r.h.at[fieldOwner] < 0 {
		r.groups.add(groupInfo{}) // no rows: one group, empty
	}
	table, one := "", true
	for g := range r.groups.len() {
		if c := r.groups.at(g).currency; c != "" {
			table, one = sameCurrencies(table, c, one)
		}
	}
	if !one {
		table = ""
	}
	st.groups, st.order = groupRows(&st.rows, &r.groups)
	st.findRepeats(t, r.h.at[fieldRevenue]+1, r.h.cells)
	if st.sum {
		st.findSpellings(t, r.h.at[fieldName]+1, r.h.cells)
	}
	if len(t.errs) == 0 { // sums of revenues that were read
		found := st.findTotals(t, r.h.at[fieldName]+1, r.h.cells, totals)
		isTotal := map[int32]bool{} // by line
		for k, c := range totals {
			isTotal[st.rows.at(c.row).line] = found[k]
		}
		for _, b := range blankTotals {
			if !isTotal[b.line] {
				r.blankOwner(b) // named as a total, and not one
			}
		}
	}
	return table
}

// sameCurrencies returns the currency of a table whose groups so far have
// currency a, and one more group currency b, and reports whether they
// still share one.
func sameCurrencies(a, b string, one bool) (string, bool) {
	same, ok := sameCurrency(a, b)
	return same, one && ok
}

// findSpellings records, with sum, the names within a group that differ
// only in case, accents or spaces, given the name column, counted from 1,
// among headers: their rows would not add up.
func (st *accountStore) findSpellings(t *table, nameCol int, headers []string) {
	firsts := map[string]int32{} // the first row of each key in the group
	for _, g := range st.groups {
		clear(firsts)
		for _, ri := range st.order[g.start:g.end] {
			if _, later := st.merged[int(ri)]; later {
				continue // the same name as a row before it
			}
			row := st.rows.at(int(ri))
			k := nameKey(st.name(row.name))
			f, seen := firsts[k]
			if !seen {
				firsts[k] = ri
				continue
			}
			first := st.rows.at(int(f))
			t.fail(t.rowError(int(row.line), nameCol, headers, st.name(row.name), ErrAmbiguousName,
				"the name differs from %s on line %d only in case, accents or spaces, so that their rows would not add up: write each customer's name one way",
				quoteText(st.name(first.name)), first.line))
		}
	}
}

// groupRows returns the groups of rows, one per group the reader met, in
// byte order of their owners, and the rows in the order of the groups,
// each group in table order.
func groupRows(rows *chunks[storedRow], info *chunks[groupInfo]) ([]storedGroup, []int32) {
	n := info.len()
	counts := make([]int32, n)
	for i := range rows.len() {
		counts[rows.at(i).group]++
	}
	type named struct {
		owner string
		group int32
	}
	byName := make([]named, n)
	for g := range byName {
		byName[g] = named{info.at(g).owner, int32(g)}
	}
	slices.SortFunc(byName, func(a, b named) int { return strings.Compare(a.owner, b.owner) })
	groups := make([]storedGroup, n)
	next := make([]int32, n) // where the next row of each group goes
	pos := int32(0)
	for k, b := range byName {
		g := b.group
		in := info.at(int(g))
		groups[k] = storedGroup{name: in.owner, currency: in.currency, start: pos, end: pos + counts[g]}
		next[g] = pos
		pos += counts[g]
	}
	order := make([]int32, rows.len())
	for i := range rows.len() {
		g := rows.at(i).group
		order[next[g]] = int32(i)
		next[g]++
	}
	return groups, order
}

// findRepeats finds the rows whose name an earlier row of their group has:
// with sum it records them to be added up, and checks each customer's sum
// against the bounds and zero, given the revenue column, counted from 1,
// among headers; without, it records each as a duplicate.
func (st *accountStore) findRepeats(t *table, revenueCol int, headers []string) {
	sums := map[int]decimal.Decimal{} // with sum: the revenue of each first row, added up
	lastLine := map[int]int32{}
	for _, g := range st.groups {
		rows := st.order[g.start:g.end]
		exact.RepeatedNames(len(rows), func(i int) string { return st.name(st.rows.at(int(rows[i])).name) }, func(later, first int) {
			l, f := int(rows[later]), int(rows[first])
			row := st.rows.at(l)
			if !st.sum {
				t.fail(t.rowError(int(row.line), 0, nil, st.name(row.name), ErrDuplicateCustomer,
					"the name is also on line %d", st.rows.at(f).line))
				return
			}
			if st.merged == nil {
				st.merged = map[int]int{}
			}
			st.merged[l] = f
			s, ok := sums[f]
			if !ok {
				s = st.revenue(f)
			}
			sums[f] = s.Add(st.revenue(l))
			lastLine[f] = max(lastLine[f], row.line)
		})
	}
	for f, s := range sums {
		if err := checkPlaces(s); err != nil {
			t.fail(t.rowError(int(lastLine[f]), 0, nil, st.name(st.rows.at(f).name), ErrInvalidRevenue,
				"the revenues up to this row add up to more than the bounds allow: %v", err))
		} else if s.Sign() < 0 {
			t.fail(t.rowError(int(lastLine[f]), 0, nil, st.name(st.rows.at(f).name), ErrInvalidRevenue,
				"the customer's rows, the last of them this one, add up to %s, below zero", formatDecimal(s)))
		}
	}
	if !st.sum {
		return
	}
	// With sum, a row may be negative, as a credit note is, where it is
	// added to others; a customer of one row below zero is refused.
	for i := range st.rows.len() {
		_, later := st.merged[i]
		if _, first := sums[i]; !later && !first && st.negative(i) {
			row := st.rows.at(i)
			t.fail(t.rowError(int(row.line), revenueCol, headers, st.name(row.name), ErrInvalidRevenue,
				"revenue %s is negative", formatDecimal(st.revenue(i))))
		}
	}
}

// negative reports whether the revenue of the i-th row is below zero,
// without making it.
func (st *accountStore) negative(i int) bool {
	if row := st.rows.at(i); row.flags&rowBig == 0 {
		return row.coef < 0
	}
	return st.big[i].Sign() < 0
}

// revenue returns the revenue of the i-th row.
func (st *accountStore) revenue(i int) decimal.Decimal {
	row := st.rows.at(i)
	if row.flags&rowBig != 0 {
		return st.big[i]
	}
	return decimal.New(row.coef, int32(row.pointExp))
}

// A groupData holds the customers of one group, made from its rows, in
// table order and field by field, for the engine to make a portfolio of.
type groupData struct {
	names []string
	marks []exact.Mark
	coefs []uint64
	exps  []int8
	long  map[int]decimal.Decimal // the revenues that coefs and exps cannot hold, by customer
}

// rowsOf returns the customers of the i-th group: one per name, the
// revenues of rows with the same name added up where sum allows them.
func (st *accountStore) rowsOf(i int) groupData {
	g := st.groups[i]
	rows := st.order[g.start:g.end]
	n := len(rows) // the customers, or more where rows add up
	c := groupData{names: make([]string, 0, n), marks: make([]exact.Mark, 0, n), coefs: make([]uint64, 0, n), exps: make([]int8, 0, n)}
	var at map[int]int // with rows to add up: the customer of each first row
	var sums map[int]decimal.Decimal
	for _, ri := range rows {
		row := st.rows.at(int(ri))
		if first, ok := st.merged[int(ri)]; ok {
			k := at[first]
			c.marks[k] |= row.marks
			s, ok := sums[k]
			if !ok {
				s = st.revenue(first)
			}
			sums[k] = s.Add(st.revenue(int(ri)))
			continue
		}
		if st.merged != nil {
			if at == nil {
				at, sums = map[int]int{}, map[int]decimal.Decimal{}
			}
			at[int(ri)] = len(c.names)
		}
		if row.flags&rowBig != 0 {
			if c.long == nil {
				c.long = map[int]decimal.Decimal{}
			}
			c.long[len(c.names)] = st.big[int(ri)]
		}
		c.names = append(c.names, st.name(row.name))
		c.marks = append(c.marks, row.marks)
		c.coefs = append(c.coefs, uint64(row.coef))
		c.exps = append(c.exps, row.pointExp)
	}
	for k, s := range sums {
		if s.NumDigits() > 18 || s.Exponent() < math.MinInt8 || s.Exponent() > math.MaxInt8 {
			if c.long == nil {
				c.long = map[int]decimal.Decimal{}
			}
			c.long[k] = s
			continue
		}
		c.coefs[k], c.exps[k] = uint64(s.CoefficientInt64()), int8(s.Exponent())
		delete(c.long, k) // a long first row may add up to a short sum
	}
	return c
}

// portfolio returns the portfolio of c, customers a reader has checked: on
// the engine's fast path, which makes no decimal, where the revenues fit
// it.
func (c groupData) portfolio() Portfolio {
	if len(c.names) == 0 {
		return Portfolio{}
	}
	if c.long == nil {
		d := &portfolioData{names: make([]string, len(c.names)), marks: make([]exact.Mark, len(c.names))}
		r, total, ok := exact.FromUnits(c.coefs, c.exps, func(i int) string { return c.names[i] },
			func(pos, i int) { d.names[pos], d.marks[pos] = c.names[i], c.marks[i] })
		if ok {
			d.revenues, d.total = r, total
			return Portfolio{d}
		}
	}
	customers := make([]Customer, len(c.names))
	for k := range customers {
		revenue, ok := c.long[k]
		if !ok {
			revenue = decimal.New(int64(c.coefs[k]), int32(c.exps[k]))
		}
		setCustomer(&customers[k], c.names[k], revenue, c.marks[k])
	}
	p, err := NewPortfolio(customers...)
	if err != nil {
		panic("salestime: the reader let through a customer NewPortfolio refuses: " + err.Error())
	}
	return p
}

// An arena copies short strings into shared blocks: a name read from a
// line then holds its own bytes, not the whole line, and a million names
// are a few hundred allocations. Each string referred to is stored after
// its length in two bytes, so that a reference need not hold it (a NUL at
// its end instead costs a search for it on every read: BenchmarkReadCSV
// of a million rows, 5%).
type arena struct {
	full  []string // the blocks before block
	block strings.Builder
}

// arenaBlock is the size of an arena's blocks; strings longer than an
// eighth of it get their own.
const arenaBlock = 64 << 10

// maxArenaBlocks is the most blocks that references reach: 4 GB of names.
// A test lowers it.
var maxArenaBlocks = 1<<16 - 1

// clone returns a copy of s.
func (a *arena) clone(s string) string {
	if len(s) <= arenaBlock/8 {
		if r, ok := a.ref(s); ok {
			return a.at(r)
		}
	}
	return strings.Clone(s)
}

// room makes room for a string of n bytes and its length, and reports
// whether it is within the blocks that references reach.
func (a *arena) room(n int) bool {
	if a.block.Cap()-a.block.Len() >= n+2 && a.block.Cap() > 0 {
		return true
	}
	if len(a.full)+1 >= maxArenaBlocks {
		return false
	}
	if a.block.Cap() > 0 {
		a.full = append(a.full, a.block.String())
	}
	a.block = strings.Builder{}
	a.block.Grow(arenaBlock)
	return true
}

// A textRef is where a string of at most an eighth of a block is in an
// arena, after its length: its block, counted from 1, and its start; 0 for
// none.
type textRef uint32

// ref copies s, of at most arenaBlock/8 bytes, into the arena after its
// length, and returns where it is; false if the arena holds as many blocks
// as references reach.
func (a *arena) ref(s string) (textRef, bool) {
	if !a.room(len(s)) {
		return 0, false
	}
	start := a.block.Len()
	a.block.WriteByte(byte(len(s)))
	a.block.WriteByte(byte(len(s) >> 8))
	a.block.WriteString(s)
	return textRef(len(a.full)+1)<<16 | textRef(start), true
}

// at returns the string at r.
func (a *arena) at(r textRef) string {
	if r == 0 {
		return ""
	}
	block := a.block.String()
	if k := int(r>>16) - 1; k < len(a.full) {
		block = a.full[k]
	}
	s := block[r&0xffff:]
	return s[2 : 2+(int(s[0])|int(s[1])<<8)]
}

// name returns the name at r.
func (st *accountStore) name(r textRef) string {
	return st.text.at(r)
}

// chunks is a list that grows by chunks of a fixed size, so that it never
// copies what it holds.
type chunks[T any] struct {
	full [][]T
	last []T
}

const chunkSize = 4096

func (c *chunks[T]) add(v T) {
	if len(c.last) == cap(c.last) {
		if c.last != nil {
			c.full = append(c.full, c.last)
		}
		c.last = make([]T, 0, chunkSize)
	}
	c.last = append(c.last, v)
}

func (c *chunks[T]) len() int {
	return len(c.full)*chunkSize + len(c.last)
}

// at returns the i-th element, which the caller may change.
func (c *chunks[T]) at(i int) *T {
	if k := i / chunkSize; k < len(c.full) {
		return &c.full[k][i%chunkSize]
	}
	return &c.last[i%chunkSize]
}
