# loop: a 10^8-iteration integer loop with branches (twin of loop.mgo)


def main():
    n = 100000000
    s = 0
    for i in range(n):
        if i % 3 == 0:
            s += i
        elif i % 5 == 0:
            s -= 7
        else:
            s -= 1
    print(s)


main()
