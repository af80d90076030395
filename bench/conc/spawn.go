// 200,000 goroutines, each adding its number to a counter under a
// sync.Mutex and then calling WaitGroup.Done; main waits for all of them.
// The cost of newproc, a goroutine's first run and exit, and a Mutex that
// is contended whenever two P's run goroutines at once.
package main

import (
	"fmt"
	"sync"
)

const goroutines = 200000

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	counter, calls := 0, 0
	for i := 1; i <= goroutines; i++ {
		wg.Add(1)
		go func(n int) {
			mu.Lock()
			counter += n
			calls++
			mu.Unlock()
			wg.Done()
		}(i)
	}
	wg.Wait()
	fmt.Println("goroutines:", calls, "counter:", counter)
}
