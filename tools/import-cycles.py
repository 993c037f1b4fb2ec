#!/usr/bin/env python3
"""File (top-level class) and package cycles in compiled main code, from `jdeps -verbose:class` (#15).
`mvn verify` runs it on each module's target/classes (the root pom's import-cycles execution) and fails on any cycle;
modules cannot form cycles with each other (Maven's module graph has none), so a module at a time finds them all.
By hand, after `mvn -DskipTests package`: tools/import-cycles.py contract/target/classes lambda/target/classes ...
Usage: import-cycles.py DIR... (target/classes directories; absent ones are skipped). Nested classes count as their
top-level class. Exit status 1 when there is a cycle."""
import collections, os, re, subprocess, sys
java = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "jdeps")
dirs = [d for d in sys.argv[1:] if os.path.isdir(d)]
if not dirs:
    print("no classes to check")
    sys.exit(0)
edges = collections.defaultdict(set)
nodes = set()
for d in dirs:
    out = subprocess.run([java, "-verbose:class", "-filter:none", "-cp", ":".join(dirs), d],
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        m = re.match(r"\s+(\S+)\s+->\s+(\S+)\s", line)
        if not m: continue
        a, b = (x.split("$")[0] for x in m.groups())
        if not b.startswith("broker."): continue
        nodes.add(a)
        if a != b: edges[a].add(b)
def sccs(nodes, edges):
    index, low, stack, on, out, i = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(100000)
    def visit(v):
        index[v] = low[v] = i[0]; i[0] += 1; stack.append(v); on.add(v)
        for w in edges.get(v, ()):
            if w not in index: visit(w); low[v] = min(low[v], low[w])
            elif w in on: low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v: break
            if len(comp) > 1: out.append(sorted(comp))
    for v in sorted(nodes):
        if v not in index: visit(v)
    return out
pkg = lambda c: c.rsplit(".", 1)[0]
pedges = collections.defaultdict(set)
for a, bs in edges.items():
    for b in bs:
        if pkg(a) != pkg(b): pedges[pkg(a)].add(pkg(b))
fc, pc = sccs(nodes, edges), sccs({pkg(n) for n in nodes}, pedges)
print(f"{len(nodes)} classes, {len({pkg(n) for n in nodes})} packages")
print(f"file cycles: {len(fc)}"); [print("  ", " <-> ".join(c)) for c in fc]
print(f"package cycles: {len(pc)}"); [print("  ", " <-> ".join(c)) for c in pc]
sys.exit(1 if fc or pc else 0)
