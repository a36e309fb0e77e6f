# From the guide, section "Setu Python Style Guide > Dataclasses and Configuration > Field Metadata".
@frozen_dataclass
class ParallelConfig:
    tensor_parallel_size: int = field(
        default=1,
        metadata={
            "help": "Number of tensor parallel replicas.",
            "constraints": "Must be a power of 2 and <= number of GPUs"
        }
    )
    pipeline_parallel_size: int = field(
        default=1, 
        metadata={
            "help": "Number of pipeline parallel stages.",
            "constraints": "Must be >= 1"
        }
    )
