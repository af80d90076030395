// The baseline for parked.go: the same imports and no goroutines, so
// (peak RSS of parked.go - peak RSS of this) / 100,000 is the memory of
// one parked goroutine, without the implementation's start-up footprint.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Wait()
	fmt.Println("goroutines:", 0)
}
