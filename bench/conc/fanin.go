// Select fan-in: three producers, each with its own unbuffered channel,
// and one consumer selecting over the three until all are closed (a closed
// channel's case is switched off by setting it to nil). The cost of
// selectgo: locking and polling three channels, or parking on all three.
package main

import "fmt"

const perProducer = 200000

func produce(ch chan<- int, id int) {
	for i := 0; i < perProducer; i++ {
		ch <- i*3 + id
	}
	close(ch)
}

func main() {
	a, b, c := make(chan int), make(chan int), make(chan int)
	go produce(a, 0)
	go produce(b, 1)
	go produce(c, 2)
	var count [3]int
	var sum [3]int
	for a != nil || b != nil || c != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			count[0]++
			sum[0] += v
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			count[1]++
			sum[1] += v
		case v, ok := <-c:
			if !ok {
				c = nil
				continue
			}
			count[2]++
			sum[2] += v
		}
	}
	fmt.Println("counts:", count, "sums:", sum, "total:", sum[0]+sum[1]+sum[2])
}
