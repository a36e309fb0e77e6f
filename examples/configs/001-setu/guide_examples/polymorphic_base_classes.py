# From the guide, section "Setu Python Style Guide > Class Design Patterns > Polymorphic Base Classes".
from abc import ABC, abstractmethod
from enum import Enum
from typing import Any, ClassVar, Dict

class SchedulerType(Enum):
    FCFS = "fcfs"
    PRIORITY = "priority"
    FAIR_SHARE = "fair_share"

@frozen_dataclass
class BaseSchedulerConfig(BasePolyConfig):
    """Base class for scheduler configurations."""
    
    @classmethod
    @abstractmethod
    def get_type(cls) -> SchedulerType:
        """Return the scheduler type for this config."""
        pass

@frozen_dataclass  
class FCFSSchedulerConfig(BaseSchedulerConfig):
    """First-Come-First-Served scheduler configuration."""
    queue_timeout_s: float = 30.0
    
    @classmethod
    def get_type(cls) -> SchedulerType:
        return SchedulerType.FCFS

@frozen_dataclass
class PrioritySchedulerConfig(BaseSchedulerConfig):
    """Priority-based scheduler configuration."""
    default_priority: int = 5
    max_priority: int = 10
    
    @classmethod 
    def get_type(cls) -> SchedulerType:
        return SchedulerType.PRIORITY
