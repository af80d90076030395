# wordcount: word counting with a dict (twin of wordcount.mgo)
seed = 42


def next_rand():
    """15 pseudo-random bits (the classic ANSI C rand LCG)."""
    global seed
    seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
    return seed >> 16


def main():
    vocab_size = 5000
    text_words = 1000000

    vocab = []
    for _ in range(vocab_size):
        length = 2 + next_rand() % 9
        vocab.append("".join(chr(97 + next_rand() % 26) for _ in range(length)))

    parts = []
    append = parts.append
    for i in range(text_words):
        if i > 0:
            append("\n" if i % 12 == 0 else " ")
        # Two draws skew the distribution towards the start of the vocabulary.
        x = next_rand() % vocab_size
        y = next_rand() % vocab_size
        if y < x:
            x = y
        append(vocab[x])
    text = "".join(parts)

    counts = {}
    words = text.split()
    for w in words:
        counts[w] = counts.get(w, 0) + 1

    keys = sorted(counts, key=lambda k: (-counts[k], k))

    print("words", len(words), "bytes", len(text))
    print("distinct", len(counts))
    for k in keys[:3]:
        print(k, counts[k])


main()
