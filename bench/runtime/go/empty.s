// Present so that the go:linkname declarations of sync's runtime
// semaphores (without bodies) compile.
