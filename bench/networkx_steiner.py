"""NetworkX's steiner_tree on SteinLib files: prints "file cost" per line.
The peer of clairvoie's solver in bench/steiner.sh (Debian python3-networkx)."""
import sys
import time
import networkx as nx
from networkx.algorithms.approximation import steiner_tree

def read(path):
    g, terminals, section = nx.Graph(), [], None
    for line in open(path):
        f = line.split()
        if not f:
            continue
        key = f[0].upper()
        if key == "SECTION":
            section = f[1].upper()
        elif key == "END":
            section = None
        elif section == "GRAPH" and key == "E":
            u, v, w = int(f[1]), int(f[2]), float(f[3])
            if not g.has_edge(u, v) or w < g[u][v]["weight"]:
                g.add_edge(u, v, weight=w)
        elif section == "TERMINALS" and key == "T":
            terminals.append(int(f[1]))
    return g, terminals

for path in sys.argv[1:]:
    cpu = time.process_time()
    g, t = read(path)
    tree = steiner_tree(g, t, weight="weight")
    print(path.split("/")[-1], int(tree.size(weight="weight")) if tree.size(weight="weight").is_integer() else tree.size(weight="weight"), flush=True)
    # CPU seconds on stderr: a fair figure even when the machine is shared.
    print(path.split("/")[-1], "cpu_s", round(time.process_time() - cpu, 2), file=sys.stderr, flush=True)
