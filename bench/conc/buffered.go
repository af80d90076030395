// Buffered channel: one producer sends 1,000,000 items through a channel
// of capacity 100 to one consumer (main). Most operations find room or an
// item in the ring buffer and never park: the cost of chansend/chanrecv's
// buffered path.
package main

import "fmt"

const (
	items    = 1000000
	capacity = 100
)

func main() {
	ch := make(chan int, capacity)
	go func() {
		for i := 0; i < items; i++ {
			ch <- i
		}
		close(ch)
	}()
	n, sum, outOfOrder := 0, 0, 0
	for v := range ch {
		if v != n {
			outOfOrder++
		}
		n++
		sum += v
	}
	fmt.Println("items:", n, "sum:", sum, "out of order:", outOfOrder, "cap:", cap(ch))
}
