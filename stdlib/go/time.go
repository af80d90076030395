// Package time: durations, the monotonic and wall clocks, Sleep, and the
// channel timers, on the runtime's per-P timer heaps (runtime/time.h) as
// Go's time package is on its runtime's.
package time

// A Duration represents the elapsed time between two instants as an int64
// nanosecond count.
type Duration int64

const (
	Nanosecond  Duration = 1
	Microsecond          = 1000 * Nanosecond
	Millisecond          = 1000 * Microsecond
	Second               = 1000 * Millisecond
	Minute               = 60 * Second
	Hour                 = 60 * Minute
)

// String returns the duration as Go prints it: "72h3m0.5s", "1.5µs", "0s".
func (d Duration) String() string {
	if d == 0 {
		return "0s"
	}
	neg := d < 0
	u := uint64(d)
	if neg {
		u = -u
	}
	var s string
	if u < uint64(Second) {
		// Less than a second: one unit, with a fraction.
		switch {
		case u < uint64(Microsecond):
			return sign(neg) + uitoa(u) + "ns"
		case u < uint64(Millisecond):
			s = fraction(u, 3) + "µs"
		default:
			s = fraction(u, 6) + "ms"
		}
		return sign(neg) + s
	}
	// Seconds with a fraction, then whole minutes and hours.
	s = fraction(u%uint64(Minute), 9) + "s"
	u /= uint64(Minute)
	if u > 0 {
		s = uitoa(u%60) + "m" + s
		u /= 60
		if u > 0 {
			s = uitoa(u) + "h" + s
		}
	}
	return sign(neg) + s
}

func sign(neg bool) string {
	if neg {
		return "-"
	}
	return ""
}

func uitoa(v uint64) string {
	if v == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return string(b[i:])
}

// fraction prints v / 10^prec with the trailing zeros of the fraction (and
// a bare ".") dropped.
func fraction(v uint64, prec int) string {
	var pow uint64 = 1
	for i := 0; i < prec; i++ {
		pow *= 10
	}
	whole, frac := v/pow, v%pow
	if frac == 0 {
		return uitoa(whole)
	}
	digits := make([]byte, prec)
	for i := prec - 1; i >= 0; i-- {
		digits[i] = byte('0' + frac%10)
		frac /= 10
	}
	n := prec
	for n > 0 && digits[n-1] == '0' {
		n--
	}
	return uitoa(whole) + "." + string(digits[:n])
}

func (d Duration) Nanoseconds() int64  { return int64(d) }
func (d Duration) Microseconds() int64 { return int64(d) / 1e3 }
func (d Duration) Milliseconds() int64 { return int64(d) / 1e6 }

func (d Duration) Seconds() float64 {
	sec := d / Second
	nsec := d % Second
	return float64(sec) + float64(nsec)/1e9
}

func (d Duration) Minutes() float64 {
	min := d / Minute
	nsec := d % Minute
	return float64(min) + float64(nsec)/(60*1e9)
}

func (d Duration) Hours() float64 {
	hour := d / Hour
	nsec := d % Hour
	return float64(hour) + float64(nsec)/(60*60*1e9)
}

// Truncate returns d rounded toward zero to a multiple of m.
func (d Duration) Truncate(m Duration) Duration {
	if m <= 0 {
		return d
	}
	return d - d%m
}

// Round returns d rounded to the nearest multiple of m, halfway away from
// zero (saturating at the int64 limits).
func (d Duration) Round(m Duration) Duration {
	if m <= 0 {
		return d
	}
	r := d % m
	if d < 0 {
		r = -r
		if r+r < m {
			return d + r
		}
		if d1 := d - m + r; d1 < d {
			return d1
		}
		return minDuration
	}
	if r+r < m {
		return d - r
	}
	if d1 := d + m - r; d1 > d {
		return d1
	}
	return maxDuration
}

// Abs returns the absolute value of d (the maximum duration for the minimum).
func (d Duration) Abs() Duration {
	switch {
	case d >= 0:
		return d
	case d == minDuration:
		return maxDuration
	default:
		return -d
	}
}

const (
	minDuration Duration = -1 << 63
	maxDuration Duration = 1<<63 - 1
)

// A Time is an instant, as Go's: seconds and nanoseconds since January 1,
// year 1, 00:00:00 UTC (so the zero Time is that instant); the monotonic
// clock reading, which Sub and the comparisons use when both times have one
// (0: none; Now's times have one); and whether it prints in the local time
// zone (Now's) or in UTC (the zero Time's, and everything made from it).
type Time struct {
	sec   int64
	nsec  int64 // [0, 1e9)
	mono  int64
	local bool
}

// unixToInternal is the Unix epoch in Time's seconds.
const unixToInternal int64 = (1969*365 + 1969/4 - 1969/100 + 1969/400) * 86400

// Now returns the current local time.
func Now() Time {
	sec, nsec, mono := now()
	return Time{sec, nsec, mono, true}
}

// now reads the clocks: seconds since year 1, nanoseconds, and the
// monotonic clock (also how a timer's channel gets its Time, stdlib/time.cpp).
func now() (sec, nsec, mono int64)

// Since returns the time elapsed since t.
func Since(t Time) Duration { return Now().Sub(t) }

// Until returns the duration until t.
func Until(t Time) Duration { return t.Sub(Now()) }

// Sub returns the duration t-u, or the Duration nearest to it when it
// does not fit in one.
func (t Time) Sub(u Time) Duration {
	if t.mono != 0 && u.mono != 0 {
		d := Duration(t.mono - u.mono)
		if d < 0 && t.mono > u.mono {
			return maxDuration
		}
		if d > 0 && t.mono < u.mono {
			return minDuration
		}
		return d
	}
	d := Duration(t.sec-u.sec)*Second + Duration(t.nsec-u.nsec)
	switch {
	case u.Add(d).Equal(t):
		return d
	case t.Before(u):
		return minDuration
	default:
		return maxDuration
	}
}

// Add returns the time t+d. A monotonic reading that would overflow is
// dropped, as Go drops it.
func (t Time) Add(d Duration) Time {
	dsec := int64(d / 1e9)
	nsec := t.nsec + int64(d%1e9)
	if nsec >= 1e9 {
		dsec++
		nsec -= 1e9
	} else if nsec < 0 {
		dsec--
		nsec += 1e9
	}
	t.sec += dsec
	t.nsec = nsec
	if t.mono != 0 {
		m := t.mono + int64(d)
		if d < 0 && m > t.mono || d > 0 && m < t.mono {
			m = 0
		}
		t.mono = m
	}
	return t
}

// String returns the time as Go prints it: "2006-01-02 15:04:05.999999999
// -0700 MST" in the local time zone, then, when t carries a monotonic clock
// reading, " m=±<seconds>" since the program started.
func (t Time) String() string {
	sec := t.sec - unixToInternal // Unix seconds
	name, offset := "UTC", 0
	if t.local {
		name, offset = zone(sec)
	}
	local := sec + int64(offset)
	days, clock := local/86400, local%86400
	if clock < 0 {
		days, clock = days-1, clock+86400
	}
	year, month, day := civil(days)
	s := pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + " " +
		pad(clock/3600, 2) + ":" + pad(clock/60%60, 2) + ":" + pad(clock%60, 2)
	if t.nsec != 0 {
		s += fraction(uint64(t.nsec), 9)[1:] // "0.5" without its "0"
	}
	s += " " + zoneOffset(offset) + " " + name
	if t.mono != 0 {
		m := t.mono - startNano()
		sign := "+"
		if m < 0 {
			sign, m = "-", -m
		}
		s += " m=" + sign + uitoa(uint64(m/1e9)) + "." + pad(m%1e9, 9)
	}
	return s
}

// zone returns the local time zone's abbreviation and its offset east of
// UTC in seconds at the instant sec (Unix seconds).
func zone(sec int64) (name string, offset int)

// startNano is the monotonic clock reading just before the program started:
// "m=" prints a Time's reading relative to it, as Go's runtime does.
func startNano() int64

// civil converts days since 1970-01-01 to a proleptic Gregorian date
// (Howard Hinnant's days_from_civil, inverted).
func civil(days int64) (year, month, day int64) {
	z := days + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097                                // day of the 400-year era
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // year of the era
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // day of the March-based year
	mp := (5*doy + 2) / 153                                // March = 0
	day = doy - (153*mp+2)/5 + 1
	month = mp + 3
	if month > 12 {
		month -= 12
	}
	year = yoe + era*400
	if month <= 2 {
		year++
	}
	return
}

// pad prints v (>= 0) in decimal with at least width digits.
func pad(v int64, width int) string {
	s := uitoa(uint64(v))
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// zoneOffset prints an offset in seconds as Go's "-0700".
func zoneOffset(offset int) string {
	sign := "+"
	if offset < 0 {
		sign, offset = "-", -offset
	}
	return sign + pad(int64(offset/3600), 2) + pad(int64(offset/60%60), 2)
}

// Before, After and Equal compare the monotonic readings when both times
// have one, else the instants.
func (t Time) Before(u Time) bool {
	if t.mono != 0 && u.mono != 0 {
		return t.mono < u.mono
	}
	return t.sec < u.sec || t.sec == u.sec && t.nsec < u.nsec
}

func (t Time) After(u Time) bool {
	if t.mono != 0 && u.mono != 0 {
		return t.mono > u.mono
	}
	return t.sec > u.sec || t.sec == u.sec && t.nsec > u.nsec
}

func (t Time) Equal(u Time) bool {
	if t.mono != 0 && u.mono != 0 {
		return t.mono == u.mono
	}
	return t.sec == u.sec && t.nsec == u.nsec
}

// IsZero reports whether t is January 1, year 1, 00:00:00 UTC.
func (t Time) IsZero() bool { return t.sec == 0 && t.nsec == 0 }

func (t Time) Unix() int64      { return t.sec - unixToInternal }
func (t Time) UnixMilli() int64 { return (t.sec-unixToInternal)*1e3 + t.nsec/1e6 }
func (t Time) UnixMicro() int64 { return (t.sec-unixToInternal)*1e6 + t.nsec/1e3 }
func (t Time) UnixNano() int64  { return (t.sec-unixToInternal)*1e9 + t.nsec }

// Sleep pauses the current goroutine for at least d: a timer, and the
// goroutine parked with wait reason "sleep" until it fires.
func Sleep(d Duration)

// The runtime's timer (runtime/time.h) lives in these bytes.
type runtimeTimer struct {
	pp       uintptr
	when     int64
	period   int64
	f        uintptr
	arg      uintptr
	seq      uintptr
	nextwhen int64
	status   uint32
}

// when is the monotonic clock reading d from now.
func when(d Duration) int64

// startTimer arms r: at `when` (and every `period` after, if > 0) it sends
// the time on c without blocking (a full c skips the tick, as Go's), or
// starts f in its own goroutine.
func startTimer(r *runtimeTimer, when, period int64, c chan Time, f func())
func stopTimer(r *runtimeTimer) bool
func resetTimer(r *runtimeTimer, when int64) bool
func modTimer(r *runtimeTimer, when, period int64)

// The Timer type represents a single event: the current time is sent on C
// when it fires, unless it was made by AfterFunc.
type Timer struct {
	C <-chan Time
	r runtimeTimer
}

// NewTimer creates a Timer that will send the current time on its channel
// after at least duration d.
func NewTimer(d Duration) *Timer {
	c := make(chan Time, 1)
	t := &Timer{C: c}
	startTimer(&t.r, when(d), 0, c, nil)
	return t
}

// Stop prevents the Timer from firing; false if it had already expired or
// been stopped.
func (t *Timer) Stop() bool {
	return stopTimer(&t.r)
}

// Reset changes the timer to expire after duration d; true if it had been
// active.
func (t *Timer) Reset(d Duration) bool {
	return resetTimer(&t.r, when(d))
}

// After waits for the duration to elapse and then sends the current time on
// the returned channel (NewTimer(d).C).
func After(d Duration) <-chan Time {
	return NewTimer(d).C
}

// AfterFunc waits for the duration to elapse and then calls f in its own
// goroutine.
func AfterFunc(d Duration, f func()) *Timer {
	t := new(Timer)
	startTimer(&t.r, when(d), 0, nil, f)
	return t
}

// A Ticker holds a channel that delivers the current time every period.
type Ticker struct {
	C <-chan Time
	r runtimeTimer
}

// NewTicker returns a new Ticker; d must be greater than zero.
func NewTicker(d Duration) *Ticker {
	if d <= 0 {
		panic("non-positive interval for NewTicker")
	}
	c := make(chan Time, 1)
	t := &Ticker{C: c}
	startTimer(&t.r, when(d), int64(d), c, nil)
	return t
}

// Stop turns off the ticker; no more ticks will be sent.
func (t *Ticker) Stop() {
	stopTimer(&t.r)
}

// Reset stops the ticker and resets its period to d.
func (t *Ticker) Reset(d Duration) {
	if d <= 0 {
		panic("non-positive interval for Ticker.Reset")
	}
	modTimer(&t.r, when(d), int64(d))
}

// Tick is NewTicker(d).C, or nil for d <= 0.
func Tick(d Duration) <-chan Time {
	if d <= 0 {
		return nil
	}
	return NewTicker(d).C
}
