// fib.go's work timed from inside the program: four goroutines each
// compute fib(n), with n from the environment variable FIB_N (27 if unset),
// and the program prints the microseconds from the first go statement to
// wg.Wait's return. scale.sh runs it under Go (with a larger n, for about
// as much work) and under mgo at GOMAXPROCS=1 and 2: the speed-up of the
// work alone, without the process's start-up and exit.
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
)

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	n := 27
	if s := os.Getenv("FIB_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	var wg sync.WaitGroup
	results := make([]int, 4)
	start := time.Now()
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			results[w] = fib(n)
			wg.Done()
		}(w)
	}
	wg.Wait()
	fmt.Println(time.Since(start).Microseconds())
}
