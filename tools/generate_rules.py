#!/usr/bin/env python3
"""Generates a large rule set, to measure how the compiler scales (docs/performance.md).

Usage: generate_rules.py KIND N OUT.cot (OUT, a directory, for declarations)
  shared-code   N acts billed with one code (AMK 7), each on a day of its own: one code on
                disjoint periods, which the code index compares.
  conditions    N rules on one act with one condition, refusals and acceptances alternating,
                each on a day of its own: one condition, different outcomes, disjoint periods.
  scopes        N rules with one condition, refusals and acceptances alternating, each on an
                act of its own over the same period: one condition, different outcomes,
                disjoint scopes.
  declarations  N declarations: an act, an item, a group of the act and a rule on the group by
                turns, in files of 25,000 declarations (a file has at most 8 MiB).
"""
import os
import datetime
import sys

kind, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
first_day = datetime.date(2024, 2, 22)
header = """source s "Source" rang texte
lettre AMK "Actes" {
  arrondi au centime demi_loin_de_zero selon s "x"
  valeur 2.21 € en metropole, 2.43 € en drom depuis 2024-02-22 selon s "x"
}
"""


def day(i):
    return (first_day + datetime.timedelta(days=i)).isoformat()


def act(name, cotation):
    return f'acte {name} "Acte {name}" {{\n  article s "art. 1"\n  cotation {cotation} selon s "x"\n}}\n'


def rule(name, scope, period, outcome):
    return (f'règle {name} "Règle {name}" {{\n  pour {scope}\n{period}  si patient.age < 18\n'
            f'  alors {outcome}\n' + ('  message "m"\n' if outcome == "refus" else "") + '  selon s "x"\n}\n')


outcomes = ["refus", "acceptation"]
if kind == "declarations":
    os.makedirs(out, exist_ok=True)
    for start in range(0, count, 25000):
        with open(os.path.join(out, f"part-{start // 25000:03}.cot"), "w") as f:
            f.write(header if start == 0 else "")
            for i in range(start, min(count, start + 25000)):
                if i % 4 == 0:
                    f.write(act(f"a{i}", f"AMK {7 + i // 1000}.{i % 1000:03} depuis 2024-02-22"))
                elif i % 4 == 1:
                    f.write(f'forfait F{i} "Forfait {i}" {{\n  valeur 2.50 € en metropole, 2.50 € en drom selon s "x"\n}}\n')
                elif i % 4 == 2:
                    f.write(f'groupe g{i} "Groupe {i}" {{\n  acte a{i - 2}\n}}\n')
                else:
                    f.write(rule(f"r{i}", f"groupe g{i - 1}", "", "refus"))
    sys.exit(0)
with open(out, "w") as f:
    f.write(header)
    if kind == "shared-code":
        for i in range(count):
            f.write(act(f"a{i}", f"AMK 7 depuis {day(i)} jusqu'au {day(i)}"))
    elif kind == "conditions":
        f.write(act("a", "AMK 7 depuis 2024-02-22"))
        for i in range(count):
            f.write(rule(f"r{i}", "acte a", f"  depuis {day(i)}\n  jusqu'au {day(i)}\n", outcomes[i % 2]))
    elif kind == "scopes":
        for i in range(count):
            f.write(act(f"a{i}", f"AMK {7 + i // 1000}.{i % 1000:03} depuis 2024-02-22"))
            f.write(rule(f"r{i}", f"acte a{i}", "", outcomes[i % 2]))
    else:
        sys.exit(f"unknown kind {kind}")
