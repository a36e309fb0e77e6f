# From the guide, section "Setu Python Style Guide > Class Design Patterns > Registry Pattern".
from typing import Type, Dict, Any
from abc import ABC, abstractmethod

class BaseRegistry(ABC):
    """Base class for component registries."""
    _registry: ClassVar[Dict[Enum, Type[Any]]] = {}
    
    @classmethod
    def register(cls, key: Enum, implementation_class: Type[Any]) -> None:
        """Register an implementation for the given key."""
        if key in cls._registry:
            logger.warning("Overriding existing registration for %s", key)
        cls._registry[key] = implementation_class
    
    @classmethod
    def get(cls, key: Enum, *args: Any, **kwargs: Any) -> Any:
        """Create an instance of the registered implementation."""
        if key not in cls._registry:
            raise ValueError(f"{key} is not registered in {cls.__name__}")
        return cls._registry[key](*args, **kwargs)
    
    @classmethod
    def list_registered(cls) -> List[Enum]:
        """List all registered keys."""
        return list(cls._registry.keys())

class BatcherRegistry(BaseRegistry):
    """Registry for batcher implementations."""
    _registry: ClassVar[Dict[BatcherType, Type[BaseBatcher]]] = {}

# Register implementations
BatcherRegistry.register(BatcherType.FIXED_CHUNK, FixedChunkBatcher)
BatcherRegistry.register(BatcherType.DYNAMIC_CHUNK, DynamicChunkBatcher)

# Use registry
batcher = BatcherRegistry.get(BatcherType.FIXED_CHUNK, config)
