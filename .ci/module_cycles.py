#!/usr/bin/env python3
"""Import circles between the modules of each workspace crate.

A module `a` depends on `b` when a file of `a` names `crate::b` (in a `use` or a path). Prints
every strongly connected component of more than one module, per crate, and exits 1 if there is
any. Submodules count as their top-level module (`crate::persist::writer` is `persist`), and a
folder module's own files are one module. Comments and doc comments are ignored.

Usage: python3 .ci/module_cycles.py [CRATE_DIR ...]   (default: crates/* and the root package)
"""
import os, re, sys

def modules(src):
    mods = {}
    for root, _, files in os.walk(src):
        for f in files:
            if not f.endswith('.rs'):
                continue
            rel = os.path.relpath(os.path.join(root, f), src)
            parts = rel[:-3].split(os.sep)
            top = parts[0]
            if top in ('lib', 'main'):
                continue
            mods.setdefault(top, []).append(os.path.join(root, f))
    return mods

def deps(files, names):
    out = set()
    for fn in files:
        text = open(fn, encoding='utf-8').read()
        text = re.sub(r'//[^\n]*', '', text)
        for m in re.finditer(r'\bcrate::(\w+)', text):
            out.add(m.group(1))
        # grouped: use crate::{a, b::c}
        for m in re.finditer(r'\bcrate::\{([^;]*)\}', text):
            for p in re.split(r'[,{}\s]+', m.group(1)):
                if p:
                    out.add(p.split('::')[0])
    return {d for d in out if d in names}

def sccs(graph):
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]
    def visit(v):
        index[v] = low[v] = n[0]; n[0] += 1; stack.append(v); on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v:
                    break
            out.append(comp)
    for v in graph:
        if v not in index:
            visit(v)
    return out

def main():
    sys.setrecursionlimit(10000)
    dirs = sys.argv[1:] or sorted(
        [os.path.join('crates', d) for d in os.listdir('crates')] + ['.'])
    bad = 0
    for d in dirs:
        src = os.path.join(d, 'src')
        if not os.path.isdir(src):
            continue
        mods = modules(src)
        graph = {m: deps(fs, mods) - {m} for m, fs in mods.items()}
        for comp in sccs(graph):
            if len(comp) > 1:
                bad += 1
                print(f'{d}: import circle between modules {", ".join(sorted(comp))}')
    if bad == 0:
        print('no import circle inside any crate')
    sys.exit(1 if bad else 0)

main()
