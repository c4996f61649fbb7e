"""Decisions learned from the gold: linear models stored as JSON, their
training (``tenets train``), calibration and cross-validation.

Extraction only needs :mod:`pipeline.learn.linear` (pure Python); training
imports scikit-learn.
"""
