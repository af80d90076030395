// Package context carries deadlines, cancellation signals and request-scoped
// values across API boundaries and between goroutines, with Go 1.19's
// observable behaviour. It is written in Go on mgo's channels, sync.Mutex
// and time.AfterFunc, following the design of Go's own context.go:
//
//   - Background and TODO are empty contexts: never cancelled, no deadline,
//     no values, a nil Done channel (a receive from it parks forever).
//   - WithCancel returns a *cancelCtx. Its Done channel is made on first use
//     and closed exactly once, by the first cancel; Err is nil until then and
//     Canceled or DeadlineExceeded after. Cancelling closes Done, cancels every
//     child with the same error, and (for the CancelFunc) removes the context
//     from its parent's children so a long-lived parent does not keep it.
//   - propagateCancel links a new child to its parent: if the parent is (or
//     wraps) one of this package's cancelCtx, the child joins its children
//     map; for any other parent with a Done channel (a user's own Context) a
//     goroutine waits on both Done channels, as Go's does.
//   - WithDeadline returns a *timerCtx: a cancelCtx plus a time.AfterFunc
//     timer that cancels it with DeadlineExceeded. A parent's earlier deadline
//     makes it a plain WithCancel; a deadline already past cancels at once.
//     Cancelling stops the timer. WithTimeout(d) is WithDeadline(Now()+d).
//   - WithValue returns a *valueCtx; Value walks up the chain of parents
//     and the nearest key wins.
//   - Every context prints as its chain: "context.Background.WithCancel",
//     "....WithDeadline(<time> [<until>])", "....WithValue(type T, val v)".
//
// Misuse panics with Go's texts: a nil parent ("cannot create context from
// nil parent"), a nil or uncomparable WithValue key.
package context

import (
	"errors"
	"sync"
	"time"
)

// A Context carries a deadline, a cancellation signal, and other values
// across API boundaries. Its methods may be called by several goroutines at
// once.
type Context interface {
	// Deadline returns when work on behalf of this context should be
	// cancelled; ok is false when there is no deadline.
	Deadline() (deadline time.Time, ok bool)
	// Done returns a channel closed when this context is cancelled, or nil
	// if it can never be. Successive calls return the same channel.
	Done() <-chan struct{}
	// Err is nil while Done is not yet closed; after, Canceled or
	// DeadlineExceeded. Successive calls return the same error.
	Err() error
	// Value returns the value associated with key, or nil.
	Value(key any) any
}

// Canceled is the error returned by Context.Err when the context is
// cancelled.
var Canceled = errors.New("context canceled")

// DeadlineExceeded is the error returned by Context.Err when the context's
// deadline passes. It is a timeout (a net.Error in Go).
var DeadlineExceeded error = deadlineExceededError{}

type deadlineExceededError struct{}

func (deadlineExceededError) Error() string   { return "context deadline exceeded" }
func (deadlineExceededError) Timeout() bool   { return true }
func (deadlineExceededError) Temporary() bool { return true }

// An emptyCtx is never cancelled, has no values, and has no deadline. It is
// not struct{}, since background and todo must be distinct pointers.
type emptyCtx int

func (*emptyCtx) Deadline() (deadline time.Time, ok bool) { return }
func (*emptyCtx) Done() <-chan struct{}                   { return nil }
func (*emptyCtx) Err() error                              { return nil }
func (*emptyCtx) Value(key any) any                       { return nil }

func (e *emptyCtx) String() string {
	switch e {
	case background:
		return "context.Background"
	case todo:
		return "context.TODO"
	}
	return "unknown empty Context"
}

var (
	background = new(emptyCtx)
	todo       = new(emptyCtx)
)

// Background returns the empty root Context: never cancelled, no values, no
// deadline.
func Background() Context { return background }

// TODO returns an empty Context, for code that does not know yet which
// Context to use.
func TODO() Context { return todo }

// A CancelFunc tells an operation to abandon its work. After the first call,
// calls do nothing.
type CancelFunc func()

// WithCancel returns a copy of parent with a new Done channel, closed when
// the returned cancel function is called or when the parent's Done channel
// is closed, whichever happens first.
func WithCancel(parent Context) (ctx Context, cancel CancelFunc) {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
	c := &cancelCtx{Context: parent}
	propagateCancel(parent, c)
	return c, func() { c.cancel(true, Canceled) }
}

// propagateCancel arranges for child to be cancelled when parent is.
func propagateCancel(parent Context, child canceler) {
	done := parent.Done()
	if done == nil {
		return // parent is never cancelled
	}
	select {
	case <-done:
		child.cancel(false, parent.Err()) // parent is already cancelled
		return
	default:
	}
	if p, ok := parentCancelCtx(parent); ok {
		p.mu.Lock()
		if p.err != nil {
			// The parent was cancelled between the select and the lock.
			child.cancel(false, p.err)
		} else {
			if p.children == nil {
				p.children = make(map[canceler]struct{})
			}
			p.children[child] = struct{}{}
		}
		p.mu.Unlock()
		return
	}
	// A Context of the user's own: a goroutine watches both Done channels
	// (parked in select until one of them is closed).
	go func() {
		select {
		case <-parent.Done():
			child.cancel(false, parent.Err())
		case <-child.Done():
		}
	}()
}

// cancelCtxKey is the key a cancelCtx answers with itself.
var cancelCtxKey int

// parentCancelCtx returns the *cancelCtx underlying parent, found through
// parent.Value(&cancelCtxKey), if parent's Done channel is that cancelCtx's
// own (a user's type that wraps a cancelCtx but has its own Done does not
// count).
func parentCancelCtx(parent Context) (*cancelCtx, bool) {
	done := parent.Done()
	if done == closedchan || done == nil {
		return nil, false
	}
	p, ok := parent.Value(&cancelCtxKey).(*cancelCtx)
	if !ok {
		return nil, false
	}
	p.mu.Lock()
	pdone := p.done
	p.mu.Unlock()
	if pdone != done {
		return nil, false
	}
	return p, true
}

// removeChild removes a context from its parent's children.
func removeChild(parent Context, child canceler) {
	p, ok := parentCancelCtx(parent)
	if !ok {
		return
	}
	p.mu.Lock()
	if p.children != nil {
		delete(p.children, child)
	}
	p.mu.Unlock()
}

// A canceler is a context that can be cancelled directly: *cancelCtx and
// *timerCtx.
type canceler interface {
	cancel(removeFromParent bool, err error)
	Done() <-chan struct{}
}

// closedchan is a reusable closed channel: the Done of a context cancelled
// before anyone asked for its Done.
var closedchan = make(chan struct{})

func init() {
	close(closedchan)
}

// A cancelCtx can be cancelled. When cancelled, it also cancels any children
// that implement canceler.
type cancelCtx struct {
	Context

	mu       sync.Mutex            // protects the fields below
	done     chan struct{}         // made lazily, closed by the first cancel
	children map[canceler]struct{} // set to nil by the first cancel
	err      error                 // set to non-nil by the first cancel
}

func (c *cancelCtx) Value(key any) any {
	if key == &cancelCtxKey {
		return c
	}
	return value(c.Context, key)
}

// Done makes c's channel on first use. (No defer for the unlock: Done is
// called in every turn of a worker's select loop, and a deferred call
// allocates.)
func (c *cancelCtx) Done() <-chan struct{} {
	c.mu.Lock()
	if c.done == nil {
		c.done = make(chan struct{})
	}
	d := c.done
	c.mu.Unlock()
	return d
}

func (c *cancelCtx) Err() error {
	c.mu.Lock()
	err := c.err
	c.mu.Unlock()
	return err
}

func (c *cancelCtx) String() string {
	return contextName(c.Context) + ".WithCancel"
}

// cancel closes c.done, cancels each of c's children with err, and, if
// removeFromParent, removes c from its parent's children. Only the first
// call does anything.
func (c *cancelCtx) cancel(removeFromParent bool, err error) {
	if err == nil {
		panic("context: internal error: missing cancel error")
	}
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return // already cancelled
	}
	c.err = err
	if c.done == nil {
		c.done = closedchan
	} else {
		close(c.done) // wakes every goroutine parked on <-c.Done()
	}
	for child := range c.children {
		// Holds the parent's lock while taking the child's, as Go does:
		// locks are always taken parent before child.
		child.cancel(false, err)
	}
	c.children = nil
	c.mu.Unlock()

	if removeFromParent {
		removeChild(c.Context, c)
	}
}

// WithDeadline returns a copy of parent whose deadline is no later than d:
// its Done channel is closed when d passes (Err is DeadlineExceeded), when
// cancel is called, or when the parent's Done is closed.
func WithDeadline(parent Context, d time.Time) (Context, CancelFunc) {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
	if cur, ok := parent.Deadline(); ok && cur.Before(d) {
		// The current deadline is already sooner than the new one.
		return WithCancel(parent)
	}
	c := &timerCtx{
		cancelCtx: cancelCtx{Context: parent},
		deadline:  d,
	}
	propagateCancel(parent, c)
	dur := time.Until(d)
	if dur <= 0 {
		c.cancel(true, DeadlineExceeded) // the deadline has already passed
		return c, func() { c.cancel(false, Canceled) }
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		// The timer's goroutine cancels c when d passes, unless cancel
		// stops the timer first.
		c.timer = time.AfterFunc(dur, func() {
			c.cancel(true, DeadlineExceeded)
		})
	}
	return c, func() { c.cancel(true, Canceled) }
}

// A timerCtx is a cancelCtx with a deadline and a timer that cancels it
// then. Cancelling it stops the timer.
type timerCtx struct {
	cancelCtx
	timer *time.Timer // under cancelCtx.mu

	deadline time.Time
}

func (c *timerCtx) Deadline() (deadline time.Time, ok bool) {
	return c.deadline, true
}

func (c *timerCtx) String() string {
	return contextName(c.cancelCtx.Context) + ".WithDeadline(" +
		c.deadline.String() + " [" +
		time.Until(c.deadline).String() + "])"
}

func (c *timerCtx) cancel(removeFromParent bool, err error) {
	c.cancelCtx.cancel(false, err)
	if removeFromParent {
		// Remove this timerCtx, not its embedded cancelCtx, from the parent.
		removeChild(c.cancelCtx.Context, c)
	}
	c.mu.Lock()
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
	c.mu.Unlock()
}

// WithTimeout returns WithDeadline(parent, time.Now().Add(timeout)).
func WithTimeout(parent Context, timeout time.Duration) (Context, CancelFunc) {
	return WithDeadline(parent, time.Now().Add(timeout))
}

// WithValue returns a copy of parent in which the value associated with key
// is val. The key must be comparable.
func WithValue(parent Context, key, val any) Context {
	if parent == nil {
		panic("cannot create context from nil parent")
	}
	if key == nil {
		panic("nil key")
	}
	if !isComparable(key) {
		panic("key is not comparable")
	}
	return &valueCtx{parent, key, val}
}

// A valueCtx carries one key-value pair and delegates everything else to
// its parent.
type valueCtx struct {
	Context
	key, val any
}

func (c *valueCtx) String() string {
	return contextName(c.Context) + ".WithValue(type " +
		typeString(c.key) + ", val " + stringify(c.val) + ")"
}

func (c *valueCtx) Value(key any) any {
	if c.key == key {
		return c.val
	}
	return value(c.Context, key)
}

// value walks up the chain from c for key, iteratively for this package's
// own contexts, and asks any other Context's Value method.
func value(c Context, key any) any {
	for {
		switch ctx := c.(type) {
		case *valueCtx:
			if key == ctx.key {
				return ctx.val
			}
			c = ctx.Context
		case *cancelCtx:
			if key == &cancelCtxKey {
				return c
			}
			c = ctx.Context
		case *timerCtx:
			if key == &cancelCtxKey {
				return &ctx.cancelCtx
			}
			c = ctx.Context
		case *emptyCtx:
			return nil
		default:
			return c.Value(key)
		}
	}
}

type stringer interface {
	String() string
}

// contextName is c's String, or its type's name.
func contextName(c Context) string {
	if s, ok := c.(stringer); ok {
		return s.String()
	}
	return typeString(c)
}

// stringify prints a value without fmt (as Go's context does, to avoid the
// dependency): a Stringer's String, a string itself, else "<not Stringer>".
func stringify(v any) string {
	switch s := v.(type) {
	case stringer:
		return s.String()
	case string:
		return s
	}
	return "<not Stringer>"
}

// typeString is the name of v's dynamic type as %T prints it
// (reflectlite.TypeOf(v).String() in Go).
func typeString(v any) string

// isComparable reports whether v's dynamic type may be compared with ==
// (reflectlite.TypeOf(v).Comparable() in Go).
func isComparable(v any) bool
