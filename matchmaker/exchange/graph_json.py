"""Graph JSON: the pair graph in networkx node-link form, for analysis and visualisation.

Format (`networkx.node_link_data(graph, edges="links")`)::

    {"directed": false, "multigraph": false, "graph": {},
     "nodes": [{"id": "a@x.de", "organisation": "...", "org_type": "sme",
                "industry": "ict_software"}, ...],
     "links": [{"source": "a@x.de", "target": "b@y.de", "weight": 17}, ...]}

Nodes are keyed by e-mail (sorted); every pair with a positive score is a link carrying
its integer `weight` (the score). `networkx.node_link_graph(data, edges="links")` reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # networkx is imported when a graph is written, not with the console
    import networkx as nx


def graph_document(
    graph: nx.Graph,
    emails: Mapping[int, str],
    attributes: Mapping[int, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Node-link data of `graph` (nodes keyed by attendee id) with e-mails as node ids."""
    import networkx as nx

    keyed = nx.Graph()
    for node in sorted(graph.nodes):
        keyed.add_node(emails[node], **dict((attributes or {}).get(node, {})))
    edges = sorted(
        (min(emails[a], emails[b]), max(emails[a], emails[b]), int(w))
        for a, b, w in graph.edges(data="weight")
    )
    keyed.add_weighted_edges_from(edges)
    return nx.node_link_data(keyed, edges="links")
