# From the guide, section "Setu Python Style Guide > Documentation > Module-Level Documentation".
"""Setu model configuration management.

This module provides configuration classes for model loading, validation,
and parameter management. It integrates with the HuggingFace transformers
library for model discovery and with Setu's native C++ implementation
for performance-critical operations.

Example:
    Basic usage of ModelConfig:
    
    >>> config = ModelConfig(
    ...     model_name="meta-llama/Meta-Llama-3-8B-Instruct",
    ...     max_model_len=4096
    ... )
    >>> config.validate()
    >>> engine = InferenceEngine(config)

Classes:
    ModelConfig: Configuration for model loading and execution.
    ModelRegistry: Registry for supported model types.
    
Functions:
    validate_model_config: Validate model configuration parameters.
    load_model_config: Load configuration from file or dictionary.
"""

from typing import Dict, List, Optional
# ... rest of module
