#!/usr/bin/env python3
"""I/O faults and hostile inputs, each through the `cotation` program: what comes in is a fault
(an output that refuses writes, an input that cannot be read, a rule file that crashed a
command); what is checked is the exit code AND the message of each (README, exit codes).

Usage: faults_test.py COTATION SOURCE_DIR
"""
import os
import resource
import signal
import subprocess
import sys
import tempfile

cotation, source = sys.argv[1], sys.argv[2]
rules = os.path.join(source, "rules")
claims = os.path.join(source, "examples", "claims.jsonl")
here = os.path.join(source, "tests", "faults")
failures = []
# AddressSanitizer's allocator and shadow memory change what a process holds, and it dies on a
# failed allocation by design: the memory checks below are for the release program.
with open(cotation, "rb") as program:
    instrumented = b"__asan_init" in program.read()


def run(args, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL):
    # SIGPIPE stays ignored in the child (Python ignores it): a closed pipe is a write error.
    return subprocess.run([cotation] + args, stdout=stdout, stderr=subprocess.PIPE, stdin=stdin,
                          restore_signals=False)


def expect(name, result, code, *messages):
    err = result.stderr.decode("utf-8", "replace")
    if result.returncode != code:
        failures.append(f"{name}: exit {result.returncode}, expected {code}\n{err[:800]}")
    for message in messages:
        if message not in err:
            failures.append(f"{name}: standard error lacks « {message} »\n{err[:800]}")


def to_full(args):
    with open("/dev/full", "wb") as full:
        return run(args, stdout=full)


def to_closed_pipe(args):
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody reads: every write fails with EPIPE
    try:
        return run(args, stdout=write_end)
    finally:
        os.close(write_end)


# R10: a line over the 1 MiB limit is skipped to its newline, not held: 256 MiB without a newline
# in a small memory; its record is still written, and the next line's. The same for each command
# that reads JSON Lines: eval, explain, scheme (one line reader, src/evaluate/bounded_lines.cpp).
line_bytes = 256 << 20
too_long = f"enregistrement trop long : {line_bytes} octets, au plus 1048576 acceptés"
situations = os.path.join(source, "tests", "cli", "scheme", "situations.jsonl")
long_line_cases = [
    ("eval", ["eval", "--rules", rules, "--jobs", "1", "-"], claims,
     lambda first: '"id":"long","decision":"invalid"' in first and too_long in first),
    ("explain", ["explain", "--rules", rules, "--format", "json", "-"], claims,
     lambda first: '"id":"long"' in first and '"decision":"invalid"' in first and too_long in first),
    ("scheme", ["scheme", "--rules", rules, "-"], situations,
     lambda first: '"status":"invalid"' in first and too_long in first),
]
with tempfile.TemporaryFile() as big:
    # Written a piece at a time: a child forked from this process counts the pages it holds.
    big.write(b'{"id":"long","x":"')
    piece = b"a" * (1 << 20)
    for _ in range(line_bytes >> 20):
        big.write(piece)
    big.seek(line_bytes)
    big.write(b"\n")
    for name, args, next_lines, first_is_right in long_line_cases:
        big.truncate(line_bytes + 1)
        big.seek(line_bytes + 1)
        with open(next_lines, "rb") as f:
            big.write(f.readline())
        big.seek(0)
        result = run(args, stdin=big)
        # The largest memory of this test's children so far: eval's, then each command's at most.
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        records = result.stdout.decode().splitlines()
        expect(f"{name} of a 256 MiB line", result, 1)
        if len(records) != 2 or not first_is_right(records[0]) or '"invalid"' in records[1]:
            failures.append(f"{name} of a 256 MiB line: records {[r[:300] for r in records]}")
        if not instrumented and peak_kb > 100 * 1024:  # the line held whole took 540 MB
            failures.append(f"{name} of a 256 MiB line: {peak_kb} KB of memory at most")

# R11: `check` on 50,000 declarations (acts, items, groups and rules by turns) reads each where
# the parser left it: 311 MB when the compiler copied them all, under 250 MB since (200,000:
# 1.2 GB -> 745 MB, docs/performance.md).
with tempfile.TemporaryDirectory() as scratch:
    subprocess.run([sys.executable, os.path.join(source, "tools", "generate_rules.py"), "declarations", "50000",
                    scratch], check=True)
    child = subprocess.Popen([cotation, "check", scratch], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = child.communicate()
    # The largest memory of this test's children so far: this one's (the commands above held
    # under 100 MB).
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if child.returncode != 0 or "50002 déclarations, 0 erreur" not in out.decode():
        failures.append(f"check of 50,000 declarations: exit {child.returncode}\n{out.decode()[-300:]}{err.decode()[:300]}")
    if not instrumented and peak_kb > 250 * 1024:
        failures.append(f"check of 50,000 declarations: {peak_kb} KB of memory at most")

# Every command that writes, into a full device and into a closed pipe: exit 2, a message naming
# where the output went. (The table, check's report, the decisions: each larger than no buffer.)
writers = {
    "check": ["check", rules],
    "eval": ["eval", "--rules", rules, claims],
    "eval --jobs 2": ["eval", "--rules", rules, "--jobs", "2", claims],
    "explain": ["explain", "--rules", rules, claims],
    "scheme": ["scheme", "--rules", rules, os.path.join(source, "tests", "cli", "scheme", "situations.jsonl")],
    "table": ["table", "--rules", rules, "--date", "2024-02-22"],
    "timeline": ["timeline", "--rules", rules, "AMK"],
    "test": ["test", rules],
    "diff": ["diff", os.path.join(source, "tests", "tools", "diff", "avant-avenant-7"), rules],
    "impact": ["impact", os.path.join(source, "tests", "tools", "diff", "avant-avenant-7"), rules, claims],
}
for name, args in writers.items():
    expect(f"{name} > /dev/full", to_full(args), 2, "impossible d'écrire la sortie (/dev/full) : No space left on device")
    expect(f"{name} | closed pipe", to_closed_pipe(args), 2, "impossible d'écrire la sortie (pipe:", "Broken pipe")
expect("--lang en > /dev/full", to_full(["--lang", "en"] + writers["table"]), 2,
       "cannot write the output (/dev/full): No space left on device")
with tempfile.TemporaryDirectory() as scratch:
    fmt_copy = os.path.join(scratch, "a.cot")
    with open(os.path.join(here, "amount_overflow.cot")) as f:
        text = f.read()
    with open(fmt_copy, "w") as f:
        f.write(text.replace("  arrondi", "arrondi"))  # badly laid out: fmt names the file it rewrites
    expect("fmt > /dev/full", to_full(["fmt", fmt_copy]), 2, "impossible d'écrire la sortie (/dev/full)")

# Inputs that cannot be read: exit 2, the path named.
with tempfile.TemporaryDirectory() as directory:
    for command in (["eval", "--rules", rules], ["explain", "--rules", rules], ["scheme", "--rules", rules]):
        expect(f"{command[0]} DIRECTORY", run(command + [directory]), 2,
               f"impossible de lire {directory} : Is a directory")
    # The error of the read itself, not errno once the workers have stopped (EAGAIN, now and then).
    for command in ("eval", "explain", "scheme"):
        expect(f"{command} < DIRECTORY", run([command, "--rules", rules, "-"], stdin=os.open(directory, os.O_RDONLY)),
               2, "impossible de lire l'entrée standard : Is a directory")
with tempfile.TemporaryDirectory() as directory:
    expect("impact DIRECTORY", run(["impact", rules, rules, directory]), 2, f"{directory} : fichier illisible")
result = run(["check", "/nonexistent"])
expect("check /nonexistent", result, 2)
if "/nonexistent n'existe pas" not in result.stdout.decode():
    failures.append("check /nonexistent: no message")
for command in ("eval", "explain", "table", "timeline", "scheme"):
    extra = {"table": ["--date", "2024-02-22"], "timeline": ["AMK"]}.get(command, [])
    expect(f"{command} --rules /nonexistent", run([command, "--rules", "/nonexistent"] + extra), 2,
           "/nonexistent n'existe pas")
expect("test /nonexistent", run(["test", "/nonexistent"]), 2, "/nonexistent n'existe pas")
expect("eval FILE missing", run(["eval", "--rules", rules, "/nonexistent.jsonl"]), 2, "/nonexistent.jsonl")
# A rules path that is not a regular file has the limit of any rule file (it read until memory ran out).
# Read, and found wrong: exit 1 for `check`, 3 for the commands that need the rules.
result = run(["check", "/dev/zero"])
expect("check /dev/zero", result, 1)
if "/dev/zero: erreur: le fichier dépasse la limite de 8388608 octets" not in result.stdout.decode():
    failures.append("check /dev/zero: no message")
expect("eval --rules /dev/zero", run(["eval", "--rules", "/dev/zero", claims]), 3,
       "le fichier dépasse la limite de 8388608 octets")

# A .cot link that leads nowhere, or to itself, is named, not skipped in silence.
with tempfile.TemporaryDirectory() as directory:
    with open(os.path.join(here, "amount_overflow.cot")) as f, open(os.path.join(directory, "a.cot"), "w") as g:
        g.write(f.read().replace("184467440737095516.15", "2.21"))  # a rule set that check accepts
    os.symlink(os.path.join(directory, "gone.cot"), os.path.join(directory, "dangling.cot"))
    os.symlink(os.path.join(directory, "loop.cot"), os.path.join(directory, "loop.cot"))
    result = run(["check", directory])
    out = result.stdout.decode()
    expect("check with dangling links", result, 0)
    for link in ("dangling.cot", "loop.cot"):
        if f"{link} est un lien qui ne mène à aucun fichier : il est ignoré" not in out:
            failures.append(f"check with dangling links: no warning for {link}\n{out[:800]}")

# R2: a value of 184467440737095516.15 € overflowed the table's arithmetic and aborted table and
# timeline; check now computes every amount and rejects the rule set (golden case
# tests/compile/errors/montant_trop_grand), so no command meets it.
overflow = os.path.join(here, "amount_overflow.cot")
for command in (["table", "--rules", overflow, "--date", "2025-01-01"], ["timeline", "--rules", overflow, "a1"]):
    expect(f"{command[0]} on an overflowing value", run(command), 3,
           "le montant de a1 (AMK 7 × 184467440737095516.15 € en metropole au 2024-02-22) est trop grand")

# R1: 10,000 operands `0 € + 0 € + ...` overflowed the compiler's stack (and `et` from 13,500).
with tempfile.TemporaryDirectory() as directory:
    for name, chain in (("sum", " + ".join(["0 €"] * 10000)), ("and", " et ".join(["vrai"] * 13500))):
        path = os.path.join(directory, name + ".cot")
        with open(path, "w") as f:
            f.write('règle r "r" {\n  pour tout acte\n  si ' + chain + '\n  alors refus\n  selon s "x"\n}\n')
        for command in (["check", path], ["eval", "--rules", path, claims], ["table", "--rules", path, "--date",
                                                                               "2024-02-22"]):
            result = run(command)
            expect(f"{command[0]} on {name} chain", result, 1 if command[0] == "check" else 3)
            if "l'expression est imbriquée sur plus de 64 niveaux" not in (result.stdout + result.stderr).decode():
                failures.append(f"{command[0]} on {name} chain: no nesting diagnostic")

# The last catch of main(): an exception no command handles (here std::bad_alloc, the address
# space capped at 48 MiB while 50,000 nested groups need about 140 MB) ends with a message and
# exit 3, never an abort. AddressSanitizer reserves terabytes of address space and dies on a
# failed allocation by design: the release run checks this.
if not instrumented:
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "groups.cot")
        with open(path, "w") as f:
            f.write('source s "Source" rang texte\n')
            for i in range(50000):
                f.write(f'groupe g{i} "G" {{\n  groupe g{i + 1}\n}}\n' if i < 49999 else f'groupe g{i} "G" {{\n}}\n')

        def cap_address_space():
            resource.setrlimit(resource.RLIMIT_AS, (48 << 20, 48 << 20))

        result = subprocess.run([cotation, "check", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL, preexec_fn=cap_address_space)
        expect("check out of memory (last catch)", result, 3, "erreur interne : std::bad_alloc",
               "signalez-la avec la commande et les fichiers qui l'ont provoquée")

for failure in failures:
    print("FAIL:", failure)
print(f"faults: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
