# From the guide, section "Setu Python Style Guide > Dataclasses and Configuration > Frozen Dataclasses".
from setu.utils.dataclasses import frozen_dataclass
from dataclasses import field
from typing import List, Optional

@frozen_dataclass
class ModelConfig:
    model_name: str = field(
        default="meta-llama/Meta-Llama-3-8B-Instruct",
        metadata={"help": "Name or path of the HuggingFace model to use."}
    )
    max_model_len: int = field(
        default=4096,
        metadata={"help": "Maximum session length supported by the model."}
    )
    trust_remote_code: bool = field(
        default=False,
        metadata={"help": "Trust remote code when loading model."}
    )
    
    def __post_init__(self) -> None:
        """Validate and initialize derived fields."""
        self._validate_parameters()
        self.hf_config = get_config(self.model_name, self.trust_remote_code)
        # Create native handle for C++ interop
        object.__setattr__(self, 'native_handle', ModelConfig_C(
            model_name=self.model_name,
            max_model_len=self.max_model_len,
            # ... other parameters
        ))
    
    def _validate_parameters(self) -> None:
        """Validate configuration parameters."""
        if self.max_model_len <= 0:
            raise ValueError(f"max_model_len must be positive, got {self.max_model_len}")
        
        if not self.model_name.strip():
            raise ValueError("model_name cannot be empty")
