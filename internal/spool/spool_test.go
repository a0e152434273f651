package spool

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// A spool gives back what was written to it, from memory or, past
// maxInMemory, from a file that it removes.
func TestSpool(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	for _, size := range []int{0, 1000, maxInMemory + 1, 3*maxInMemory + 17} {
		var want bytes.Buffer
		s := &Spool{What: "the test's lines"}
		for i := 0; want.Len() < size; i++ {
			line := []byte(strings.Repeat("x", i%100) + "\n")
			line = line[:min(len(line), size-want.Len())]
			want.Write(line)
			if n, err := s.Write(line); n != len(line) || err != nil {
				t.Fatalf("Write() = %d, %v", n, err)
			}
		}
		if (s.file != nil) != (size > maxInMemory) {
			t.Errorf("size %d: in a file %t, want %t", size, s.file != nil, size > maxInMemory)
		}
		var got bytes.Buffer
		if err := s.CopyTo(&got); err != nil || !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("size %d: copyTo() gave %d bytes, %v; want the %d written", size, got.Len(), err, want.Len())
		}
		s.Remove()
		if entries, err := os.ReadDir(os.Getenv("TMPDIR")); err != nil || len(entries) != 0 {
			t.Errorf("size %d: %d files left in the temporary directory, %v", size, len(entries), err)
		}
	}
}
