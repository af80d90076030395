# binarytrees: Benchmarks Game binary-trees, depth 16 (twin of binarytrees.mgo)


class Node:
    __slots__ = ("left", "right")

    def __init__(self, left, right):
        self.left = left
        self.right = right


def bottom_up_tree(depth):
    if depth <= 0:
        return Node(None, None)
    depth -= 1
    return Node(bottom_up_tree(depth), bottom_up_tree(depth))


def check(node):
    if node.left is None:
        return 1
    return 1 + check(node.left) + check(node.right)


def main():
    n = 16
    min_depth = 4
    max_depth = n
    if min_depth + 2 > n:
        max_depth = min_depth + 2

    stretch_depth = max_depth + 1
    print("stretch tree of depth %d\t check: %d"
          % (stretch_depth, check(bottom_up_tree(stretch_depth))))

    long_lived = bottom_up_tree(max_depth)

    for depth in range(min_depth, max_depth + 1, 2):
        iterations = 1 << (max_depth - depth + min_depth)
        c = 0
        for _ in range(iterations):
            c += check(bottom_up_tree(depth))
        print("%d\t trees of depth %d\t check: %d" % (iterations, depth, c))
    print("long lived tree of depth %d\t check: %d" % (max_depth, check(long_lived)))


main()
