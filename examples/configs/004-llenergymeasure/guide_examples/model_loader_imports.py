# From the guide, section "Coding Conventions > Import Organization > Example from `src/llenergymeasure/core/model_loader.py`:".
from __future__ import annotations

import importlib
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import torch
from loguru import logger
from packaging import version
from transformers import AutoModelForCausalLM, AutoTokenizer, BitsAndBytesConfig

if TYPE_CHECKING:
    from transformers import PreTrainedModel, PreTrainedTokenizer

from llenergymeasure.config.backend_configs import PyTorchConfig
from llenergymeasure.config.models import ExperimentConfig
from llenergymeasure.exceptions import ConfigurationError
