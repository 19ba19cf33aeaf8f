package main

import (
	"fmt"
	"os"
	"runtime"
	"time"
)

// W1: ping-pong between two goroutines over unbuffered channels.
func w1(n int) { pingpong(n, false) }

// W2: the same with the echo goroutine locked to its own OS thread.
func w2(n int) { pingpong(n, true) }

func pingpong(n int, cross bool) {
	ping := make(chan uint64)
	pong := make(chan uint64)
	go func() {
		if cross {
			runtime.LockOSThread()
		}
		for v := range ping {
			pong <- v + 1
		}
	}()
	var sum uint64
	t0 := time.Now()
	for i := 0; i < n; i++ {
		ping <- uint64(i)
		sum += <-pong
	}
	report(int64(n), time.Since(t0))
	fmt.Println(sum)
}

// W3: spawn n goroutines one after another; each sends its index and exits.
func w3(n int) {
	c := make(chan uint64)
	var sum uint64
	t0 := time.Now()
	for i := 0; i < n; i++ {
		go func(i uint64) { c <- i }(uint64(i))
		sum += <-c
	}
	report(int64(n), time.Since(t0))
	fmt.Println(sum)
}

// W4: the concurrent prime sieve; prints the nth prime (2000th: 17389).
func w4(n int) {
	c := make(chan uint64)
	go func(c chan<- uint64) {
		for i := uint64(2); ; i++ {
			c <- i
		}
	}(c)
	var p uint64
	t0 := time.Now()
	for i := 0; i < n; i++ {
		p = <-c
		out := make(chan uint64)
		go func(p uint64, in <-chan uint64, out chan<- uint64) {
			for {
				v := <-in
				if v%p != 0 {
					out <- v
				}
			}
		}(p, c, out)
		c = out
	}
	d := time.Since(t0)
	report(countSends(p), d)
	fmt.Println(p)
}

// countSends: each v <= last is sent k times, k the rank of its smallest prime
// factor (see w4.c).
func countSends(last uint64) int64 {
	rank := make([]int32, last+1)
	var k int32
	var sends int64
	for i := uint64(2); i <= last; i++ {
		if rank[i] == 0 {
			k++
			for j := i; j <= last; j += i {
				if rank[j] == 0 {
					rank[j] = k
				}
			}
		}
		sends += int64(rank[i])
	}
	return sends
}

// W5: threadring, 503 goroutines, n hops; prints who holds the token at 0.
func w5(n int) {
	const nring = 503
	var ring [nring]chan uint64
	for i := range ring {
		ring[i] = make(chan uint64)
	}
	done := make(chan int)
	for i := 0; i < nring; i++ {
		go func(id int) {
			in, out := ring[id], ring[(id+1)%nring]
			for {
				t := <-in
				if t == 0 {
					done <- id + 1
					continue
				}
				out <- t - 1
			}
		}(i)
	}
	t0 := time.Now()
	ring[0] <- uint64(n)
	who := <-done
	report(int64(n), time.Since(t0))
	fmt.Println(who)
}

// W6: producer/consumer over a 128-slot buffered channel.
func w6(n int) { prodcons(n, false) }

// W6x: the same with the producer locked to its own OS thread.
func w6x(n int) { prodcons(n, true) }

func prodcons(n int, cross bool) {
	c := make(chan uint64, 128)
	var sum uint64
	t0 := time.Now()
	go func() {
		if cross {
			runtime.LockOSThread()
		}
		for i := 0; i < n; i++ {
			c <- uint64(i)
		}
	}()
	for i := 0; i < n; i++ {
		sum += <-c
	}
	report(int64(n), time.Since(t0))
	fmt.Println(sum)
}

// W7: select over 4 unbuffered channels, each fed by its own goroutine.
func w7(n int) {
	n -= n % 4
	if n == 0 {
		n = 4
	}
	var c [4]chan uint64
	for k := range c {
		c[k] = make(chan uint64)
		go func(k int) {
			for i := k; i < n; i += 4 {
				c[k] <- uint64(i)
			}
		}(k)
	}
	var sum uint64
	t0 := time.Now()
	for i := 0; i < n; i++ {
		var v uint64
		select {
		case v = <-c[0]:
		case v = <-c[1]:
		case v = <-c[2]:
		case v = <-c[3]:
		}
		sum += v
	}
	report(int64(n), time.Since(t0))
	fmt.Println(sum)
}

// W8: calls served by a goroutine locked to its own OS thread (the ioproc).
func w8(n int) {
	req := make(chan int64)
	rep := make(chan int64)
	go func() {
		runtime.LockOSThread()
		for v := range req {
			rep <- v + 1
		}
	}()
	var sum int64
	t0 := time.Now()
	for i := 0; i < n; i++ {
		req <- int64(i)
		sum += <-rep
	}
	report(int64(n), time.Since(t0))
	close(req)
	fmt.Println(sum)
}

// W9: n idle goroutines blocked on one channel; RSS per goroutine.
func w9(n int) {
	c := make(chan uint64)
	started := make(chan struct{})
	results := make(chan uint64)
	r0 := rssKiB()
	t0 := time.Now()
	for i := 0; i < n; i++ {
		go func() {
			started <- struct{}{}
			results <- <-c
		}()
		<-started // it runs on to block on c
	}
	d := time.Since(t0)
	r1 := rssKiB()
	go func() {
		for i := 0; i < n; i++ {
			c <- uint64(i)
		}
	}()
	var total uint64
	for i := 0; i < n; i++ {
		total += <-results
	}
	fmt.Fprintf(os.Stderr, "bench: ops=%d ns=%d rsskib=%d\n", n, d.Nanoseconds(), (r1-r0)*1000/int64(n))
	fmt.Fprintf(os.Stderr, "w9: %d idle goroutines: %d KiB RSS (%.3f KiB per goroutine)\n", n, r1-r0, float64(r1-r0)/float64(n))
	fmt.Println(total)
}
