"""samskaping: a co-creation workshop kit for Norwegian municipalities.

Kept import-light on purpose: every participant page is a Python process, so
importing the package must not pull in plotting or clustering libraries.
"""

__version__ = "0.1.0"
