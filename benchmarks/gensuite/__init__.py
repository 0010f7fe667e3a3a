"""Generalisation suite: improvement plans of fictional councils, with gold by construction.

``build.build_all()`` makes the PDFs and gold; ``benchmarks/generalise.py`` scores the library.
See README.md in this folder.
"""
