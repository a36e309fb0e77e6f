# From the guide, section "Coding Conventions > Docstrings > Example from `src/llenergymeasure/config/models.py`:".
"""Configuration models for LLM Bench experiments.

This module defines the Tier 1 (Universal) configuration that applies identically
across all backends. Backend-specific parameters live in backend_configs.py.
"""
