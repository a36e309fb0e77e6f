# From the guide, section "Setu Python Style Guide > Type Hints > Comprehensive Type Annotations".
from typing import Dict, List, Optional, Tuple, Union, Any
from dataclasses import dataclass

@dataclass
class ModelConfig:
    model_name: str
    max_model_len: int
    vocab_size: Optional[int] = None
    dtype: str = "float16"
    
    def validate(self) -> None:
        """Validate configuration parameters."""
        if self.max_model_len <= 0:
            raise ValueError(f"max_model_len must be positive, got {self.max_model_len}")

def process_batch(
    sessions: List[Session],
    sampling_params: SamplingParams,
    kv_caches: List[torch.Tensor],
) -> Tuple[List[SamplerOutput], Dict[str, Any]]:
    """Process a batch of sessions with given sampling parameters."""
    # Implementation
    return outputs, metrics
