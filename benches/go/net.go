package main

import (
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"time"
)

// W10: TCP echo on 127.0.0.1, 100 connections, one goroutine per connection on
// each side, 64-byte requests and replies (see w10.c). Go has one way to do it,
// so W10io (thread9 with ioprocs) is the same program.
func w10(n int) {
	const conns, msg = 100, 64
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fatal(err)
	}
	go func() {
		for i := 0; i < conns; i++ {
			c, err := ln.Accept()
			if err != nil {
				fatal(err)
			}
			go func(c net.Conn) {
				buf := make([]byte, msg)
				for {
					if _, err := io.ReadFull(c, buf); err != nil {
						c.Close()
						return
					}
					binary.LittleEndian.PutUint64(buf, binary.LittleEndian.Uint64(buf)+1)
					if _, err := c.Write(buf); err != nil {
						c.Close()
						return
					}
				}
			}(c)
		}
		ln.Close()
	}()
	cs := make([]net.Conn, conns)
	for i := range cs {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			fatal(err)
		}
		cs[i] = c
	}
	sums := make([]uint64, conns)
	var wg sync.WaitGroup
	t0 := time.Now()
	for i := range cs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c := cs[i]
			buf := make([]byte, msg)
			for v := i; v < n; v += conns {
				binary.LittleEndian.PutUint64(buf, uint64(v))
				if _, err := c.Write(buf); err != nil {
					fatal(err)
				}
				if _, err := io.ReadFull(c, buf); err != nil {
					fatal(err)
				}
				sums[i] += binary.LittleEndian.Uint64(buf)
			}
			c.Close()
		}(i)
	}
	wg.Wait()
	report(int64(n), time.Since(t0))
	var sum uint64
	for _, s := range sums {
		sum += s
	}
	fmt.Println(sum)
}

// W12: p independent ping-pong pairs, p = 1 (w12p1) or 2 (w12p2); pair k does the
// rounds i ≡ k (mod p) below n, so ns per op is the whole program's throughput.
func w12(n, p int) {
	sums := make([]uint64, p)
	var ready, wg sync.WaitGroup
	start := make(chan struct{})
	for k := 0; k < p; k++ {
		ready.Add(1)
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			ping := make(chan uint64)
			pong := make(chan uint64)
			go func() {
				for v := range ping {
					pong <- v + 1
				}
			}()
			ready.Done()
			<-start
			var s uint64
			for i := k; i < n; i += p {
				ping <- uint64(i)
				s += <-pong
			}
			close(ping)
			sums[k] = s
		}(k)
	}
	ready.Wait()
	t0 := time.Now()
	close(start)
	wg.Wait()
	report(int64(n), time.Since(t0))
	var sum uint64
	for _, s := range sums {
		sum += s
	}
	fmt.Println(sum)
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "gobench:", err)
	os.Exit(1)
}
