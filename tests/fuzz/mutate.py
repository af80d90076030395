#!/usr/bin/env python3
"""Mutation fuzzer for mgo: bad input must never crash the front end or the VM.

Takes the corpus (tests/run, tests/errors, tests/crash, examples), writes
mutants of it and runs each with `mgo run` (stdin from /dev/null).  A mutant is
a finding when mgo dies by a signal, exits with a status Go never uses (not 0,
1, 2 or the program's own os.Exit code), prints a sanitizer report, a C++
`terminate called`, an `internal error`, or hangs while compiling (a run that
times out is re-checked with `mgo check`; a program that loops at run time is
not a bug).  Findings are copied to OUTDIR with the reason in the file name.

  tests/fuzz/mutate.py --mgo build-asan/mgo -n 2000 -o /tmp/fuzz-out [--seed S]
"""
import argparse, os, random, re, subprocess, sys, tempfile, pathlib, hashlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
TOKEN = re.compile(r'''`[^`]*`|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|//[^\n]*|/\*.*?\*/|'''
                   r'''[A-Za-z_][A-Za-z0-9_]*|0[xX][0-9a-fA-F_]+|[0-9][0-9_.eE]*[i]?|'''
                   r'''<<=|>>=|&\^=|\.\.\.|&&|\|\||<-|\+\+|--|==|!=|<=|>=|:=|[-+*/%&|^<>]=|&\^|<<|>>|'''
                   r'''\s+|.''', re.S)
KEYWORDS = ['go', 'defer', 'select', 'chan', 'range', '...', '*', '&', '<-', 'func', 'return',
            'for', 'if', 'else', 'switch', 'case', 'default:', 'break', 'continue', 'goto',
            'fallthrough', 'var', 'const', 'type', 'struct', 'interface', 'map', '[]', '{', '}',
            '(', ')', '[', ']', ';', ',', '.', ':', '=', ':=', 'nil', 'iota', '_', 'new', 'make',
            'len', 'cap', 'append', 'copy', 'delete', 'panic', 'recover', 'close', 'print',
            'any', 'error', 'int', 'string', 'float64', 'byte', 'rune', 'uint8', 'complex128',
            'bool', 'true', 'false', 'unsafe', 'label:', 'package', 'import', '"fmt"', '~',
            'comparable', '[T any]', '[int]', '.(type)', '.(int)', 'x.y', '...int', '0', '-1']
EXTREMES = ['18446744073709551616', '9223372036854775808', '-9223372036854775808',
            '0x' + 'f' * 40, '1e400', '1e-400', '-1e308', '0x1p-1074', '1' * 300, '1e1000000',
            "'\\xff'", "'\\U0010ffff'", "'\\U00110000'", "'\\400'", "''", "'ab'", '"\\xff"',
            '"\xff\xfe"', '"\x00"', '"unterminated', '`raw', '/* open', '"\\z"', '0b', '0x',
            '0o8', '08', '1_', '1__0', '0x1p', '1i', '0i', '1e+', '.e1', '\x00', '\xc3\x28',
            "'\\u0000'", '"\\ud800"', '1<<63', '1<<1000', '-0.0', '0/0', '1/0', '1.0/0',
            '1%0', 'math.MaxInt64+1', '^0', '^uint64(0)', 'int8(200)', 'uint(-1)',
            '"' + 'a' * 100000 + '"', '[1<<40]int{}', 'make([]int, -1)', 'make([]int, 1<<62)']


def tokens(src):
    return TOKEN.findall(src)


def idents(toks):
    return [t for t in toks if re.fullmatch(r'[A-Za-z_]\w*', t)] or ['x']


def m_tok_delete(src, r):
    t = tokens(src); i = r.randrange(len(t)); del t[i]; return ''.join(t)


def m_tok_dup(src, r):
    t = tokens(src); i = r.randrange(len(t)); t.insert(i, t[i]); return ''.join(t)


def m_tok_swap(src, r):
    t = tokens(src); i, j = r.randrange(len(t)), r.randrange(len(t)); t[i], t[j] = t[j], t[i]
    return ''.join(t)


def m_line_delete(src, r):
    l = src.split('\n'); del l[r.randrange(len(l))]; return '\n'.join(l)


def m_line_dup(src, r):
    l = src.split('\n'); i = r.randrange(len(l)); l.insert(r.randrange(len(l)), l[i])
    return '\n'.join(l)


def m_line_swap(src, r):
    l = src.split('\n'); i, j = r.randrange(len(l)), r.randrange(len(l)); l[i], l[j] = l[j], l[i]
    return '\n'.join(l)


def m_truncate(src, r):
    return src[:r.randrange(len(src) + 1)]


def m_ident(src, r):
    t = tokens(src); ids = idents(t)
    pos = [i for i, x in enumerate(t) if re.fullmatch(r'[A-Za-z_]\w*', x)]
    if not pos: return src
    for _ in range(r.randint(1, 3)):
        t[r.choice(pos)] = r.choice(ids)
    return ''.join(t)


def m_keyword(src, r):
    t = tokens(src); t.insert(r.randrange(len(t) + 1), ' ' + r.choice(KEYWORDS) + ' ')
    return ''.join(t)


def m_literal(src, r):
    t = tokens(src)
    pos = [i for i, x in enumerate(t) if re.match(r'''[0-9"'`]''', x)] or [r.randrange(len(t))]
    t[r.choice(pos)] = r.choice(EXTREMES)
    return ''.join(t)


def m_splice(src, r, corpus):
    """A run of lines from another corpus file, dropped in at a random line."""
    other = r.choice(corpus)[1].split('\n')
    i = r.randrange(len(other)); chunk = other[i:i + r.randint(1, 12)]
    l = src.split('\n'); j = r.randrange(len(l) + 1); l[j:j] = chunk
    return '\n'.join(l)


def m_nest(src, r):
    """Deep nesting around an expression, a block or a type."""
    n = r.choice([100, 1000, 10000, 100000])
    kind = r.choice(['paren', 'block', 'type', 'unary', 'index', 'func', 'binary', 'composite',
                     'longline', 'call', 'if', 'star'])
    body = {
        'paren': 'x := ' + '(' * n + '1' + ')' * n + '\n_ = x',
        'block': '{' * n + '}' * n,
        'type': 'var x ' + '[]' * n + 'int\n_ = x',
        'unary': 'x := ' + '-' * n + '1\n_ = x',
        'index': 'x := []int{1}\n_ = x' + '[0]' * n,
        'func': 'f := ' + 'func() ' * n + '{}\n_ = f',
        'binary': 'x := 1' + ' + 1' * n + '\n_ = x',
        'composite': 'x := ' + '[]any{' * n + '}' * n + '\n_ = x',
        'longline': 'x := "' + 'ab' * n * 10 + '"\n_ = x',
        'call': 'println(' * n + ')' * n,
        'if': 'if true {' * n + '}' * n,
        'star': 'var p ' + '*' * n + 'int\n_ = p',
    }[kind]
    l = src.split('\n')
    mains = [i for i, x in enumerate(l) if x.startswith('func main()')]
    at = (mains[0] + 1) if mains else r.randrange(len(l) + 1)
    l.insert(at, body)
    return '\n'.join(l)


MUTATORS = [m_tok_delete, m_tok_dup, m_tok_swap, m_line_delete, m_line_dup, m_line_swap,
            m_truncate, m_ident, m_keyword, m_literal, m_splice, m_nest]


def corpus_files():
    out = []
    for d in ['tests/run', 'tests/errors', 'tests/crash', 'examples']:
        for p in sorted((ROOT / d).glob('*.mgo')):
            out.append((p.name, p.read_text(errors='surrogateescape')))
    return out


def mutate(src, r, corpus, most=3):
    """One to `most` mutations on top of each other (mostly one)."""
    names = []
    for _ in range(r.choice([1, 1, 1] + list(range(2, most + 1)))):
        m = r.choice(MUTATORS)
        names.append(m.__name__[2:])
        src = m_splice(src, r, corpus) if m is m_splice else m(src, r)
        if not src: src = ' '
    return src, '+'.join(names)


# UBSan reports as `file.cpp:LINE:COL: runtime error: ...`; Go's own panics
# (`panic: runtime error: index out of range`) carry no C++ file name.
BAD = [('asan', 'AddressSanitizer'), ('ubsan', re.compile(r'\.(?:cpp|h|hpp|cc|inc):\d+:\d+: runtime error:')),
       ('ubsan', 'UndefinedBehaviorSanitizer'), ('lsan', 'LeakSanitizer'),
       ('terminate', 'terminate called'), ('internal', 'internal error'), ('assert', 'Assertion')]


def classify(mgo, path, src, timeout):
    env = dict(os.environ, ASAN_OPTIONS='detect_leaks=0:abort_on_error=0', UBSAN_OPTIONS='print_stacktrace=1')
    with tempfile.TemporaryFile() as err:
        try:
            p = subprocess.run([mgo, 'run', path], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=err, timeout=timeout, env=env)
            rc = p.returncode
        except subprocess.TimeoutExpired:
            rc = None
        err.seek(0); head = err.read(65536)
        err.seek(0, 2); size = err.tell(); err.seek(max(0, size - 65536)); tail = err.read()
    text = (head + tail).decode('utf-8', 'replace')
    for name, pat in BAD:
        if (pat.search(text) if hasattr(pat, 'search') else pat in text):
            return name, text
    if rc is None:
        try:
            subprocess.run([mgo, 'check', path], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            return 'compile-hang', text
        return None, text
    if rc < 0:
        return 'signal%d' % -rc, text
    if rc not in (0, 1, 2) and 'os.Exit' not in src:
        return 'status%d' % rc, text
    return None, text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mgo', default=str(ROOT / 'build-asan/mgo'))
    ap.add_argument('-n', type=int, default=1000)
    ap.add_argument('-o', '--out', default='/tmp/mgo-fuzz')
    ap.add_argument('--seed', type=int, default=None)
    ap.add_argument('--timeout', type=float, default=10)
    ap.add_argument('--only', default=None, help='only mutators whose name contains this')
    ap.add_argument('--skip', default=None, help='no mutators whose name contains this')
    ap.add_argument('--stack', type=int, default=3, help='at most this many mutations per mutant')
    a = ap.parse_args()
    global MUTATORS
    if a.only: MUTATORS = [m for m in MUTATORS if a.only in m.__name__]
    if a.skip: MUTATORS = [m for m in MUTATORS if a.skip not in m.__name__]
    seed = a.seed if a.seed is not None else random.randrange(1 << 30)
    r = random.Random(seed)
    corpus = corpus_files()
    os.makedirs(a.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix='mgofuzz')
    found, kinds = 0, {}
    print(f'seed {seed}, {len(corpus)} corpus files', flush=True)
    for i in range(a.n):
        name, src = r.choice(corpus)
        mut, how = mutate(src, r, corpus, a.stack)
        for k in how.split('+'): kinds[k] = kinds.get(k, 0) + 1
        path = os.path.join(work, 'm.mgo')
        with open(path, 'w', errors='surrogateescape') as f: f.write(mut)
        why, text = classify(a.mgo, path, mut, a.timeout)
        if why:
            found += 1
            h = hashlib.sha1(mut.encode('utf-8', 'surrogateescape')).hexdigest()[:8]
            base = os.path.join(a.out, f'{why}-{name[:-4]}-{how}-{h}')
            with open(base + '.mgo', 'w', errors='surrogateescape') as f: f.write(mut)
            with open(base + '.txt', 'w') as f: f.write(text[-8000:])
            print(f'[{i}] {why}: {name} ({how}) -> {base}.mgo', flush=True)
    print(f'{a.n} mutants, {found} findings; mutators used: {kinds}', flush=True)
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
