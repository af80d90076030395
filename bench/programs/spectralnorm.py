# spectralnorm: Benchmarks Game spectral-norm, N=500 (twin of spectralnorm.mgo)
import math


def eval_a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def times_vec(v, u):
    n = len(v)
    for i in range(n):
        a = 0.0
        for j in range(n):
            a += eval_a(i, j) * u[j]
        v[i] = a


def times_transp_vec(v, u):
    n = len(v)
    for i in range(n):
        a = 0.0
        for j in range(n):
            a += eval_a(j, i) * u[j]
        v[i] = a


def a_times_transp(v, u, tmp):
    times_vec(tmp, u)
    times_transp_vec(v, tmp)


def main():
    n = 500
    u = [1.0] * n
    v = [0.0] * n
    tmp = [0.0] * n
    for _ in range(10):
        a_times_transp(v, u, tmp)
        a_times_transp(u, v, tmp)
    vbv = vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    print("%.9f" % math.sqrt(vbv / vv))


main()
