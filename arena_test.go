package salestime

import (
	"fmt"
	"strings"
	"testing"
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
		refs = append(refs, a.ref(s))
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
