"""Generalisation suite: improvement plans of fictional councils, with gold by construction.

``build.build_all()`` makes the five fixed styles' PDFs and gold; ``seeded/`` makes randomised
plans by seed (development seeds below 1000, evaluation seeds from 1000 with held-out wordings);
``benchmarks/generalise.py`` scores the library on both. See README.md in this folder.
"""
