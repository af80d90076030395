// The concurrent prime sieve (Go's classic): a generator and a chain of
// filter goroutines, one per prime found, connected by unbuffered
// channels; main takes the first 1000 primes. Every number climbs the
// chain through one rendezvous per filter it passes, so this is millions
// of hand-offs between ~1000 goroutines.
package main

import "fmt"

const nprimes = 1000

// generate sends 2, 3, 4, ... to ch.
func generate(ch chan<- int) {
	for i := 2; ; i++ {
		ch <- i
	}
}

// filter copies values from in to out, dropping multiples of prime.
func filter(in <-chan int, out chan<- int, prime int) {
	for {
		i := <-in
		if i%prime != 0 {
			out <- i
		}
	}
}

func main() {
	ch := make(chan int)
	go generate(ch)
	sum, last := 0, 0
	for i := 0; i < nprimes; i++ {
		prime := <-ch
		sum += prime
		last = prime
		ch1 := make(chan int)
		go filter(ch, ch1, prime)
		ch = ch1
	}
	fmt.Println("primes:", nprimes, "last:", last, "sum:", sum)
}
