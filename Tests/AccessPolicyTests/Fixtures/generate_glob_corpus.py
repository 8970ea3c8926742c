#!/usr/bin/env python3
"""Writes glob-corpus.json: IAM wildcard cases whose expected answers come from Python's fnmatch.fnmatchcase.

IAM patterns have only `*` and `?`; fnmatch also treats `[` specially, so the alphabet leaves brackets out.
Run from this directory: python3 generate_glob_corpus.py
"""
import fnmatch
import json
import random

random.seed(20240501)
subject_alphabet = ["a", "b", ":", "/", "\u00e9", "K"]
pattern_alphabet = subject_alphabet + ["*", "*", "?"]

fixed = [
    ("", ""), ("", "a"), ("*", ""), ("?", ""), ("**", "ab"), ("*?*", ""), ("*?*", "a"),
    ("a*b*c", "axxbyyc"), ("a*b*c", "axxbyy"), ("*a", "bbba"), ("*a", "bbab"),
    ("kms:*", "kms:decrypt"), ("kms:generatedatakey*", "kms:generatedatakeywithoutplaintext"),
    ("kms:*crypt", "kms:reencrypt"), ("kms:?ecrypt", "kms:decrypt"), ("kms:?ecrypt", "kms:ddecrypt"),
    ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c"), ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket2/a"),
    ("\u00e9?", "\u00e9\u00e9"), ("?", "\u00e9"), ("??", "\u00e9"), ("*\u00e9*", "ab\u00e9ba"),
    ("a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
    ("[a]", "a"), ("[a]", "[a]"), ("a\\*", "a\\bc"),
]

cases = []
seen = set()
for pattern, subject in fixed:
    # Brackets are literal in IAM; fnmatch would treat them as a class, so their answers are written by hand.
    expected = (pattern == subject) if "[" in pattern else fnmatch.fnmatchcase(subject, pattern)
    cases.append({"pattern": pattern, "subject": subject, "match": expected})
    seen.add((pattern, subject))

while len(cases) < 1500:
    pattern = "".join(random.choice(pattern_alphabet) for _ in range(random.randint(0, 7)))
    if random.random() < 0.5:
        # Derive a subject from the pattern so that matches are common, then perturb it sometimes.
        subject = "".join(
            "".join(random.choice(subject_alphabet) for _ in range(random.randint(0, 3))) if c == "*"
            else random.choice(subject_alphabet) if c == "?" else c
            for c in pattern
        )
        if random.random() < 0.3 and subject:
            i = random.randrange(len(subject))
            subject = subject[:i] + random.choice(subject_alphabet) + subject[i + 1:]
    else:
        subject = "".join(random.choice(subject_alphabet) for _ in range(random.randint(0, 8)))
    if (pattern, subject) in seen:
        continue
    seen.add((pattern, subject))
    cases.append({"pattern": pattern, "subject": subject, "match": fnmatch.fnmatchcase(subject, pattern)})

with open("glob-corpus.json", "w", encoding="utf-8") as out:
    out.write('{"generator": "generate_glob_corpus.py (fnmatch.fnmatchcase)", "cases": [\n')
    out.write(",\n".join(json.dumps(case, ensure_ascii=False) for case in cases))
    out.write("\n]}\n")
print(len(cases), "cases,", sum(c["match"] for c in cases), "matches")
