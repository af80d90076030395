// 100,000 parked goroutines: each one starts, reports that it runs, and
// parks on a receive from one shared channel; when all of them run, main
// closes the channel and they all finish. Peak RSS minus the RSS of
// empty.go, divided by 100,000, is the memory a parked goroutine costs.
package main

import (
	"fmt"
	"sync"
)

const goroutines = 100000

func main() {
	release := make(chan struct{})
	var started, finished sync.WaitGroup
	results := make([]int, goroutines)
	for i := 0; i < goroutines; i++ {
		started.Add(1)
		finished.Add(1)
		go func(i int) {
			started.Done()
			<-release
			results[i] = i % 7
			finished.Done()
		}(i)
	}
	started.Wait()
	close(release)
	finished.Wait()
	sum := 0
	for _, r := range results {
		sum += r
	}
	fmt.Println("goroutines:", goroutines, "sum:", sum)
}
