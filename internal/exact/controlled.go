package exact

import (
	"cmp"
	"errors"
	"math/bits"
	"slices"
)

// This file rounds a two-way table of quotas so that every row and every
// column keeps its total: the controlled rounding that a plan spread over
// the calendar needs.
// Such a rounding exists for every table with whole margins (Bacharach,
// "Matrix rounding problems", Management Science 12(9), 1966; Cox and
// Ernst, "Controlled rounding", INFOR 20(4), 1982, who find one as a flow
// in the network of the table's fractional cells). Here the rows are the
// parties of a plan, the columns its periods, and cell (i, j) has the
// quota rows[i] x cols[j] / m steps, m being the budget in steps.
//
// Of all the roundings, the one taken is the first in this order of the
// fractional cells: larger remainder first, then larger quota, then
// earlier row, then earlier column. Each cell in turn is rounded up if
// some rounding rounds it up together with every cell rounded up before
// it and rounds down every cell rounded down before it; otherwise it is
// rounded down. Whether such a rounding exists is a question of flow: the
// rounding in hand is changed along an alternating cycle of cells not yet
// decided, which exists exactly when the cell can be rounded up.
//
// The cycles are searched in a graph of the columns, whose edge from column
// a to column b says that some row has an undecided cell rounded up in a
// and an undecided fractional cell rounded down in b: moving that row's
// extra step from a to b keeps the row's total. A search takes time in
// the square of the number of columns, never in the number of rows.

// errNoRounding is the error of a table whose margins do not match; it
// does not happen for the tables of a plan.
var errNoRounding = errors.New("salestime: no controlled rounding of the schedule")

// The states of a cell of a table.
const (
	cellUp    = 1 << iota // rounded up
	cellFixed             // decided
	cellFrac              // its quota is not whole
)

// A roundingTable is a table being rounded: the floors and remainders of
// its cells, row by row, and what the search needs to know of them.
type roundingTable struct {
	n, k        int
	floor, rem  []uint64 // of the quota of each cell, the remainder over m
	state       []uint8
	rowFree     []int32 // undecided cells rounded up, by row
	pairs       []int32 // rows with an undecided up cell in a and an undecided fractional down cell in b, at a*k+b
	edges       []uint64
	words       int       // of a column's bitset in edges
	colRows     [][]int32 // the rows with an undecided up cell, by column
	colRowIndex []int32   // where each cell's row is in colRows, or -1

	// The scratch space of path and move, made once: a search runs for
	// nearly every cell.
	prev, queue, route, hops []int
	seen                     []uint64
}

// RoundTable returns the controlled rounding of the table of quotas
// rows[i] x cols[j] / m, row by row, in steps, where the rows and the
// columns each add up to m.
func RoundTable(rows, cols []uint64, m uint64) ([]uint64, error) {
	n, k := len(rows), len(cols)
	out := make([]uint64, n*k)
	if m == 0 || n == 0 || k == 0 {
		return out, nil
	}
	t := &roundingTable{n: n, k: k, floor: out, rem: make([]uint64, n*k), state: make([]uint8, n*k),
		rowFree: make([]int32, n), pairs: make([]int32, k*k),
		words: (k + 63) / 64, colRows: make([][]int32, k), colRowIndex: make([]int32, n*k)}
	t.edges = make([]uint64, k*t.words)
	t.prev, t.queue, t.route, t.hops, t.seen = make([]int, k), make([]int, 0, k), make([]int, 0, k), make([]int, 0, k), make([]uint64, t.words)
	rowNeed := make([]uint64, n)
	colNeed := slices.Clone(cols)
	for i, a := range rows {
		rowNeed[i] = a
		for j, b := range cols {
			hi, lo := bits.Mul64(a, b)
			c := i*k + j
			t.floor[c], t.rem[c] = bits.Div64(hi, lo, m) // hi < m: a, b <= m
			if t.rem[c] != 0 {
				t.state[c] = cellFrac
			}
			if rowNeed[i] < t.floor[c] || colNeed[j] < t.floor[c] {
				return nil, errNoRounding
			}
			rowNeed[i] -= t.floor[c]
			colNeed[j] -= t.floor[c]
		}
	}
	if err := t.start(rowNeed); err != nil {
		return nil, err
	}
	if err := t.balance(colNeed); err != nil {
		return nil, err
	}
	t.decide()
	for c, s := range t.state {
		if s&cellUp != 0 {
			out[c]++
		}
	}
	return out, nil
}

// before reports how cells c and d compare in the order of the rule:
// negative if c comes first.
func (t *roundingTable) before(c, d int) int {
	if r := cmp.Compare(t.rem[d], t.rem[c]); r != 0 {
		return r
	}
	if r := cmp.Compare(t.floor[d], t.floor[c]); r != 0 {
		return r
	}
	return cmp.Compare(c, d) // row by row: earlier row, then earlier column
}

// start rounds up, in each row, the need[i] fractional cells that come
// first, and sets up the graph of the columns.
func (t *roundingTable) start(need []uint64) error {
	k := t.k
	cells := make([]int, 0, k)
	for i := range t.n {
		cells = cells[:0]
		for j := range k {
			if t.state[i*k+j]&cellFrac != 0 {
				cells = append(cells, i*k+j)
			}
		}
		if uint64(len(cells)) < need[i] {
			return errNoRounding
		}
		slices.SortFunc(cells, t.before)
		for _, c := range cells[:need[i]] {
			t.state[c] |= cellUp
		}
	}
	for c := range t.colRowIndex {
		t.colRowIndex[c] = -1
	}
	for i := range t.n {
		for j := range k {
			if t.state[i*k+j] == cellFrac|cellUp {
				t.join(i, j)
				for b := range k {
					if t.state[i*k+b] == cellFrac {
						t.addPair(j, b, 1)
					}
				}
			}
		}
	}
	return nil
}

// join counts the undecided up cell (i, j) as free.
func (t *roundingTable) join(i, j int) {
	t.rowFree[i]++
	t.colRowIndex[i*t.k+j] = int32(len(t.colRows[j]))
	t.colRows[j] = append(t.colRows[j], int32(i))
}

// leave stops counting the cell (i, j) as a free up cell.
func (t *roundingTable) leave(i, j int) {
	t.rowFree[i]--
	rows := t.colRows[j]
	at := t.colRowIndex[i*t.k+j]
	last := rows[len(rows)-1]
	rows[at] = last
	t.colRowIndex[int(last)*t.k+j] = at
	t.colRows[j] = rows[:len(rows)-1]
	t.colRowIndex[i*t.k+j] = -1
}

// addPair adds d rows to the pair of columns a, b.
func (t *roundingTable) addPair(a, b int, d int32) {
	p := &t.pairs[a*t.k+b]
	*p += d
	bit := uint64(1) << (b % 64)
	if *p > 0 {
		t.edges[a*t.words+b/64] |= bit
	} else {
		t.edges[a*t.words+b/64] &^= bit
	}
}

// set changes the state of the cell (i, j) to s, keeping the graph of the
// columns in step.
func (t *roundingTable) set(i, j int, s uint8) {
	c := i*t.k + j
	t.count(i, j, -1)
	t.state[c] = s
	t.count(i, j, 1)
}

// count adds d times what the cell (i, j) brings to the graph of the
// columns: as a free up cell, a pair with each free down cell of its row;
// as a free down cell, a pair with each free up cell of its row.
func (t *roundingTable) count(i, j int, d int32) {
	k := t.k
	row := t.state[i*k : (i+1)*k]
	switch row[j] {
	case cellFrac | cellUp:
		if d > 0 {
			t.join(i, j)
		} else {
			t.leave(i, j)
		}
		for b, s := range row {
			if s == cellFrac {
				t.addPair(j, b, d)
			}
		}
	case cellFrac:
		for a, s := range row {
			if s == cellFrac|cellUp {
				t.addPair(a, j, d)
			}
		}
	}
}

// path returns the shortest path of columns from any of from to any column
// for which to reports true, or nil if there is none. The path is valid
// until the next call.
func (t *roundingTable) path(from []int, to func(j int) bool) []int {
	w := t.words
	prev, seen, queue := t.prev, t.seen, t.queue[:0]
	clear(seen)
	for _, j := range from {
		prev[j] = -1
		seen[j/64] |= 1 << (j % 64)
		queue = append(queue, j)
	}
	for q := 0; q < len(queue); q++ {
		a := queue[q]
		for x := range w {
			next := t.edges[a*w+x] &^ seen[x]
			for next != 0 {
				b := x*64 + bits.TrailingZeros64(next)
				next &= next - 1
				seen[b/64] |= 1 << (b % 64)
				prev[b] = a
				if to(b) {
					p := t.route[:0]
					for ; b >= 0; b = prev[b] {
						p = append(p, b)
					}
					slices.Reverse(p)
					return p
				}
				queue = append(queue, b)
			}
		}
	}
	return nil
}

// move moves, for each step a, b of path, the extra step of a row from
// column a to column b. It chooses all the rows before it changes any
// cell, so that no row is chosen for a cell the path has just changed.
func (t *roundingTable) move(path []int) {
	k := t.k
	rows := t.hops[:len(path)-1]
	for h := range rows {
		a, b := path[h], path[h+1]
		for _, r := range t.colRows[a] {
			if t.state[int(r)*k+b] == cellFrac {
				rows[h] = int(r)
				break
			}
		}
	}
	for h, r := range rows {
		t.set(r, path[h], cellFrac)
		t.set(r, path[h+1], cellFrac|cellUp)
	}
}

// balance moves extra steps from the columns with too many to those with
// too few, along shortest paths, until every column has need[j].
func (t *roundingTable) balance(need []uint64) error {
	up := make([]int64, t.k)
	for c, s := range t.state {
		if s&cellUp != 0 {
			up[c%t.k]++
		}
	}
	var over []int
	for {
		over = over[:0]
		for j, u := range up {
			if u > int64(need[j]) {
				over = append(over, j)
			}
		}
		if len(over) == 0 {
			return nil
		}
		p := t.path(over, func(j int) bool { return up[j] < int64(need[j]) })
		if p == nil {
			return errNoRounding
		}
		t.move(p)
		up[p[0]]--
		up[p[len(p)-1]]++
	}
}

// decide takes the fractional cells in the order of the rule and decides
// each: up if a cycle of undecided cells lets it be, else down.
func (t *roundingTable) decide() {
	k := t.k
	var cells []int
	for c, s := range t.state {
		if s&cellFrac != 0 {
			cells = append(cells, c)
		}
	}
	slices.SortFunc(cells, t.before)
	from := make([]int, 1)
	for _, c := range cells {
		i, j := c/k, c%k
		s := t.state[c]
		if s&cellUp == 0 && t.rowFree[i] > 0 && len(t.colRows[j]) > 0 {
			// A cycle: the cell goes up, other rows move a step out of
			// column j along a path of columns, and row i gives up a free
			// up cell in the column where the path ends.
			from[0] = j
			if p := t.path(from, func(b int) bool { return t.state[i*k+b] == cellFrac|cellUp }); p != nil {
				t.move(p)
				t.set(i, p[len(p)-1], cellFrac)
				s = cellFrac | cellUp
			}
		}
		t.set(i, j, s|cellFixed)
	}
}
