// Go 1.19's math functions, ported operation for operation so that results
// match `go run` on linux/amd64 bit for bit. The C library is not used for
// these: glibc is more accurate than Go in places (Cbrt(27) is exactly 3 in
// Go, 3.0000000000000004 in glibc) and less in others, and mgo must print
// what Go prints. Where Go's amd64 build uses assembly (Exp, Log, Hypot) the
// assembly is what is ported, including its quirks (Log of a subnormal).
//
// These are plain functions on doubles, with no VM dependency, so they can
// be tested against Go's output directly.
#pragma once

#include <cstdint>

namespace mgo::gomath {

double Exp(double x);    // exp_amd64.s (its FMA path)
double Exp2(double x);   // exp.go
double Expm1(double x);  // expm1.go
double Log(double x);    // log_amd64.s
double Log2(double x);   // log10.go
double Log10(double x);  // log10.go
double Log1p(double x);  // log1p.go
double Pow(double x, double y);
double Cbrt(double x);
double Hypot(double p, double q);  // hypot_amd64.s
double Sin(double x);
double Cos(double x);
double Tan(double x);
double Asin(double x);
double Acos(double x);
double Atan(double x);
double Atan2(double y, double x);
double Sinh(double x);
double Cosh(double x);
double Tanh(double x);
double Frexp(double f, int64_t* exp);
double Ldexp(double frac, int64_t exp);
double Modf(double f, double* frac);  // returns the integer part

}  // namespace mgo::gomath
