// Command gobench runs the thread9 benchmark workloads (benches/w*.c) with
// goroutines and channels, the tools a Go user would pick instead.
//
//	gobench W [N]
//
// Like the C programs it prints one checksum line on stdout and
// "bench: ops=N ns=T [rsskib=K]" on stderr, T covering only the measured part.
// Where the C program uses a second proc (W2, W6x, W8), the Go partner
// goroutine is locked to its own OS thread (runtime.LockOSThread), the nearest
// Go equivalent of a proc.
package main

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"time"
)

type workload struct {
	run func(n int) // prints the checksum and calls report
	def int
}

var workloads = map[string]workload{
	"w1":    {w1, 1000000},
	"w2":    {w2, 200000},
	"w3":    {w3, 100000},
	"w4":    {w4, 2000},
	"w5":    {w5, 10000000},
	"w6":    {w6, 10000000},
	"w6x":   {w6x, 2000000},
	"w7":    {w7, 1000000},
	"w8":    {w8, 100000},
	"w9":    {w9, 100000},
	"w10":   {w10, 200000},
	"w10io": {w10, 200000},
	"w12p1": {func(n int) { w12(n, 1) }, 2000000},
	"w12p2": {func(n int) { w12(n, 2) }, 2000000},
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: gobench w1|...|w9|w10|w10io|w12p1|w12p2 [N]")
		os.Exit(2)
	}
	w, ok := workloads[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "gobench: unknown workload %q\n", os.Args[1])
		os.Exit(2)
	}
	n := w.def
	if len(os.Args) > 2 {
		v, err := strconv.Atoi(os.Args[2])
		if err != nil || v <= 0 {
			fmt.Fprintf(os.Stderr, "gobench: bad N %q\n", os.Args[2])
			os.Exit(2)
		}
		n = v
	}
	w.run(n)
}

func report(ops int64, d time.Duration) {
	fmt.Fprintf(os.Stderr, "bench: ops=%d ns=%d\n", ops, d.Nanoseconds())
}

// rssKiB returns VmRSS from /proc/self/status, or -1.
func rssKiB() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	i := bytes.Index(b, []byte("VmRSS:"))
	if i < 0 {
		return -1
	}
	f := bytes.Fields(b[i+6:])
	if len(f) == 0 {
		return -1
	}
	v, err := strconv.ParseInt(string(f[0]), 10, 64)
	if err != nil {
		return -1
	}
	return v
}
