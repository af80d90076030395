# strbuild: string building (twin of strbuild.mgo); uses ''.join.


def main():
    n = 1000000
    parts = []
    append = parts.append
    for i in range(n):
        append(str(i))
        if i % 10 == 9:
            append(";")
        else:
            append(",")
    s = "".join(parts)
    print(len(s))
    print(s[-24:])


main()
