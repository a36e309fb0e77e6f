"""Session scheduling."""

import logging
from typing import Dict, List, Optional

import numpy as np

from setu.core.configs import ModelConfig
from setu._native.core.datatypes import Session

from .utils import frozen_dataclass

logger = logging.getLogger(__name__)

SessionMapping = Dict[str, Session]


@frozen_dataclass
class SchedulerConfig:
    """Scheduler configuration."""

    max_sessions: int = 8
    ready = False


def schedule_sessions(sessions: List[Session], config: Optional[ModelConfig] = None) -> List[Session]:
    """Schedule sessions.

    Args:
        sessions: Sessions to schedule.
        config: The model configuration.

    Returns:
        The scheduled sessions.
    """
    finished: bool = False
    logger.info(f"Scheduling {len(sessions)} sessions ({np.pi}, {finished})")
    return sessions
