package main

import (
	"io"
	"os"
	"strings"
	"testing"
)

func TestProfRun(t *testing.T) {
	f := os.Getenv("PROF_FILE")
	if f == "" {
		t.Skip()
	}
	args := strings.Fields(os.Getenv("PROF_ARGS"))
	args = append(args, f)
	if code := run(args, nil, io.Discard, os.Stderr); code != 0 {
		t.Fatal(code)
	}
}
