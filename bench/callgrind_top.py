#!/usr/bin/env python3
"""Per-request instruction counts by function from a callgrind profile (bench/kms-callgrind.sh writes one).

  callgrind_top.py PROFILE REQUESTS                   top functions by self cost, then by inclusive cost
  callgrind_top.py PROFILE REQUESTS --callees TEXT    what the functions whose name contains TEXT call

Written because callgrind_annotate 3.19 attributes a whole Swift profile to `clone`. Names are demangled with
`swift demangle`. Inclusive costs of async functions are split across their partial functions (shown with
'2 for recursion): read them at synchronous functions such as `RequestAuthenticator.authenticate`.
"""
import argparse
import collections
import re
import subprocess

ap = argparse.ArgumentParser()
ap.add_argument("profile")
ap.add_argument("requests", type=int)
ap.add_argument("--callees")
ap.add_argument("--top", type=int, default=40)
a = ap.parse_args()

names = {}
self_cost = collections.Counter()
call_cost = collections.defaultdict(collections.Counter)
call_count = collections.defaultdict(collections.Counter)


def name(kind, rest):
    match = re.match(r"\((\d+)\)(?: (.*))?", rest)
    if not match:
        return rest
    key = (kind, match.group(1))
    if match.group(2) is not None:
        names[key] = match.group(2)
    return names.get(key, rest)


function = callee = None
calls = 0
after_calls = False
for line in open(a.profile, errors="replace"):
    line = line.rstrip("\n")
    for prefix, kind in (("fn=", "fn"), ("cfn=", "fn"), ("fl=", "fl"), ("fi=", "fl"), ("fe=", "fl"),
                         ("cfi=", "fl"), ("cfl=", "fl"), ("ob=", "ob"), ("cob=", "ob")):
        if line.startswith(prefix):
            value = name(kind, line[len(prefix):])
            if prefix == "fn=":
                function, after_calls = value, False
            elif prefix == "cfn=":
                callee = value
            break
    else:
        if line.startswith("calls="):
            after_calls, calls = True, int(line[6:].split()[0])
        elif line and (line[0].isdigit() or line[0] in "+-*"):
            fields = line.split()
            if len(fields) >= 2:
                if after_calls:
                    call_cost[function][callee] += int(fields[1])
                    call_count[function][callee] += calls
                    after_calls = False
                else:
                    self_cost[function] += int(fields[1])


def demangle(symbols):
    output = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(symbols),
                            capture_output=True, text=True).stdout
    return output.split("\n")


n = a.requests
total = sum(self_cost.values())
if a.callees:
    functions = sorted(set(self_cost) | set(call_cost))
    for function, readable in zip(functions, demangle(functions)):
        if a.callees not in readable:
            continue
        inclusive = self_cost[function] + sum(call_cost[function].values())
        print(f"{inclusive / n:10,.0f} inclusive {self_cost[function] / n:8,.0f} self  {readable[:150]}")
        top = call_cost[function].most_common(15)
        for (callee, cost), readable_callee in zip(top, demangle([c for c, _ in top])):
            print(f"    {cost / n:10,.0f}  x{call_count[function][callee] / n:5.1f}  {readable_callee[:140]}")
else:
    print(f"total {total:,} instructions, {total / n:,.0f} per request")
    top = self_cost.most_common(a.top)
    print("\nself cost per request")
    for (function, cost), readable in zip(top, demangle([f for f, _ in top])):
        print(f"{cost / n:10,.0f} {100 * cost / total:5.1f}%  {readable[:150]}")
    inclusive = {f: self_cost[f] + sum(call_cost[f].values()) for f in set(self_cost) | set(call_cost)}
    top = sorted(inclusive.items(), key=lambda item: -item[1])[: a.top * 3]
    print("\ninclusive cost per request")
    for (function, cost), readable in zip(top, demangle([f for f, _ in top])):
        print(f"{cost / n:10,.0f} {100 * cost / total:5.1f}%  {readable[:150]}")
