"""Training of the content classifier: corpus building, sklearn fitting and export.

Only `posko train` and the corpus builder import this package; inference (engine/model.py)
never does, so scikit-learn stays an optional training dependency.
"""
