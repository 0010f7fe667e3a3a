"""Randomised plans: every seed draws a council's whole way of making its plan, with gold by
construction. Seeds below 1000 (development) print the training wordings; seeds from 1000 up
(evaluation) print the held-out ones in ``../heldout/``. See ``../README.md``.
"""
