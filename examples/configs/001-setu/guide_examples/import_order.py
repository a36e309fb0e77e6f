# From the guide, section "Setu Python Style Guide > Import Organization > Import Order".
# 1. Standard library imports
import logging
import time
from typing import Dict, List, Optional, Tuple, Union
from dataclasses import field

# 2. Third-party imports  
import torch
import numpy as np
from transformers import AutoTokenizer

# 3. Setu native imports (C++ bindings)
from setu._native.core.configs import ModelConfig as ModelConfig_C
from setu._native.core.datatypes import Session, SamplingParams

# 4. Setu Python imports
from setu.core.configs.base_poly_config import BasePolyConfig
from setu.core.configs.parallel_config import ParallelConfig
from setu.logger import init_logger
from setu.utils.dataclasses import frozen_dataclass
