"""Serving the pages: Voilà tuned and hardened for a room full of phones.

:mod:`.routes` (URL paths, notebook names, the join link), :mod:`.launch`
(starting Voilà), :mod:`.app` (the Voilà application with the kit's handlers),
:mod:`.security` (what a page may send) and :mod:`.access` (the facilitator secret).
"""

#: Its modules, imported where used: each name is imported from the module that defines it.
__all__ = ["access", "app", "launch", "routes", "security"]
