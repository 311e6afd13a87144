"""Packages whose public names load on first use (PEP 562's module ``__getattr__``).

A package lists each public name with the submodule that defines it; importing the
package then costs nothing, and a heavy library (the engine's numpy and scipy, the PDF
library) is imported only by the code that uses it. Standard library only: the pure
packages (the engine, the documents) use it too.
"""

import sys
from importlib import import_module
from typing import Any


def homes_of(modules: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """``{module: (name, ...)}`` turned round: the module of each public name."""
    return {name: module for module, names in modules.items() for name in names}


def load(package: str, homes: dict[str, str], name: str) -> Any:
    """The public ``name`` of ``package``, imported from its module and kept on the
    package, so that the next look-up finds it at once."""
    if name not in homes:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    value = getattr(import_module(f"{package}.{homes[name]}"), name)
    setattr(sys.modules[package], name, value)
    return value
