#!/usr/bin/env python3
"""Score reviewkg's extended facts against the corpus gold.

The shared scorer (../shared/eval/score.py) reads the six core relations.
This tool reads the further facts the gold files list, from the same
N-Triples, with the schema.org terms the project emits:

  year             schema:dateCreated (xsd:gYear) of the reviewed film
  runtime          schema:duration "PT<n>M"
  country          schema:countryOfOrigin -> schema:name
  language         schema:inLanguage (a BCP 47 tag or a name) -> compared with
                   the gold name or tag
  rating           reviewKG rkv:ratingText (the rating as written), or
                   schema:ratingValue/bestRating as "v/b"
  writer           rkv:screenwriter -> schema:name
  composer         schema:musicBy -> schema:name
  cinematographer  rkv:cinematographer -> schema:name
  editor           schema:editor -> schema:name
  based_on         schema:isBasedOn -> schema:name, schema:author -> schema:name
  other_film       schema:mentions -> schema:name, schema:director -> schema:name

    tools/score-extended.py [-v] [--cmd CMD] CORPUS...

Only the Python standard library is used; names are compared as the shared
scorer compares them (accents, case and punctuation folded).
"""
import argparse
import collections
import os
import shlex
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "shared", "eval"))
try:
    import score as base  # the shared scorer: N-Triples parser, name folding, gold reader
except ImportError:
    sys.exit("score-extended: ../shared/eval/score.py not found next to the checkout")

S = "http://schema.org/"
RKV = "https://w3id.org/reviewkg/vocab#"
EXTENDED = ("year", "runtime", "country", "language", "rating", "writer", "composer",
            "cinematographer", "editor", "based_on", "other_film")

# BCP 47 tags of the languages a review is likely to name, so that a gold
# "French" matches an emitted "fr" (the emitted side is what is checked).
TAG_NAMES = {}
try:
    import json
    with open("/usr/share/iso-codes/json/iso_639-2.json", encoding="utf-8") as f:
        for e in json.load(f)["639-2"]:
            tag = e.get("alpha_2") or e["alpha_3"]
            for name in e["name"].split(";"):
                TAG_NAMES.setdefault(tag, set()).add(base.norm(name))
except (OSError, KeyError, ValueError):
    pass


def objs(g, s, pred):
    return g.out.get(s, {}).get(pred, [])


def names(g, node):
    return {o[1] for p in (S + "name", S + "alternateName") for o in objs(g, node, p) if o[0] == "lit"}


def predicted(g):
    facts = []
    for review in g.subjects_of_type("Review"):
        for rr in objs(g, review, S + "reviewRating"):
            texts = {o[1] for o in objs(g, rr, RKV + "ratingText") if o[0] == "lit"}
            v = [o[1] for o in objs(g, rr, S + "ratingValue")]
            b = [o[1] for o in objs(g, rr, S + "bestRating")]
            if v and b:
                texts.add("%s/%s" % (v[0], b[0]))
            facts.append(("rating", (frozenset(texts),)))
        for of in objs(g, review, S + "mentions"):
            dirs = [names(g, d) for d in objs(g, of, S + "director")] or [set()]
            for d in dirs:
                facts.append(("other_film", (frozenset(names(g, of)), frozenset(d))))
        for film in objs(g, review, S + "itemReviewed"):
            for o in objs(g, film, S + "dateCreated"):
                facts.append(("year", (frozenset([o[1][:4]]),)))
            for o in objs(g, film, S + "duration"):
                facts.append(("runtime", (frozenset([o[1].strip("PTM")]),)))
            for c in objs(g, film, S + "countryOfOrigin"):
                facts.append(("country", (frozenset(names(g, c) if c[0] != "lit" else {c[1]}),)))
            for o in objs(g, film, S + "inLanguage"):
                alts = {o[1]} | TAG_NAMES.get(o[1], set())
                facts.append(("language", (frozenset(alts),)))
            for rel, pred in (("writer", RKV + "screenwriter"), ("composer", S + "musicBy"),
                              ("cinematographer", RKV + "cinematographer"), ("editor", S + "editor")):
                for p in objs(g, film, pred):
                    facts.append((rel, (frozenset(names(g, p)),)))
            for w in objs(g, film, S + "isBasedOn"):
                authors = [names(g, a) for a in objs(g, w, S + "author")] or [set()]
                for a in authors:
                    facts.append(("based_on", (frozenset(names(g, w)), frozenset(a))))
    seen, out = set(), []
    for f in facts:
        if f not in seen:
            seen.add(f)
            out.append(f)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="+")
    ap.add_argument("--cmd", default="src/reviewkg extract -f ntriples")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    cmd = shlex.split(a.cmd)
    total = collections.defaultdict(lambda: [0, 0, 0])
    for corpus in a.corpus:
        for stem, doc, gpath in base.docs_of(corpus):
            r, _ = base.run(cmd, [doc])
            triples, _ = base.parse_ntriples(r.stdout.decode("utf-8", errors="replace"))
            pred = predicted(base.Graph(triples))
            gold = [g for g in base.read_gold(gpath) if g[0] in EXTENDED]
            # other_film and based_on gold have two fields; a one-field gold
            # (based_on without author) matches on the first only
            c, fps, fns = base.score_doc(pred, gold, EXTENDED)
            for rel, v in c.items():
                for i in range(3):
                    total[rel][i] += v[i]
            if a.verbose and (fps or fns):
                print("== %s" % doc)
                for rel, n in fns:
                    print("  missed  %-15s %s" % (rel, " -> ".join(base.show(x) for x in n)))
                for rel, n in fps:
                    print("  wrong   %-15s %s" % (rel, " -> ".join(base.show(x) for x in n)))
    print("%-15s %5s %5s %5s %6s %6s %6s" % ("relation", "gold", "pred", "tp", "P", "R", "F1"))
    G = P = T = 0
    for rel in EXTENDED:
        g, p, tp = total[rel]
        G, P, T = G + g, P + p, T + tp
        print("%-15s %5d %5d %5d %6.3f %6.3f %6.3f" % ((rel, g, p, tp) + base.prf(g, p, tp)))
    print("%-15s %5d %5d %5d %6.3f %6.3f %6.3f" % (("extended", G, P, T) + base.prf(G, P, T)))


if __name__ == "__main__":
    main()
