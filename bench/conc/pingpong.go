// Unbuffered ping-pong: 500,000 round trips between main and one partner
// goroutine. Every send is a rendezvous, so each round trip is two parks
// and two readies (the cost of a goroutine hand-off through a channel).
package main

import "fmt"

const rounds = 500000

func main() {
	ping := make(chan int)
	pong := make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	sum := 0
	for i := 0; i < rounds; i++ {
		ping <- i
		sum += <-pong
	}
	close(ping)
	_, ok := <-pong
	fmt.Println("round trips:", rounds, "sum:", sum, "pong closed:", !ok)
}
