# From the guide, section "Coding Conventions > Type Annotations > TYPE_CHECKING imports:".
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transformers import PreTrainedModel, PreTrainedTokenizer
    from llenergymeasure.core.inference import InferenceEngine
