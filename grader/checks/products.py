"""Matrix products in replayed known bugs report their shapes as ``np.dot`` does.

A student who writes ``np.dot(W1.T, X)`` gets "shapes (3,4) and (3,5) not aligned: ...",
which names both shapes; ``@`` names only the two inner sizes. Known bugs are written with
``@``, so a product error they replay told only the sizes, and two bugs that put the same
sizes against each other at different places (``W1.T @ X`` and ``W2 @ X``) could not be
told apart for such a student. Replayed code therefore runs its ``a @ b`` as
``matmul(a, b)``: the same product, whose shape error between two 2-D arrays is worded as
``np.dot`` words it (``grader.checks.transcripts.same_error`` compares the full shapes
when both sides name them, and the inner sizes otherwise).
"""

from __future__ import annotations

import ast
from typing import Any

import numpy as np

NAME = "__grade_matmul__"  # what a replayed module calls for ``@``


def matmul(left: Any, right: Any) -> Any:
    """``left @ right``; a shape error between two 2-D arrays in ``np.dot``'s words."""
    try:
        return left @ right
    except ValueError:
        two_d = all(isinstance(a, np.ndarray) and a.ndim == 2 for a in (left, right))
        if two_d and left.shape[1] != right.shape[0]:
            (rows, inner), (other, columns) = left.shape, right.shape
            raise ValueError(
                f"shapes ({rows},{inner}) and ({other},{columns}) not aligned: "
                f"{inner} (dim 1) != {other} (dim 0)"
            ) from None
        raise


class _Products(ast.NodeTransformer):
    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        if not isinstance(node.op, ast.MatMult):
            return node
        call = ast.Call(ast.Name(NAME, ast.Load()), [node.left, node.right], [])
        return ast.copy_location(call, node)


def with_named_products(source: str, filename: str) -> ast.Module:
    """``source`` parsed, with every ``a @ b`` a call of ``matmul`` (``@=`` is kept)."""
    tree = ast.parse(source, filename)
    _Products().visit(tree)  # the module node itself is kept; its products are replaced
    return ast.fix_missing_locations(tree)
