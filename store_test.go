package salestime

import (
	"errors"
	"fmt"
	"hash/maphash"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestArena puts names of every length up to an eighth of a block into an
// arena, over many blocks, and reads each back from its reference.
func TestArena(t *testing.T) {
	var a arena
	var names []string
	var refs []textRef
	for i := range 3000 {
		s := fmt.Sprintf("%d:%s", i, strings.Repeat("x", i*7%(arenaBlock/8-8)))
		names = append(names, s)
		r, ok := a.ref(s)
		if !ok {
			t.Fatalf("ref(name %d) = false", i)
		}
		refs = append(refs, r)
	}
	if len(a.full) < 10 {
		t.Fatalf("the names fill %d blocks, want them to fill more than 10", len(a.full)+1)
	}
	for i, r := range refs {
		if got := a.at(r); got != names[i] {
			t.Fatalf("at(ref of name %d) = %.20q (%d bytes), want %.20q (%d bytes)", i, got, len(got), names[i], len(names[i]))
		}
	}
	if got := a.at(0); got != "" {
		t.Errorf("at(0) = %q, want empty", got)
	}
	long := strings.Repeat("y", arenaBlock/8+1)
	if got := a.clone(long); got != long {
		t.Errorf("clone of %d bytes is %d bytes", len(long), len(got))
	}
}

// TestOwnerIndexClashes reads a table of owners with a hash under which
// many owners clash, and checks that it finds the groups the real hash
// finds, each owner's customers in it.
func TestOwnerIndexClashes(t *testing.T) {
	var in strings.Builder
	in.WriteString("owner,name,revenue\n")
	for i := range 300 {
		fmt.Fprintf(&in, "owner-%d,customer-%d,%d\n", i*7%41, i, i+1)
	}
	read := func() map[string][]string {
		t.Helper()
		acc, err := ReadAccounts(CSVRows(strings.NewReader(in.String())), ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		groups := map[string][]string{}
		for g := range acc.Groups() {
			for _, c := range g.Portfolio.Customers() {
				groups[g.Name] = append(groups[g.Name], c.Name)
			}
		}
		return groups
	}
	want := read()
	defer func(h func(maphash.Seed, string) uint64) { ownerHash = h }(ownerHash)
	ownerHash = func(_ maphash.Seed, s string) uint64 { return uint64(len(s)) } // "owner-1" clashes with "owner-9"
	got := read()
	if len(want) != 41 {
		t.Fatalf("%d owners, want 41", len(want))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("groups with clashing hashes mismatch (-want +got):\n%s", diff)
	}
}

// TestArenaFull reads a table whose names fill more blocks than references
// reach, and checks that the reader refuses it, naming the first row
// whose name does not fit.
func TestArenaFull(t *testing.T) {
	defer func(n int) { maxArenaBlocks = n }(maxArenaBlocks)
	maxArenaBlocks = 3
	var in strings.Builder
	in.WriteString("name,revenue\n")
	name := strings.Repeat("n", 4000)
	for i := range 60 {
		fmt.Fprintf(&in, "%s%d,1\n", name, i)
	}
	_, err := ReadAccounts(CSVRows(strings.NewReader(in.String())), ReadOptions{})
	var re *RowError
	if !errors.As(err, &re) || !errors.Is(err, ErrInvalidCustomer) || !strings.Contains(err.Error(), "the names of the table add up to more than") {
		t.Fatalf("ReadAccounts() = %v, want the names refused", err)
	}
	// Three blocks of 64 KB hold 16 names of 4,002 bytes each, with their
	// lengths: the 49th name, on line 50, is the first that does not fit.
	if re.Line != 50 {
		t.Errorf("the first row refused is on line %d, want 50", re.Line)
	}
}
